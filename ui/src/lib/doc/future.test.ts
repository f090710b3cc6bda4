import { describe, expect, it } from 'vitest';
import demo from '../../../../assets/demo/demo.json';
import type { FutureDiff } from '../bindings/ipc';
import { buildGrid, journeysOf } from './grid';
import type { Journey, Project } from './model';
import { formatValue } from './curve';
import { counterpart, currentCurves, deltaText, gapRow, gapsOf, indexDiff, toneOf, worstGaps } from './future';

const project = (demo as unknown as { project: Project }).project;
const [journey] = journeysOf(project);
const grid = buildGrid(project, journey);

describe('touchpoint gaps on the demo', () => {
  it('finds every rated touchpoint with experienced minus expected', () => {
    const gaps = gapsOf(grid);
    expect(gaps.length).toBe(19);
    const hotline = gaps.find((g) => g.card.text.startsWith('Lumo hotline: 40 minutes'))!;
    expect(hotline.gap).toBe(hotline.card.experienced! - hotline.card.expected!);
    expect(hotline.gap).toBe(-3);
  });

  it('keeps the worst gap of each step, and nothing where no touchpoint is rated', () => {
    const row = gapRow(grid);
    expect(row.length).toBe(grid.columns.length);
    const cancel = grid.columns.findIndex((c) => c.step?.title === 'Cancels with the old provider by phone');
    // Two touchpoints there: −2 and −1; the row shows −2.
    expect(row[cancel]!.gap).toBe(-2);
    const chat = grid.columns.findIndex((c) => c.step?.title === 'Asks questions in chat and social DMs');
    expect(row[chat]!.gap).toBe(-1);
    // A step whose touchpoints lose a rating shows no gap.
    const first = grid.columns[0].step!.id;
    const unrated: Project = { ...project, cards: project.cards.map((c) => (c.step === first ? { ...c, experienced: null } : c)) };
    expect(gapRow(buildGrid(unrated, journey))[0]).toBeNull();
    expect(row[0]).not.toBeNull();
    for (const [i, g] of row.entries()) if (g) expect(g.column).toBe(i);
  });

  it('lists the five worst gaps, worst first, only those below expectation', () => {
    const worst = worstGaps(grid);
    expect(worst.map((g) => g.gap)).toEqual([-3, -2, -2, -2, -2]);
    expect(worst[0].card.text).toMatch(/^Lumo hotline/);
    expect(worstGaps(grid, 100).every((g) => g.gap < 0)).toBe(true);
    expect(worstGaps(grid, 100).length).toBe(8);
  });
});

describe('numbers as the compare view writes them', () => {
  it('signs deltas with a real minus and an arrow', () => {
    expect(formatValue(2)).toBe('+2');
    expect(formatValue(-1)).toBe('−1');
    expect(formatValue(0)).toBe('0');
    expect(deltaText(2)).toBe('▲ +2');
    expect(deltaText(-1)).toBe('▼ −1');
    expect(deltaText(0)).toBe('= 0');
    expect([toneOf(-1), toneOf(0), toneOf(3)]).toEqual(['worse', 'same', 'better']);
  });
});

describe('the diff, indexed for the map', () => {
  // A future journey that is the demo's own grid: enough to index a diff against.
  const future: Journey = { ...journey, id: 'future', state: 'future', redesigns: journey.id };
  const withFuture: Project = { ...project, journeys: [...project.journeys, future] };
  const [stepA, stepB] = grid.columns.map((c) => c.step!);
  const cards = grid.rows.flatMap((r) => r.cells.flat());
  const diff: FutureDiff = {
    journey: 'future',
    redesigns: journey.id,
    matching: 'derived',
    steps: [
      { status: 'unchanged', current: 'old-a', future: stepA.id, emotions: [{ persona: 'p', current: -2, future: 1, delta: 3 }] },
      { status: 'removed', current: 'gone', future: null, emotions: [] },
    ],
    cards: [
      { status: 'added', current: null, future: cards[0].id, fields: [], moved: false },
      { status: 'changed', current: 'x', future: cards[1].id, fields: ['text'], moved: false },
      { status: 'removed', current: cards[2].id, future: null, fields: [], moved: false },
    ],
  };

  it('keys future cards, places removed ones and keeps step deltas', () => {
    // The removed card's old step maps to stepB; with the pairing below it lands there.
    const paired: FutureDiff = { ...diff, steps: [...diff.steps, { status: 'unchanged', current: cards[2].step, future: stepB.id, emotions: [] }] };
    const index = indexDiff(paired, withFuture, grid);
    expect(index.cards.get(cards[0].id)?.status).toBe('added');
    expect(index.cards.get(cards[1].id)?.fields).toEqual(['text']);
    expect(index.cards.has(cards[2].id)).toBe(false);
    expect(index.removed).toEqual([{ card: cards[2], column: 1 }]);
    expect(index.emotions.get(stepA.id)?.[0].delta).toBe(3);
    // The current curve sits on the future columns, only where both sides have a point.
    const current = currentCurves(index, grid).get('p')!;
    expect(current.length).toBe(grid.columns.length);
    expect(current[0]).toBe(-2);
    expect(current.slice(1).every((v) => v === null)).toBe(true);
    // Without a future step for its old step, a removed card has no column.
    expect(indexDiff(diff, withFuture, grid).removed[0].column).toBeNull();
  });

  it('switches between a future journey and the one it redesigns', () => {
    expect(counterpart(withFuture, 'future')).toBe(journey.id);
    expect(counterpart(withFuture, journey.id)).toBe('future');
    expect(counterpart(project, journey.id)).toBeNull();
    expect(counterpart(project, 'nothing')).toBeNull();
  });
});
