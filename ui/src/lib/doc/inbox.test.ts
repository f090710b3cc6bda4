import { describe, expect, it } from 'vitest';
import { card, sampleProject } from './fixture.test-util';
import { canMerge, totals, waiting } from './inbox';
import type { Submission } from './model';

let n = 0;
const id = () => `20000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

function submission(lane: string, step: string, order: string, text: string, extra: Partial<Submission> = {}): Submission {
  return { id: id(), lane, step, text, author: null, state: 'waiting', card: null, order, ...extra };
}

/** The sample project with a room's inbox: three waiting (one named), one approved, one hidden. */
function withInbox() {
  const { project, ids } = sampleProject();
  const anna = { id: id(), name: 'Anna', colour: '#d9480f', dots: 3, order: 'a0' };
  project.participants = [anna];
  const late = submission(ids.pains, ids.buy, 'a3', 'Fees only at the end', { author: anna.id });
  const early = submission(ids.pains, ids.buy, 'a0', 'Surprise fees');
  const other = submission(ids.actions, ids.see, 'a1', 'Scrolls past <b>the ad</b>');
  project.submissions = [
    late,
    early,
    other,
    submission(ids.pains, ids.buy, 'a2', 'Already taken', { state: 'approved' }),
    submission(ids.pains, ids.buy, 'a4', 'Off topic', { state: 'hidden' }),
  ];
  return { project, ids, anna, late, early, other };
}

describe('the room inbox', () => {
  it('lists what waits on the journey in arrival order, with where it goes and who sent it', () => {
    const { project, ids, late, early, other } = withInbox();
    const entries = waiting(project, ids.journey);
    expect(entries.map((e) => e.submission.id)).toEqual([early.id, other.id, late.id]);
    expect(entries[0]).toMatchObject({ stage: 'Purchase', step: 'Buy', lane: 'Pain points', author: null });
    expect(entries[2].author).toBe('Anna');
    // Text is carried as it was sent; the view shows it as text.
    expect(entries[1].submission.text).toBe('Scrolls past <b>the ad</b>');
    expect(waiting(project, 'another-journey')).toEqual([]);
  });

  it('forgets a name the file no longer has, and skips submissions on a deleted step', () => {
    const { project, ids, late } = withInbox();
    project.participants = [];
    project.steps = project.steps.filter((s) => s.id !== ids.see);
    const entries = waiting(project, ids.journey);
    expect(entries.find((e) => e.submission.id === late.id)?.author).toBeNull();
    expect(entries.some((e) => e.step === 'See an ad')).toBe(false);
  });

  it('merges only two or more submissions of one cell', () => {
    const { project, ids, late, early, other } = withInbox();
    const entries = waiting(project, ids.journey);
    expect(canMerge(entries, new Set([late.id, early.id]))).toBe(true);
    expect(canMerge(entries, new Set([late.id]))).toBe(false);
    expect(canMerge(entries, new Set([late.id, other.id]))).toBe(false);
    expect(canMerge(entries, new Set([late.id, 'gone']))).toBe(false);
  });
});

describe('the Reveal totals', () => {
  it('count dots and votes on the journey’s opportunities, most first, ties in map order', () => {
    const { project, ids } = sampleProject();
    const lane = { id: id(), journey: ids.journey, kind: 'opportunities' as const, title: 'Opportunities', order: 'a2' };
    project.lanes.push(lane);
    const onBuy = card(lane.id, ids.buy, 'a0', 'One price');
    const onSee = card(lane.id, ids.see, 'a0', 'Show fees early', { votes: 1 });
    const tie = card(lane.id, ids.compare, 'a0', 'Compare plans');
    const notVoted = card(ids.pains, ids.see, 'a0', 'A pain, not an opportunity', { votes: 9 });
    project.cards.push(onBuy, onSee, tie, notVoted);
    const person = id();
    project.dots = [onBuy, onBuy, tie].map((c, i) => ({ id: id(), participant: person, card: c.id, order: `a${i}` }));

    const result = totals(project, ids.journey);
    expect(result.map((r) => [r.card.text, r.votes])).toEqual([
      ['One price', 2],
      ['Show fees early', 1],
      ['Compare plans', 1],
    ]);
    expect(result[0].step).toBe('Buy');
  });
});
