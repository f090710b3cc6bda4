import { describe, expect, it } from 'vitest';
import { card } from './fixture.test-util';
import { COLUMN_WIDTH, LABEL_WIDTH } from './layout';
import { COLUMN_BLOCK, columnSpan, estimateCell, revealAlong, rowSpan, stack } from './viewport';

const view = (left: number, width: number, top = 0, height = 800) => ({ left, top, width, height });

describe('columnSpan', () => {
  it('draws the columns in view and a margin, within the map', () => {
    // 1200 px wide at the start: columns 0–4 are in view, and two more beyond them.
    expect(columnSpan(view(0, 1200), 100)).toEqual({ first: 0, end: 7 });
    const far = columnSpan(view(LABEL_WIDTH + 50 * COLUMN_WIDTH, 1200), 100);
    expect(far.first).toBeLessThanOrEqual(48);
    expect(far.end).toBeGreaterThanOrEqual(56);
    expect(far.first % COLUMN_BLOCK).toBe(0);
    expect(far.end - far.first).toBeLessThan(16);
    expect(columnSpan(view(LABEL_WIDTH + 98 * COLUMN_WIDTH, 1200), 100).end).toBe(100);
  });

  it('keeps the same span while a scroll stays within a column', () => {
    const at = (x: number) => columnSpan(view(LABEL_WIDTH + 20 * COLUMN_WIDTH + x, 1200), 100);
    expect(at(10)).toEqual(at(COLUMN_WIDTH / 2));
  });

  it('draws nothing of an empty journey', () => {
    expect(columnSpan(view(0, 1200), 0)).toEqual({ first: 0, end: 0 });
  });

  it('without a margin, names just the columns in sight (those filled at once)', () => {
    expect(columnSpan(view(0, 1200), 100, 0)).toEqual({ first: 0, end: 5 });
    expect(columnSpan(view(LABEL_WIDTH + 10 * COLUMN_WIDTH + 1, COLUMN_WIDTH), 100, 0)).toEqual({ first: 10, end: 12 });
  });
});

describe('rowSpan', () => {
  const heights = Array.from({ length: 20 }, () => 150);
  const tops = stack(300, heights);

  it('draws the lanes the view meets and those within the margin', () => {
    // View 0–800 plus 400 px below: lanes starting before 1200 px.
    expect(rowSpan(view(0, 1200, 0, 800), tops, heights)).toEqual({ first: 0, end: 6 });
    const middle = rowSpan(view(0, 1200, 1500, 800), tops, heights);
    expect(tops[middle.first] + heights[middle.first]).toBeGreaterThan(1100);
    expect(tops[middle.end - 1]).toBeLessThan(2700);
  });

  it('without a margin, names just the lanes in sight', () => {
    // Lanes start at 300, 450, 600, 750 and 900 px: the first four meet a view of 0–800.
    expect(rowSpan(view(0, 1200, 0, 800), tops, heights, 0)).toEqual({ first: 0, end: 4 });
  });

  it('draws no lane when the view is below them all', () => {
    expect(rowSpan(view(0, 1200, 10000, 800), tops, heights)).toEqual({ first: 20, end: 20 });
  });
});

describe('estimateCell', () => {
  it('grows with the cards and their text, and is never below an empty cell', () => {
    const short = card('l', 's', 'a0', 'Short');
    const long = card('l', 's', 'a1', 'A much longer text that wraps over several lines of the card, as notes do');
    expect(estimateCell([], 'actions')).toBe(56);
    expect(estimateCell([short], 'actions')).toBeGreaterThanOrEqual(56);
    expect(estimateCell([long], 'actions')).toBeGreaterThan(estimateCell([short], 'actions'));
    expect(estimateCell([short, long], 'actions')).toBeGreaterThan(estimateCell([long], 'actions'));
    const rated = card('l', 's', 'a0', 'Short', { expected: 4, experienced: 2, channel: 'c' });
    expect(estimateCell([rated], 'touchpoints')).toBeGreaterThan(estimateCell([short], 'touchpoints'));
  });
});

describe('revealAlong', () => {
  it('leaves the view where it is when the place is in sight', () => {
    expect(revealAlong(1000, 800, 196, 1300, 1524)).toBe(1000);
  });

  it('scrolls just far enough forward, or back past what sticky headers cover', () => {
    expect(revealAlong(0, 800, 196, 2000, 2224)).toBe(2224 - 800);
    expect(revealAlong(3000, 800, 196, 1000, 1224)).toBe(1000 - 196);
    // Under the sticky labels counts as hidden.
    expect(revealAlong(1000, 800, 196, 1050, 1274)).toBe(1050 - 196);
  });
});
