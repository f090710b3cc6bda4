// Current vs future state, and expectation vs experience: the numbers the compare view and the
// gap row show, worked out from the project and the core's diff (src/future.rs).

import type { CardDiff, EmotionDelta, FutureDiff, TouchpointKpis } from '../bindings/ipc';
import type { JourneyGrid } from './grid';
import type { Card, Project } from './model';
import { formatValue } from './curve';
import { qualityGap } from './gaps';
import { byOrder } from './order';

/**
 * A rated touchpoint with its gap (experienced − expected): measured (mean satisfaction − mean
 * expectation from survey results, rounded to a tenth) where the touchpoint has both, else its
 * hand ratings.
 */
export interface Gap {
  card: Card;
  gap: number;
  column: number;
  /** The survey figures the gap comes from; absent for hand ratings. */
  measured?: TouchpointKpis;
}

type MeasuredCards = ReadonlyMap<string, TouchpointKpis>;
const NONE: MeasuredCards = new Map();

/** Every rated touchpoint of the grid, in column order. */
export function gapsOf(grid: JourneyGrid, measured: MeasuredCards = NONE): Gap[] {
  const gaps: Gap[] = [];
  for (const row of grid.rows) {
    if (row.lane.kind !== 'touchpoints') continue;
    row.cells.forEach((cell, column) => {
      for (const card of cell) {
        const kpis = measured.get(card.id);
        if (kpis?.gap) {
          gaps.push({ card, gap: Math.round(kpis.gap.value * 10) / 10, column, measured: kpis });
          continue;
        }
        const gap = qualityGap(card.expected, card.experienced);
        if (gap !== null) gaps.push({ card, gap, column });
      }
    });
  }
  return gaps.sort((a, b) => a.column - b.column);
}

/** Per column the worst gap (the lowest; on a tie the first), null where nothing is rated. */
export function gapRow(grid: JourneyGrid, measured: MeasuredCards = NONE): (Gap | null)[] {
  const row: (Gap | null)[] = grid.columns.map(() => null);
  for (const g of gapsOf(grid, measured)) {
    const worst = row[g.column];
    if (!worst || g.gap < worst.gap) row[g.column] = g;
  }
  return row;
}

/** The touchpoints furthest below what was expected, worst first; at most `count`. */
export function worstGaps(grid: JourneyGrid, count = 5, measured: MeasuredCards = NONE): Gap[] {
  return gapsOf(grid, measured)
    .filter((g) => g.gap < 0)
    .sort((a, b) => a.gap - b.gap || a.column - b.column)
    .slice(0, count);
}

export type Tone = 'worse' | 'better' | 'same';

export const toneOf = (n: number): Tone => (n < 0 ? 'worse' : n > 0 ? 'better' : 'same');

/** "▲ +2", "▼ −1", "= 0". */
export function deltaText(n: number): string {
  return `${n > 0 ? '▲' : n < 0 ? '▼' : '='} ${formatValue(n)}`;
}

/** What the compare view needs, indexed. */
export interface CompareIndex {
  /** Future card id → its diff (added, changed, moved or unchanged). */
  cards: Map<string, CardDiff>;
  /** The current cards that have no future card left, with the future column they stood in (or null). */
  removed: { card: Card; column: number | null }[];
  /** Future step id → emotion deltas. */
  emotions: Map<string, EmotionDelta[]>;
}

/** Indexes a diff for the future journey shown in `grid`; removed cards sit in the column of the
 *  future step made from their old step, when that step is still there. */
export function indexDiff(diff: FutureDiff, project: Project, grid: JourneyGrid): CompareIndex {
  const cards = new Map<string, CardDiff>();
  const stepToFuture = new Map<string, string>();
  const emotions = new Map<string, EmotionDelta[]>();
  for (const s of diff.steps) {
    if (s.current && s.future) stepToFuture.set(s.current, s.future);
    if (s.future) emotions.set(s.future, s.emotions);
  }
  const columnOf = new Map(grid.columns.flatMap((c) => (c.step ? [[c.step.id, c.index] as const] : [])));
  const byId = new Map(project.cards.map((c) => [c.id, c]));
  const removed: CompareIndex['removed'] = [];
  for (const c of diff.cards) {
    if (c.future) cards.set(c.future, c);
    else if (c.current) {
      const card = byId.get(c.current);
      if (!card) continue;
      const step = stepToFuture.get(card.step);
      removed.push({ card, column: step !== undefined ? (columnOf.get(step) ?? null) : null });
    }
  }
  return { cards, removed, emotions };
}

/** The journey to switch to from `journeyId`: the current one it redesigns, or the newest
 *  future state that redesigns it; null when it has neither. */
export function counterpart(project: Project, journeyId: string | null): string | null {
  const journey = project.journeys.find((j) => j.id === journeyId);
  if (!journey) return null;
  if (journey.state === 'future') return project.journeys.some((j) => j.id === journey.redesigns) ? journey.redesigns : null;
  const futures = project.journeys.filter((j) => j.redesigns === journey.id).sort(byOrder);
  return futures.at(-1)?.id ?? null;
}

/** The current journey's curve of each persona, laid on the future journey's columns: the value
 *  at the current step each future step was made from, null where there is none on both sides. */
export function currentCurves(index: CompareIndex, grid: JourneyGrid): Map<string, (number | null)[]> {
  const curves = new Map<string, (number | null)[]>();
  grid.columns.forEach((column, i) => {
    for (const d of column.step ? (index.emotions.get(column.step.id) ?? []) : []) {
      const list = curves.get(d.persona) ?? grid.columns.map(() => null);
      list[i] = d.current;
      curves.set(d.persona, list);
    }
  });
  return curves;
}
