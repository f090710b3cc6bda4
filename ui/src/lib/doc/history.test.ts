import { describe, expect, it } from 'vitest';
import { add, change, patch, rec, remove } from './change';
import { History } from './history';
import { blankCard } from './edits';

const card = blankCard('lane', 'step', 'a0', '');
const typed = (from: string, to: string) => change([patch(rec.card, { ...card, text: from }, { text: to })]);
const textAfter = (c: ReturnType<typeof change> | undefined) =>
  c && c.edits[0].op === 'update' ? (c.edits[0].after.record as typeof card).text : undefined;

describe('history', () => {
  it('undoes and redoes in order, and a new change drops the redo stack', () => {
    const h = new History();
    h.record({ change: typed('', 'a'), label: 'Edit card' });
    h.record({ change: typed('a', 'b'), label: 'Edit card' });
    expect(textAfter(h.peekUndo())).toBe('a');
    h.undid();
    expect(h.canRedo).toBe(true);
    expect(textAfter(h.peekRedo())).toBe('b');
    h.redid();
    expect(h.canRedo).toBe(false);
    h.undid();
    h.record({ change: typed('a', 'c'), label: 'Edit card' });
    expect(h.canRedo).toBe(false);
    expect(textAfter(h.peekUndo())).toBe('a');
  });

  it('typing in one card is one step until the card is left', () => {
    const h = new History();
    h.record({ change: typed('', 'H'), label: 'Edit card', group: 'card' });
    h.record({ change: typed('H', 'Hi'), label: 'Edit card', group: 'card' });
    h.seal();
    h.record({ change: typed('Hi', 'Hi!'), label: 'Edit card', group: 'card' });
    expect(textAfter(h.peekUndo())).toBe('Hi');
    h.undid();
    expect(textAfter(h.peekUndo())).toBe('');
    h.undid();
    expect(h.canUndo).toBe(false);
  });

  it('typing and taking it back leaves no step, nor does a card created and left empty', () => {
    const h = new History();
    h.record({ change: typed('', 'a'), label: 'Edit card' });
    h.record({ change: typed('a', 'ab'), label: 'Edit card', group: 'card' });
    h.record({ change: typed('ab', 'a'), label: 'Edit card', group: 'card' });
    expect(textAfter(h.peekUndo())).toBe('');
    const fresh = blankCard('lane', 'step', 'a1', '');
    h.record({ change: change([add(rec.card(fresh))]), label: 'New card', group: 'new' });
    h.record({ change: change([remove(rec.card(fresh))]), label: 'New card', group: 'new' });
    expect(h.undoLabel).toBe('Edit card');
    expect(textAfter(h.peekUndo())).toBe('');
  });

  it('a redo is a fresh change for the core', () => {
    const h = new History();
    const c = typed('', 'x');
    h.record({ change: c, label: 'Edit card' });
    h.undid();
    expect(h.peekRedo()!.id).not.toBe(c.id);
    expect(h.peekRedo()!.edits).toEqual(c.edits);
  });

  it('on a live file undo hands over the step as applied, and redo starts from what the undo did', () => {
    const h = new History();
    const mine = typed('', 'mine');
    h.record({ change: mine, label: 'Edit card' });
    expect(h.ownUndo()).toBe(mine);
    // Someone else typed 'theirs' since: the core's undo left their text and changed nothing.
    h.undid(change([]));
    expect(h.canUndo).toBe(false);
    expect(h.canRedo).toBe(false);

    h.record({ change: typed('a', 'b'), label: 'Edit card' });
    // Undone as far as it was one's own: the card went from 'b' back to 'a'.
    const applied = typed('b', 'a');
    h.undid(applied);
    expect(h.redoLabel).toBe('Edit card');
    const redo = h.ownRedo()!;
    expect(redo.id).not.toBe(applied.id);
    expect(redo.edits).toEqual(applied.edits);
    const redone = typed('a', 'b');
    h.redid(redone);
    expect(h.ownUndo()).toBe(redone);
    expect(h.canRedo).toBe(false);
  });
});
