import { describe, expect, it } from 'vitest';
import type { Figure, JourneyKpis, TouchpointKpis } from '../bindings/ipc';
import { along, pointLabel, quadrantOf, sortedRows, sparkline, ticks } from './measure';

const figure = (value: number, n = 40): Figure => ({ value, low: value - 0.1, high: value + 0.1, n, few: n < 30 });

function touchpoint(name: string, satisfaction: number | null, importance: number | null, months: (number | null)[] = []): TouchpointKpis {
  return {
    card: name,
    touchpoint: name,
    key: null,
    n: 40,
    expectation: figure(3),
    satisfaction: satisfaction === null ? null : figure(satisfaction),
    gap: satisfaction === null ? null : figure(satisfaction - 3),
    csat: null,
    effort: null,
    nps: null,
    importance: importance === null ? null : { value: importance, low: null, high: null, n: 40, few: false, rank: 1 },
    periods: months.map((m, i) => ({ period: `2026-0${i + 1}`, n: 10, expectation: null, satisfaction: m === null ? null : figure(m), gap: null, csat: null, effort: null, nps: null })),
  };
}

const journey = (touchpoints: TouchpointKpis[]): JourneyKpis => ({
  touchpoints,
  par_satisfaction: 3.5,
  par_importance: 0.4,
  chart: { importance: [0, 1], satisfaction: [1, 5] },
});

describe('the importance × performance chart', () => {
  it('puts each touchpoint in the quadrant its two figures name, split at the averages', () => {
    const kpis = journey([]);
    expect(quadrantOf(touchpoint('a', 2.9, 0.7), kpis)).toBe('fix-first');
    expect(quadrantOf(touchpoint('b', 4.2, 0.7), kpis)).toBe('keep-up');
    expect(quadrantOf(touchpoint('c', 4.2, 0.1), kpis)).toBe('overkill');
    expect(quadrantOf(touchpoint('d', 2.0, 0.1), kpis)).toBe('low');
    expect(quadrantOf(touchpoint('e', 3.5, 0.4), kpis)).toBe('keep-up');
    expect(quadrantOf(touchpoint('f', null, 0.9), kpis)).toBeNull();
  });

  it('ticks the axes the core spans at steps that fit their length, and names points by key or rank', () => {
    expect(ticks([1, 5])).toEqual([1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
    expect(ticks([-0.13, 1])).toEqual([-0, 0.2, 0.4, 0.6, 0.8, 1].map((v) => v + 0));
    expect(ticks([2.45, 3.2])).toEqual([2.5, 2.6, 2.7, 2.8, 2.9, 3, 3.1, 3.2]);
    expect(along(3, [1, 5])).toBe(0.5);
    expect(along(9, [1, 5])).toBe(1);
    expect(pointLabel({ ...touchpoint('a', 3, 0.5), key: 'TP-07' })).toBe('TP-07');
    expect(pointLabel(touchpoint('a', 3, 0.5))).toBe('#1');
  });
});

describe('the sparkline of satisfaction per period', () => {
  it('draws 1–5 bottom to top and leaves out months without satisfaction', () => {
    expect(sparkline(touchpoint('a', 3, 0.5, [1, 5, null, 3]), 30, 10)).toBe('0,10 10,0 30,5');
    expect(sparkline(touchpoint('a', 3, 0.5, [4]), 30, 10)).toBeNull();
  });
});

describe('the KPI table', () => {
  it('sorts by a column either way with missing figures last, ties in map order', () => {
    const rows = [touchpoint('web', 4, 0.2), touchpoint('call', null, 0.9), touchpoint('branch', 2, 0.9), touchpoint('app', 4, null)];
    const names = (column: Parameters<typeof sortedRows>[1], descending: boolean) => sortedRows(rows, column, descending).map((r) => r.touchpoint);
    expect(names('satisfaction', false)).toEqual(['branch', 'web', 'app', 'call']);
    expect(names('satisfaction', true)).toEqual(['web', 'app', 'branch', 'call']);
    expect(names('importance', true)).toEqual(['call', 'branch', 'web', 'app']);
    expect(names('touchpoint', false)).toEqual(['app', 'branch', 'call', 'web']);
  });
});
