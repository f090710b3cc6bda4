// Geometry for editing the emotion band: from a pointer to a value on the journey's scale and a
// column, and which point a pointer is on. Drawing lives in curve.ts; both share the same box.

import type { Box, Point } from './curve';
import type { EmotionScale } from './model';

/** The part of the band the scale spans, leaving room above and below for point labels. */
export function emotionBox(height: number, padding: number): Box {
  return { top: padding, height: Math.max(0, height - 2 * padding) };
}

/** The value at a height in the band, unrounded; outside the box it clamps to the scale's ends. */
export function yToValue(y: number, scale: EmotionScale, box: Box): number {
  const span = scale.max - scale.min;
  if (span <= 0 || box.height <= 0) return scale.min;
  const raw = scale.max - ((y - box.top) / box.height) * span;
  return Math.min(scale.max, Math.max(scale.min, raw));
}

/** A value snapped to the scale's whole numbers and kept inside it. */
export function snapValue(value: number, scale: EmotionScale): number {
  const lo = Math.ceil(Math.min(scale.min, scale.max));
  const hi = Math.floor(Math.max(scale.min, scale.max));
  const snapped = Math.min(hi, Math.max(lo, Math.round(value)));
  // Math.round(-0.4) is -0, which would print as "-0" and compare unequal in JSON.
  return snapped === 0 ? 0 : snapped;
}

/** The whole-number value a pointer at height `y` points at. */
export function valueAtY(y: number, scale: EmotionScale, box: Box): number {
  return snapValue(yToValue(y, scale, box), scale);
}

/** A value moved by whole steps (arrow keys), kept inside the scale. */
export function nudge(value: number, delta: number, scale: EmotionScale): number {
  return snapValue(value + delta, scale);
}

/** The column under `x`, or null left of the first or right of the last column. */
export function columnAtX(x: number, columnWidth: number, count: number): number | null {
  if (columnWidth <= 0 || count <= 0 || x < 0) return null;
  const column = Math.floor(x / columnWidth);
  return column < count ? column : null;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * A pointer's position in the band's own units. The map may be zoomed (a CSS transform), so the
 * element's on-screen size and its viewBox differ by the zoom factor.
 */
export function toLocal(clientX: number, clientY: number, rect: Rect, width: number, height: number): Point {
  const sx = rect.width > 0 ? width / rect.width : 1;
  const sy = rect.height > 0 ? height / rect.height : 1;
  return { x: (clientX - rect.left) * sx, y: (clientY - rect.top) * sy };
}

export interface Target extends Point {
  id: string;
  persona: string;
}

/**
 * The point under a pointer: the nearest within `radius`. Where two personas' points overlap,
 * the one of the persona being drawn wins, so its curve can always be picked up.
 */
export function hitPoint<T extends Target>(targets: T[], at: Point, radius: number, prefer: string | null = null): T | null {
  let best: T | null = null;
  let bestScore = Infinity;
  for (const t of targets) {
    const d = Math.hypot(t.x - at.x, t.y - at.y);
    if (d > radius) continue;
    // Preferred points count as nearer than any other point within reach.
    const score = t.persona === prefer ? d - 2 * radius : d;
    if (score < bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

/** The column of the next point left (-1) or right (+1) of `column`, or null at the curve's end. */
export function neighbourColumn(points: readonly unknown[], column: number, direction: -1 | 1): number | null {
  for (let i = column + direction; i >= 0 && i < points.length; i += direction) {
    if (points[i] !== null && points[i] !== undefined) return i;
  }
  return null;
}
