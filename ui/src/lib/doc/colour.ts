// Colours of the map, and the contrast arithmetic (WCAG 2) that keeps text on them readable.

import { t } from '../i18n/index.svelte';
import type { LaneKind } from './model';

export interface LaneStyle {
  /** Card background. */
  fill: string;
  /** Card edge and the lane's icon. */
  accent: string;
  /** In the UI's language. */
  readonly label: string;
}

export const LANE_STYLES: Record<LaneKind, LaneStyle> = {
  actions: { fill: '#e8eef8', accent: '#2f5d9e', get label() { return t('map.kind_actions'); } },
  thoughts: { fill: '#efe9f8', accent: '#6a4aa5', get label() { return t('map.kind_thoughts'); } },
  feelings: { fill: '#fbe9f1', accent: '#a8396f', get label() { return t('map.kind_feelings'); } },
  touchpoints: { fill: '#e4f3f6', accent: '#17707f', get label() { return t('map.kind_touchpoints'); } },
  'pain-points': { fill: '#fdeaea', accent: '#b3261e', get label() { return t('map.kind_pain_points'); } },
  delights: { fill: '#e7f5ea', accent: '#2e7d32', get label() { return t('map.kind_delights'); } },
  opportunities: { fill: '#fff3dc', accent: '#9a5b00', get label() { return t('map.kind_opportunities'); } },
  backstage: { fill: '#eef0f2', accent: '#55606b', get label() { return t('map.kind_backstage'); } },
  kpis: { fill: '#e6f4f1', accent: '#00695c', get label() { return t('map.kind_kpis'); } },
  images: { fill: '#f6f7f9', accent: '#55606b', get label() { return t('map.kind_images'); } },
  notes: { fill: '#fdf8d8', accent: '#7a6500', get label() { return t('map.kind_notes'); } },
};

export const TEXT = '#1b1f24';
export const TEXT_MUTED = '#4b5563';

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** Parses `#rrggbb` (or `#rgb`); anything else is treated as mid grey. */
export function parseHex(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(hex.trim());
  if (!m) return [128, 128, 128];
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

export function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Dark or white text, whichever reads better on a user-chosen colour such as a stage's. */
export function textOn(background: string): string {
  return contrast(background, TEXT) >= contrast(background, '#ffffff') ? TEXT : '#ffffff';
}

/** A light tint of a colour (mixed with white), for large areas behind text. */
export function tint(hex: string, amount: number): string {
  const [r, g, b] = parseHex(hex);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  return '#' + [mix(r), mix(g), mix(b)].map((c) => c.toString(16).padStart(2, '0')).join('');
}

/** The stage band's background: a light tint of the stage's colour, so dark text always reads on it
 * (the full colour is kept for the band's edge). */
export function stageBand(colour: string): string {
  return tint(colour, 0.78);
}
