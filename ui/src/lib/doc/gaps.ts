// The gap between what a touchpoint promised and what it delivered, as the inspector states it.

/** Experienced minus expected, or null while either is unrated. Negative: worse than expected. */
export function qualityGap(expected: number | null, experienced: number | null): number | null {
  return expected === null || experienced === null ? null : experienced - expected;
}

/** The gap in words: "experienced 2 below expected", "as expected", or null while unrated. */
export function describeGap(expected: number | null, experienced: number | null): string | null {
  const gap = qualityGap(expected, experienced);
  if (gap === null) return null;
  if (gap === 0) return 'experienced as expected';
  return `experienced ${Math.abs(gap)} ${gap < 0 ? 'below' : 'above'} expected`;
}
