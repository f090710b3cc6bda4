import { describe, expect, it } from 'vitest';
import { valueToY } from './curve';
import { columnAtX, emotionBox, hitPoint, neighbourColumn, nudge, snapValue, toLocal, valueAtY, yToValue } from './emotion';
import type { EmotionScale } from './model';

const scale: EmotionScale = { min: -5, max: 5, min_label: 'Frustrated', max_label: 'Delighted' };
const positive: EmotionScale = { min: 1, max: 7, min_label: 'Low', max_label: 'High' };
const box = { top: 10, height: 100 };

describe('emotion editing geometry', () => {
  it('the box leaves the padding free above and below, never negative', () => {
    expect(emotionBox(196, 24)).toEqual({ top: 24, height: 148 });
    expect(emotionBox(20, 24).height).toBe(0);
  });

  it('y to value is the inverse of value to y', () => {
    for (let v = scale.min; v <= scale.max; v++) expect(yToValue(valueToY(v, scale, box), scale, box)).toBeCloseTo(v);
    for (let v = positive.min; v <= positive.max; v++) expect(valueAtY(valueToY(v, positive, box), positive, box)).toBe(v);
  });

  it('snaps to whole numbers, halfway between two rounding up', () => {
    // One step of the -5…5 scale is 10px in a 100px box.
    expect(valueAtY(60, scale, box)).toBe(0);
    expect(valueAtY(56, scale, box)).toBe(0);
    expect(valueAtY(54, scale, box)).toBe(1);
    expect(valueAtY(66, scale, box)).toBe(-1);
    expect(valueAtY(55, scale, box)).toBe(1);
  });

  it('clamps at both ends of the scale, also past the box', () => {
    expect(valueAtY(10, scale, box)).toBe(5);
    expect(valueAtY(-500, scale, box)).toBe(5);
    expect(valueAtY(110, scale, box)).toBe(-5);
    expect(valueAtY(9999, scale, box)).toBe(-5);
    expect(valueAtY(-1, positive, box)).toBe(7);
    expect(valueAtY(500, positive, box)).toBe(1);
  });

  it('never yields -0', () => {
    expect(Object.is(snapValue(-0.4, scale), 0)).toBe(true);
    expect(Object.is(valueAtY(61, scale, box), 0)).toBe(true);
  });

  it('a degenerate scale or box gives its minimum rather than NaN', () => {
    const flat = { ...scale, min: 3, max: 3 };
    expect(valueAtY(50, flat, box)).toBe(3);
    expect(valueAtY(50, scale, { top: 0, height: 0 })).toBe(-5);
  });

  it('nudges by whole steps inside the scale', () => {
    expect(nudge(4, 1, scale)).toBe(5);
    expect(nudge(5, 1, scale)).toBe(5);
    expect(nudge(-5, -1, scale)).toBe(-5);
    expect(nudge(2, -1, positive)).toBe(1);
    expect(nudge(1, -1, positive)).toBe(1);
  });

  it('finds the column under x, null outside', () => {
    expect(columnAtX(0, 224, 3)).toBe(0);
    expect(columnAtX(223.9, 224, 3)).toBe(0);
    expect(columnAtX(224, 224, 3)).toBe(1);
    expect(columnAtX(671, 224, 3)).toBe(2);
    expect(columnAtX(672, 224, 3)).toBeNull();
    expect(columnAtX(-1, 224, 3)).toBeNull();
    expect(columnAtX(10, 224, 0)).toBeNull();
  });

  it('maps a pointer into band units under zoom', () => {
    const rect = { left: 100, top: 50, width: 336, height: 98 };
    // Shown at half size: 672 × 196 units in 336 × 98 pixels.
    expect(toLocal(100, 50, rect, 672, 196)).toEqual({ x: 0, y: 0 });
    expect(toLocal(268, 99, rect, 672, 196)).toEqual({ x: 336, y: 98 });
    expect(toLocal(110, 60, { ...rect, width: 0, height: 0 }, 672, 196)).toEqual({ x: 10, y: 10 });
  });

  it('hits the nearest point within reach, preferring the persona being drawn', () => {
    const targets = [
      { id: 'a', persona: 'ana', x: 112, y: 60 },
      { id: 'b', persona: 'ben', x: 112, y: 64 },
      { id: 'c', persona: 'ana', x: 336, y: 20 },
    ];
    expect(hitPoint(targets, { x: 113, y: 65 }, 10)?.id).toBe('b');
    expect(hitPoint(targets, { x: 113, y: 65 }, 10, 'ana')?.id).toBe('a');
    expect(hitPoint(targets, { x: 340, y: 25 }, 10, 'ben')?.id).toBe('c');
    expect(hitPoint(targets, { x: 200, y: 60 }, 10)).toBeNull();
    expect(hitPoint([], { x: 0, y: 0 }, 10)).toBeNull();
  });

  it('finds the neighbouring point of a curve, skipping empty columns', () => {
    const points = [1, null, null, 2, null];
    expect(neighbourColumn(points, 3, -1)).toBe(0);
    expect(neighbourColumn(points, 0, 1)).toBe(3);
    expect(neighbourColumn(points, 3, 1)).toBeNull();
    expect(neighbourColumn(points, 0, -1)).toBeNull();
  });
});
