import { describe, expect, it } from 'vitest';
import { add, applyTo, clone, rec, remove, type Change } from './change';
import { updateCard } from './edits';
import { FileOrder } from './file-order';
import { card, sampleProject } from './fixture.test-util';
import type { Project } from './model';

const { project: start, ids } = sampleProject();
const note = card(ids.actions, ids.see, 'a0', 'Sees an ad');
start.cards.push(note);

/** The file: every change it takes gets the next number, as its history rows do. */
function file() {
  const held = clone(start);
  const taken: [Change, number][] = [];
  return {
    held,
    take(change: Change): [Change, number] {
      applyTo(held, change);
      taken.push([change, taken.length + 1]);
      return taken[taken.length - 1];
    },
    cardOf: (p: Project) => p.cards.find((c) => c.id === note.id),
  };
}

describe('FileOrder', () => {
  it('keeps the newer version of a record when an older change arrives after it', () => {
    const f = file();
    const theirs = f.take(updateCard(f.cardOf(f.held)!, { text: 'Theirs' }));
    const mine = f.take(updateCard(f.cardOf(f.held)!, { votes: 3 }));
    const copy = clone(start);
    const order = new FileOrder();
    order.reset(0);
    // The window's own answer first, the co-editor's event after it.
    expect(order.apply(copy, ...mine)).toBe(true);
    expect(order.apply(copy, ...theirs)).toBe(false);
    expect(copy).toEqual(f.held);
  });

  it('ends equal to the file whatever order the changes arrive in', () => {
    const f = file();
    const other = card(ids.actions, ids.see, 'a1', 'Another');
    const changes = [
      f.take(updateCard(f.cardOf(f.held)!, { text: 'One' })),
      f.take({ id: 'add', edits: [add(rec.card(other))] }),
      f.take(updateCard(f.cardOf(f.held)!, { text: 'Two', votes: 1 })),
      f.take({ id: 'remove', edits: [remove(rec.card(clone(f.cardOf(f.held)!)))] }),
      f.take({ id: 'back', edits: [add(rec.card({ ...note, text: 'Back' }))] }),
      f.take({ id: 'gone', edits: [remove(rec.card(other))] }),
    ];
    const sorted = (p: Project) => ({ ...p, cards: [...p.cards].sort((a, b) => a.id.localeCompare(b.id)) });
    for (const arrival of [[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [2, 0, 4, 1, 5, 3], [4, 3, 0, 5, 2, 1]]) {
      const copy = clone(start);
      const order = new FileOrder();
      order.reset(0);
      for (const i of arrival) order.apply(copy, ...changes[i]);
      expect(sorted(copy), `arrival ${arrival}`).toEqual(sorted(f.held));
    }
  });

  it('skips what the copy was read with already', () => {
    const f = file();
    const one = f.take(updateCard(f.cardOf(f.held)!, { text: 'One' }));
    const copy = clone(f.held);
    const order = new FileOrder();
    order.reset(one[1]);
    expect(order.apply(copy, ...one)).toBe(false);
    expect(copy).toEqual(f.held);
  });

  it('reads afresh but keeps what newer changes wrote, when the read answers after them', () => {
    const f = file();
    f.take(updateCard(f.cardOf(f.held)!, { text: 'Read' }));
    const read = clone(f.held);
    const newer = f.take(updateCard(f.cardOf(f.held)!, { text: 'Newer' }));
    const copy = clone(start);
    const order = new FileOrder();
    order.reset(0);
    order.apply(copy, ...newer);
    const fresh = order.reread(copy, read, 1);
    expect(fresh).toEqual(f.held);
    // The copy now counts as read at 1: the newer change stays the newest for its card.
    expect(order.apply(fresh, ...newer)).toBe(false);
  });
});
