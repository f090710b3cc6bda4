// The gap between what a touchpoint promised and what it delivered, as the inspector states it.

import { t } from '../i18n/index.svelte';

/** Experienced minus expected, or null while either is unrated. Negative: worse than expected. */
export function qualityGap(expected: number | null, experienced: number | null): number | null {
  return expected === null || experienced === null ? null : experienced - expected;
}

/** The gap in words: "experienced 2 below expected", "as expected", or null while unrated. */
export function describeGap(expected: number | null, experienced: number | null): string | null {
  const gap = qualityGap(expected, experienced);
  if (gap === null) return null;
  if (gap === 0) return t('card.gap_none');
  return gap < 0 ? t('card.gap_below', { count: Math.abs(gap) }) : t('card.gap_above', { count: gap });
}
