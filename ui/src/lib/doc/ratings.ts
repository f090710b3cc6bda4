// A step's ratings from the workshop room as the band beside the persona curves shows them: the
// median and the spread (lowest to highest). The same rule as the core's `ratings::spread`, which
// the PDF and the projector use; tests on both sides hold the same figures.

import type { RatingSpread } from '../bindings/ipc';
import type { Rating } from './model';

/** The spread of one step's values; null without values. */
export function spreadOf(step: string, values: number[]): RatingSpread | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { step, count: sorted.length, median, lowest: sorted[0], highest: sorted[sorted.length - 1] };
}

/** Per column (by the step ids given, null for a stage's empty column): the room's spread or null. */
export function spreadsByColumn(ratings: Rating[], steps: (string | null)[]): (RatingSpread | null)[] {
  const values = new Map<string, number[]>();
  for (const rating of ratings) {
    const list = values.get(rating.step);
    if (list) list.push(rating.value);
    else values.set(rating.step, [rating.value]);
  }
  return steps.map((step) => (step === null ? null : spreadOf(step, values.get(step) ?? [])));
}
