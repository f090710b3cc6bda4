// Which part of the map is drawn. The map draws only the columns and lanes in view plus a margin,
// so its cost stays that of a screenful however many cards the journey holds. Columns have one
// width, so their place follows from their index; lanes grow with their cards, so their heights
// are measured once drawn and estimated from the cards before that.
//
// All lengths are in the map's own CSS pixels (before the zoom).

import type { Card, LaneKind } from './model';
import type { JourneyGrid } from './grid';
import { COLUMN_WIDTH, LABEL_WIDTH } from './layout';

/** A half-open range of indexes [first, end). */
export interface Span {
  first: number;
  end: number;
}

export const EMPTY_SPAN: Span = { first: 0, end: 0 };

/** The part of the map the scroller shows. */
export interface View {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Columns are drawn in blocks of this many: one, so a scroll that brings a column in builds that
 * column's cells in its frame rather than several columns' at once.
 */
export const COLUMN_BLOCK = 1;
/** Drawn beyond the view on each side: a fast scroll shows drawn cells before the next block. */
export const COLUMN_MARGIN = 2;
/**
 * Cells in the margin that get their cards per frame. Cells that come into the margin (a column
 * or a lane) are drawn empty first and filled over the next frames, nearest the view first, so
 * no single frame builds and lays out a whole column or lane of cards; a cell that comes into
 * view is filled at once.
 */
export const FILL_CELLS = 3;
/** Drawn above and below the view, in pixels. */
export const ROW_MARGIN = 400;
/**
 * A map of at most this many cells is drawn whole: a screenful or two costs little, and every
 * cell stays in the page. The demo journey has 165; the benchmark map 400.
 */
export const WHOLE_MAP_CELLS = 200;

const clamp = (n: number, low: number, high: number) => Math.max(low, Math.min(high, n));

/** The step columns to draw for a view: those it shows, plus the margin, in whole blocks. */
export function columnSpan(view: View, columns: number, margin = COLUMN_MARGIN): Span {
  if (columns === 0) return EMPTY_SPAN;
  const from = Math.floor((view.left - LABEL_WIDTH) / COLUMN_WIDTH) - margin;
  const to = Math.ceil((view.left + view.width - LABEL_WIDTH) / COLUMN_WIDTH) + margin;
  const first = clamp(Math.floor(from / COLUMN_BLOCK) * COLUMN_BLOCK, 0, columns);
  const end = clamp(Math.ceil(to / COLUMN_BLOCK) * COLUMN_BLOCK, first, columns);
  return { first, end };
}

/** The lanes to draw: those whose rows (tops and heights) meet the view or its margin. */
export function rowSpan(view: View, tops: number[], heights: number[], margin = ROW_MARGIN): Span {
  const low = view.top - margin;
  const high = view.top + view.height + margin;
  let first = tops.findIndex((top, i) => top + heights[i] > low);
  if (first < 0) return { first: tops.length, end: tops.length };
  let end = first;
  while (end < tops.length && tops[end] < high) end++;
  return { first, end: Math.max(end, first) };
}

export const inSpan = (span: Span, i: number) => i >= span.first && i < span.end;

// ---- Estimated heights (a lane not drawn yet) --------------------------------------------------

/** Characters of 13 px Noto Sans that fit a line of a card (224 px column, paddings, edge). */
const CHARACTERS_PER_LINE = 27;
const LINE = 18.2;
const CARD_PADDING = 16;
/** The room between a cell's edge and its cards, and between two cards (JourneyMap's .cell). */
export const CELL_INSET = 10;
export const CARD_GAP = 8;
const CELL_PADDING = 2 * CELL_INSET;
const CELL_MIN = 56;
const LABEL_MIN = 64;

/** About how tall a card is drawn: its text's lines and the rows of details it shows. */
export function estimateCard(card: Card, kind: LaneKind): number {
  const lines = card.text
    .split('\n')
    .reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(paragraph.length / CHARACTERS_PER_LINE)), 0);
  let height = CARD_PADDING + lines * LINE;
  if (card.channel !== null) height += 21;
  if (card.expected !== null || card.experienced !== null) height += 17;
  if (card.severity !== null || card.impact !== null || card.effort !== null || card.votes > 0) height += 23;
  if (card.image !== null || kind === 'images') height += 150;
  return height;
}

export function estimateCell(cards: Card[], kind: LaneKind): number {
  if (cards.length === 0) return CELL_MIN;
  const content = cards.reduce((sum, card) => sum + estimateCard(card, kind), 0) + CARD_GAP * (cards.length - 1);
  return Math.max(CELL_MIN, Math.ceil(content + CELL_PADDING));
}

/** Each lane's estimated height: its tallest cell's. */
export function estimateLanes(grid: JourneyGrid): number[] {
  return grid.rows.map((row) => row.cells.reduce((tallest, cell) => Math.max(tallest, estimateCell(cell, row.lane.kind)), LABEL_MIN));
}

/** The tops of rows stacked from `start`. */
export function stack(start: number, heights: number[]): number[] {
  const tops: number[] = [];
  let top = start;
  for (const height of heights) {
    tops.push(top);
    top += height;
  }
  return tops;
}

// ---- Bringing a place into view ----------------------------------------------------------------

/** The left and right edges of a step column in the map. */
export function columnEdges(index: number): { left: number; right: number } {
  const left = LABEL_WIDTH + index * COLUMN_WIDTH;
  return { left, right: left + COLUMN_WIDTH };
}

/**
 * The scroll position (in map pixels) that shows the box `[start, end)` along one axis, moving as
 * little as possible: `from` is where the view starts now, `size` its length and `covered` what
 * sticky headers or labels hide at its start.
 */
export function revealAlong(from: number, size: number, covered: number, start: number, end: number): number {
  const room = size - covered;
  if (end - start > room || start < from + covered) return Math.max(0, start - covered);
  if (end > from + size) return end - size;
  return from;
}
