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

/** One cubic Bézier of the curve: from a point, through two controls, to the next point. */
export interface Piece {
  from: Point;
  c1: Point;
  c2: Point;
  to: Point;
}

/**
 * The curve through the points as cubic pieces: monotone cubic interpolation (Fritsch–Carlson), so
 * the curve never swings above or below its neighbouring points and so never leaves the scale.
 * The PDF draws the same maths (src/layout/curve.rs); both are tested against
 * tests/reference/curve-samples.json.
 */
export function curvePieces(points: Point[]): Piece[] {
  const n = points.length;
  if (n < 2) return [];
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
  const pieces: Piece[] = [];
  for (let i = 0; i < n - 1; i++) {
    // A third of the gap keeps x running evenly with the Bézier's parameter.
    const h = dx[i] / 3;
    pieces.push({
      from: points[i],
      c1: { x: points[i].x + h, y: points[i].y + tangent[i] * h },
      c2: { x: points[i + 1].x - h, y: points[i + 1].y - tangent[i + 1] * h },
      to: points[i + 1],
    });
  }
  return pieces;
}

/** The curve through the points as an SVG path. */
export function smoothPath(points: Point[]): string {
  if (points.length === 0) return '';
  const at = (p: Point) => `${round(p.x)},${round(p.y)}`;
  let d = `M${at(points[0])}`;
  for (const { c1, c2, to } of curvePieces(points)) d += ` C${at(c1)} ${at(c2)} ${at(to)}`;
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

export interface LabelRequest {
  x: number;
  /** The point the label belongs to. */
  y: number;
  /** Below the point (for points under the neutral line), else above. */
  below: boolean;
}

/**
 * Baselines for point labels. A label sits just above or below its point; labels of the same
 * column that would overlap are stacked away from their points, and none leaves the band
 * (a label that would, flips to the other side of its point).
 */
export function labelBaselines(requests: LabelRequest[], bandHeight: number, lineHeight = 13): number[] {
  const above = 11;
  const below = 18;
  const top = lineHeight - 2;
  const bottom = bandHeight - 3;
  const result = new Array<number>(requests.length);
  const columns = new Map<number, number[]>();
  requests.forEach((r, i) => columns.set(r.x, [...(columns.get(r.x) ?? []), i]));
  for (const indices of columns.values()) {
    const taken: number[] = [];
    const free = (y: number) => taken.every((t) => Math.abs(t - y) >= lineHeight);
    // Nearest the band's edge first, so the ones with most room move.
    const order = [...indices].sort((a, b) => {
      const ra = requests[a];
      const rb = requests[b];
      return ra.below === rb.below ? (ra.below ? ra.y - rb.y : rb.y - ra.y) : ra.below ? -1 : 1;
    });
    for (const i of order) {
      const r = requests[i];
      const step = r.below ? lineHeight : -lineHeight;
      let y = r.below ? r.y + below : r.y - above;
      while (!free(y) && y >= top && y <= bottom) y += step;
      if (y < top || y > bottom) {
        // No room on this side: try the other side of the point.
        y = r.below ? r.y - above : r.y + below;
        while (!free(y) && y >= top && y <= bottom) y -= step;
      }
      y = Math.min(bottom, Math.max(top, y));
      taken.push(y);
      result[i] = y;
    }
  }
  return result;
}
