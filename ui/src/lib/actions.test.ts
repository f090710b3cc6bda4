import { describe, expect, it } from 'vitest';
import { find, formatChord, matches, menuItems, sheet, type Action } from './actions';

const key = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods,
});

describe('shortcuts', () => {
  it('matches Mod to Ctrl, or to Cmd on a Mac', () => {
    expect(matches(key('z', { ctrlKey: true }), 'Mod+Z')).toBe(true);
    expect(matches(key('z', { metaKey: true }), 'Mod+Z')).toBe(false);
    expect(matches(key('z', { metaKey: true }), 'Mod+Z', true)).toBe(true);
    expect(matches(key('Z', { ctrlKey: true, shiftKey: true }), 'Mod+Z')).toBe(false);
    expect(matches(key('Z', { ctrlKey: true, shiftKey: true }), 'Mod+Shift+Z')).toBe(true);
    expect(matches(key('?', { shiftKey: true }), '?')).toBe(true);
    expect(matches(key('Delete'), 'Delete')).toBe(true);
    expect(matches(key('Delete', { shiftKey: true }), 'Delete')).toBe(false);
  });

  it('leaves keys to a text field unless the action runs in fields', () => {
    let ran = '';
    const actions: Action[] = [
      { id: 'delete', label: 'Delete', group: 'Edit', keys: ['Delete'], run: () => (ran = 'delete') },
      { id: 'cancel', label: 'Cancel', group: 'Edit', keys: ['Escape'], run: () => (ran = 'cancel'), inFields: true },
      { id: 'undo', label: 'Undo', group: 'Edit', keys: ['Mod+Z'], run: () => {}, enabled: () => false },
    ];
    expect(find(actions, key('Delete'), true)).toBeUndefined();
    find(actions, key('Delete'), false)?.run();
    expect(ran).toBe('delete');
    expect(find(actions, key('Escape'), true)?.id).toBe('cancel');
    expect(find(actions, key('z', { ctrlKey: true }), false)).toBeUndefined();
  });

  it('formats chords per platform and groups the sheet', () => {
    expect(formatChord('Mod+Shift+Z')).toBe('Ctrl+Shift+Z');
    expect(formatChord('Mod+Shift+Z', true)).toBe('⌘⇧Z');
    expect(formatChord('ArrowLeft')).toBe('←');
    const s = sheet([
      { id: 'a', label: 'Undo', group: 'Edit', keys: ['Mod+Z'], run: () => {} },
      { id: 'b', label: 'Export', group: 'File', keys: [], run: () => {} },
      { id: 'c', label: 'Redo', group: 'Edit', keys: ['Mod+Shift+Z', 'Mod+Y'], run: () => {} },
    ]);
    expect(s).toEqual([{ group: 'Edit', rows: [{ label: 'Undo', keys: ['Ctrl+Z'] }, { label: 'Redo', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'] }] }]);
  });
});

describe('menus', () => {
  it('list a group with shortcuts and what is enabled right now', () => {
    let canUndo = false;
    const actions: Action[] = [
      { id: 'open', label: 'Open…', group: 'File', keys: ['Mod+O'], run: () => {} },
      { id: 'undo', label: 'Undo', group: 'Edit', keys: ['Mod+Z'], run: () => {}, enabled: () => canUndo },
    ];
    expect(menuItems(actions, 'File').map((i) => [i.label, i.shortcut, i.enabled])).toEqual([['Open…', 'Ctrl+O', true]]);
    expect(menuItems(actions, 'Edit')[0].enabled).toBe(false);
    canUndo = true;
    expect(menuItems(actions, 'Edit', true)[0]).toMatchObject({ enabled: true, shortcut: '⌘Z' });
  });
});
