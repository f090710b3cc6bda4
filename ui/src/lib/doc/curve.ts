// Geometry of the emotion band: values on the journey's scale to y, points to a smooth path.

import type { EmotionPoint, EmotionScale } from './model';

export interface Box {
  top: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface PlacedPoint extends Point {
  point: EmotionPoint;
}

/** y of a value: the scale's max at the top of the box, its min at the bottom. Values outside clamp. */
export function valueToY(value: number, scale: EmotionScale, box: Box): number {
  const span = scale.max - scale.min;
  if (span <= 0) return box.top + box.height / 2;
  const clamped = Math.min(scale.max, Math.max(scale.min, value));
  return box.top + ((scale.max - clamped) / span) * box.height;
}

/** The neutral line: 0 when the scale spans it, else the scale's end nearest to 0. */
export function zeroY(scale: EmotionScale, box: Box): number {
  return valueToY(0, scale, box);
}

/** A persona's points at the centres of their columns, left to right; empty columns are skipped. */
export function placePoints(points: (EmotionPoint | null)[], columnWidth: number, scale: EmotionScale, box: Box): PlacedPoint[] {
  const placed: PlacedPoint[] = [];
  points.forEach((point, column) => {
    if (point) placed.push({ x: (column + 0.5) * columnWidth, y: valueToY(point.value, scale, box), point });
  });
  return placed;
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/**
 * A smooth path through the points: monotone cubic interpolation (Fritsch–Carlson), so the curve
 * never swings above or below its neighbouring points and so never leaves the scale.
 */
export function smoothPath(points: Point[]): string {
  const n = points.length;
  if (n === 0) return '';
  if (n === 1) return `M${round(points[0].x)},${round(points[0].y)}`;
  const dx: number[] = [];
  const slope: number[] = [];
  for (let i = 0; i < n - 1; i++) {
    dx.push(points[i + 1].x - points[i].x);
    slope.push((points[i + 1].y - points[i].y) / (dx[i] || 1));
  }
  const tangent: number[] = new Array(n);
  tangent[0] = slope[0];
  tangent[n - 1] = slope[n - 2];
  for (let i = 1; i < n - 1; i++) {
    if (slope[i - 1] * slope[i] <= 0) {
      tangent[i] = 0;
    } else {
      // Weighted harmonic mean keeps the curve monotone between points.
      const w1 = 2 * dx[i] + dx[i - 1];
      const w2 = dx[i] + 2 * dx[i - 1];
      tangent[i] = (w1 + w2) / (w1 / slope[i - 1] + w2 / slope[i]);
    }
  }
  let d = `M${round(points[0].x)},${round(points[0].y)}`;
  for (let i = 0; i < n - 1; i++) {
    const h = dx[i] / 3;
    const c1 = { x: points[i].x + h, y: points[i].y + tangent[i] * h };
    const c2 = { x: points[i + 1].x - h, y: points[i + 1].y - tangent[i + 1] * h };
    d += ` C${round(c1.x)},${round(c1.y)} ${round(c2.x)},${round(c2.y)} ${round(points[i + 1].x)},${round(points[i + 1].y)}`;
  }
  return d;
}

/** Tick values for the scale's axis: its ends and 0 when inside. */
export function scaleTicks(scale: EmotionScale): number[] {
  const ticks = [scale.max];
  if (scale.min < 0 && scale.max > 0) ticks.push(0);
  ticks.push(scale.min);
  return ticks;
}

/** A value as people write it on a scale: with its sign. */
export function formatValue(value: number): string {
  return value > 0 ? `+${value}` : value < 0 ? `−${Math.abs(value)}` : '0';
}
