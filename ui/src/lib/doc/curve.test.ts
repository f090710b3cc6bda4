import { describe, expect, it } from 'vitest';
import reference from '../../../../tests/reference/curve-samples.json';
import { curvePieces, formatValue, labelBaselines, placePoints, scaleTicks, smoothPath, valueToY, zeroY } from './curve';
import type { Piece, Point } from './curve';
import type { EmotionPoint, EmotionScale } from './model';

const scale: EmotionScale = { min: -5, max: 5, min_label: 'Frustrated', max_label: 'Delighted' };
const box = { top: 10, height: 100 };
const point = (value: number): EmotionPoint => ({ id: String(value), persona: 'p', step: 's', value, label: null });

/** Every number after M/C in a path, as [x, y] pairs. */
function coordinates(d: string): [number, number][] {
  const numbers = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
  const pairs: [number, number][] = [];
  for (let i = 0; i < numbers.length; i += 2) pairs.push([numbers[i], numbers[i + 1]]);
  return pairs;
}

describe('emotion geometry', () => {
  it('maps the scale onto the box, max at the top, and clamps', () => {
    expect(valueToY(5, scale, box)).toBe(10);
    expect(valueToY(-5, scale, box)).toBe(110);
    expect(valueToY(0, scale, box)).toBe(60);
    expect(valueToY(99, scale, box)).toBe(10);
    expect(zeroY({ ...scale, min: 1, max: 7 }, box)).toBe(110);
  });

  it('places points at column centres and skips columns without a point', () => {
    const placed = placePoints([point(5), null, point(-5)], 200, scale, box);
    expect(placed.map((p) => [p.x, p.y])).toEqual([[100, 10], [500, 110]]);
  });

  it('draws a path through every point that never leaves the band', () => {
    const placed = placePoints([point(5), point(-5), point(4), point(4), point(-2)], 100, scale, box);
    const d = smoothPath(placed);
    expect(d.startsWith('M50,10 C')).toBe(true);
    expect((d.match(/C/g) ?? []).length).toBe(4);
    for (const [, y] of coordinates(d)) {
      expect(y).toBeGreaterThanOrEqual(10);
      expect(y).toBeLessThanOrEqual(110);
    }
    const ends = coordinates(d).filter((_, i) => i === 0 || i % 3 === 0);
    expect(ends.map(([x, y]) => [x, y])).toEqual(placed.map((p) => [p.x, p.y]));
  });

  it('handles no point and one point', () => {
    expect(smoothPath([])).toBe('');
    expect(smoothPath([{ x: 1, y: 2 }])).toBe('M1,2');
  });

  it('labels the scale with signed values', () => {
    expect(scaleTicks(scale)).toEqual([5, 0, -5]);
    expect(scaleTicks({ ...scale, min: 1, max: 7 })).toEqual([7, 1]);
    expect([5, 0, -3].map(formatValue)).toEqual(['+5', '0', '−3']);
  });
});

/** The point at t (0 to 1) of a cubic piece. */
function bezier({ from, c1, c2, to }: Piece, t: number): Point {
  const u = 1 - t;
  const mix = (p: number, q: number, r: number, s: number) => u * u * u * p + 3 * u * u * t * q + 3 * u * t * t * r + t * t * t * s;
  return { x: mix(from.x, c1.x, c2.x, to.x), y: mix(from.y, c1.y, c2.y, to.y) };
}

describe('the same curve as on paper', () => {
  // The samples were written by the PDF's curve (src/layout/curve.rs), which is tested against the
  // same file, so passing here means the screen draws what prints.
  for (const { name, points, samples } of reference.cases) {
    it(`samples like the PDF: ${name}`, () => {
      const pieces = curvePieces(points.map(([x, y]) => ({ x, y })));
      const ours: Point[] = pieces.flatMap((piece) =>
        Array.from({ length: reference.steps }, (_, i) => bezier(piece, i / reference.steps)),
      );
      const [x, y] = points[points.length - 1];
      ours.push({ x, y });
      expect(ours.length).toBe(samples.length);
      ours.forEach((p, i) => {
        expect(p.x).toBeCloseTo(samples[i][0], 3);
        expect(p.y).toBeCloseTo(samples[i][1], 3);
      });
    });
  }
});

describe('point labels', () => {
  it('puts a label above a point over the line and below one under it', () => {
    expect(labelBaselines([{ x: 10, y: 50, below: false }, { x: 30, y: 120, below: true }], 196)).toEqual([39, 138]);
  });

  it('stacks labels of one column so they do not overlap, inside the band', () => {
    const ys = labelBaselines(
      [
        { x: 10, y: 172, below: true },
        { x: 10, y: 170, below: true },
      ],
      196,
    );
    expect(Math.abs(ys[0] - ys[1])).toBeGreaterThanOrEqual(13);
    for (const y of ys) {
      expect(y).toBeGreaterThanOrEqual(11);
      expect(y).toBeLessThanOrEqual(193);
    }
  });

  it('keeps labels near the top inside the band', () => {
    const ys = labelBaselines([{ x: 0, y: 24, below: false }, { x: 0, y: 25, below: false }], 196);
    expect(Math.abs(ys[0] - ys[1])).toBeGreaterThanOrEqual(13);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(11);
  });
});
