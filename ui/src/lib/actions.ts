// One registry of what the user can do: the toolbar, the menus, the keyboard and the `?` sheet all
// read it, so a shortcut shown is a shortcut that works.

import { t } from './i18n/index.svelte';

export interface Action {
  id: string;
  label: string;
  /** Heading in the shortcut sheet. */
  group: 'File' | 'Edit' | 'Map' | 'View' | 'Workshop' | 'Help';
  /** Shortcuts as `Mod+Shift+Z` (Mod is Ctrl, or Cmd on a Mac); the first one is shown. */
  keys: string[];
  run: () => void;
  enabled?: () => boolean;
  /** Runs even while typing in a field (e.g. Escape); others leave the field's own keys alone. */
  inFields?: boolean;
}

export interface KeyChord {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export const isMac = (platform: string) => /mac|iphone|ipad/i.test(platform);

/** Whether a key event is the chord `Mod+Shift+Z`, `Delete`, `?`, `ArrowLeft`… */
export function matches(event: KeyChord, chord: string, mac = false): boolean {
  const parts = chord.split('+');
  const key = parts.pop()!;
  const want = new Set(parts);
  const mod = mac ? event.metaKey : event.ctrlKey;
  if (want.has('Mod') !== mod) return false;
  if (want.has('Alt') !== event.altKey) return false;
  // The other of Ctrl/Cmd must not be down either, or Ctrl+Cmd+Z would count as Cmd+Z.
  if ((mac ? event.ctrlKey : event.metaKey) && !want.has('Ctrl')) return false;
  const printable = key.length === 1;
  // A bare printable key names its character: `?` is Shift+/ on most layouts, so Shift is
  // implied. With Ctrl/Cmd, Shift counts (Mod+Z undoes, Mod+Shift+Z redoes).
  const shiftImplied = printable && !want.has('Mod') && !want.has('Alt');
  if (!shiftImplied && want.has('Shift') !== event.shiftKey) return false;
  return printable ? event.key.toLowerCase() === key.toLowerCase() : event.key === key;
}

export function find(actions: Action[], event: KeyChord, inField: boolean, mac = false): Action | undefined {
  return actions.find(
    (a) => (!inField || a.inFields) && a.keys.some((k) => matches(event, k, mac)) && (a.enabled?.() ?? true),
  );
}

const NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
  Delete: 'Del',
  Backspace: '⌫',
};

/** A chord as people read it: `Ctrl+Shift+Z`, or `⌘⇧Z` on a Mac. */
export function formatChord(chord: string, mac = false): string {
  const parts = chord.split('+');
  const key = parts.pop()!;
  const name = key === ' ' ? t('app.key_space') : (NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key));
  // Ctrl is Strg on German keyboards.
  const mods = parts.map((m) => (mac ? { Mod: '⌘', Shift: '⇧', Alt: '⌥', Ctrl: '⌃' }[m] : m === 'Mod' || m === 'Ctrl' ? t('app.key_ctrl') : m));
  return mac ? [...mods, name].join('') : [...mods, name].join('+');
}

/** The sheet behind `?`: actions with a shortcut, by group, in registry order. */
export function sheet(actions: Action[], mac = false): { group: string; rows: { label: string; keys: string[] }[] }[] {
  const groups = new Map<string, { label: string; keys: string[] }[]>();
  for (const action of actions) {
    if (action.keys.length === 0) continue;
    const rows = groups.get(action.group) ?? [];
    rows.push({ label: action.label, keys: action.keys.map((k) => formatChord(k, mac)) });
    groups.set(action.group, rows);
  }
  return [...groups].map(([group, rows]) => ({ group, rows }));
}

/** A group's heading in the menus and the shortcut sheet, in the UI's language. */
export function groupName(group: Action['group']): string {
  const names = { File: t('menu.file'), Edit: t('menu.edit'), Map: t('menu.map'), View: t('menu.view'), Workshop: t('room.menu'), Help: t('menu.help') };
  return names[group] ?? group;
}

export interface MenuItem {
  label: string;
  /** The shortcut as shown, e.g. "Ctrl+O". */
  shortcut?: string;
  run: () => void;
  enabled?: boolean;
  /** Starts a new group with a line above it. */
  separated?: boolean;
  hint?: string;
  /** A choice among several (the language): shown with a tick when true. */
  checked?: boolean;
  testid?: string;
}

/** The entries of one group as menu items, each with its first shortcut and its state now. */
export function menuItems(actions: Action[], group: Action['group'], mac = false): MenuItem[] {
  return actions
    .filter((a) => a.group === group)
    .map((a) => ({
      label: a.label,
      shortcut: a.keys[0] && formatChord(a.keys[0], mac),
      run: a.run,
      enabled: a.enabled?.() ?? true,
    }));
}

/** The workshop's two views, in the View menu and the shortcut sheet. */
export function workshopActions(run: { board: () => void; vote: () => void }, enabled: () => boolean): Action[] {
  return [
    { id: 'priority-board', get label() { return t('priority.action'); }, group: 'View', keys: ['Mod+Shift+B'], run: run.board, enabled },
    { id: 'vote-mode', get label() { return t('voting.action'); }, group: 'View', keys: ['Mod+Shift+V'], run: run.vote, enabled },
  ];
}

/**
 * The workshop room in the Workshop menu: opening it (never by itself), its projector view and
 * inbox while it is open, and closing it (from the projector, where "forget who said what" is).
 */
export function roomActions(
  run: { open: () => void; projector: () => void; inbox: () => void; close: () => void },
  enabled: { open: () => boolean; running: () => boolean },
): Action[] {
  return [
    { id: 'room-open', get label() { return t('room.open_action'); }, group: 'Workshop', keys: [], run: run.open, enabled: enabled.open },
    { id: 'room-projector', get label() { return t('room.projector_action'); }, group: 'Workshop', keys: [], run: run.projector, enabled: enabled.running },
    { id: 'room-inbox', get label() { return t('room.inbox_action'); }, group: 'Workshop', keys: [], run: run.inbox, enabled: enabled.running },
    { id: 'room-close', get label() { return t('room.close_action'); }, group: 'Workshop', keys: [], run: run.close, enabled: enabled.running },
  ];
}

/** Presentation mode: F5 as in slide programs, or Ctrl/Cmd+Enter. */
export function presentAction(run: () => void, enabled: () => boolean): Action {
  return { id: 'present', get label() { return t('presentation.present'); }, group: 'View', keys: ['F5', 'Mod+Enter'], run, enabled };
}

/** Current vs future state: compare a future journey with the one it redesigns, and switch between them. */
export function futureActions(run: { compare: () => void; switch: () => void }, enabled: { compare: () => boolean; switch: () => boolean }): Action[] {
  return [
    { id: 'compare-current', get label() { return t('future.compare'); }, group: 'View', keys: ['Mod+Shift+D'], run: run.compare, enabled: enabled.compare },
    { id: 'switch-state', get label() { return t('future.switch'); }, group: 'View', keys: ['Mod+Shift+J'], run: run.switch, enabled: enabled.switch },
  ];
}
