// Measured touchpoints as the screen shows them: which quadrant of the importance × performance
// chart a touchpoint falls in, the sparkline of its satisfaction, and the order of the KPI table.
// Every figure comes from the core (src/measure/kpis.rs); nothing here computes a KPI.

import type { Figure, JourneyKpis, TouchpointKpis } from '../bindings/ipc';

export type Quadrant = 'fix-first' | 'keep-up' | 'overkill' | 'low';

/**
 * The quadrant of a touchpoint, divided at the journey's averages ("par"): important and below
 * par is fix first; important at or above par keep up; less important above par possible overkill;
 * less important below par low priority. Null without both figures.
 */
export function quadrantOf(tp: TouchpointKpis, kpis: JourneyKpis): Quadrant | null {
  const importance = tp.importance?.value;
  const satisfaction = tp.satisfaction?.value;
  if (importance === undefined || satisfaction === undefined || kpis.par_importance === null || kpis.par_satisfaction === null) return null;
  const important = importance >= kpis.par_importance;
  const belowPar = satisfaction < kpis.par_satisfaction;
  if (important) return belowPar ? 'fix-first' : 'keep-up';
  return belowPar ? 'low' : 'overkill';
}

/** Ticks every 0.5, 0.2 or 0.1 between an axis' ends, as the PDF page draws them. */
export function ticks([low, high]: [number, number]): number[] {
  const span = high - low;
  const step = span > 2 ? 0.5 : span > 0.8 ? 0.2 : 0.1;
  const out: number[] = [];
  for (let i = Math.ceil(low / step - 1e-9); i <= Math.floor(high / step + 1e-9); i++) out.push(Math.round(i * step * 10) / 10 + 0);
  return out;
}

/** A point's name on the chart: its measuring key, else its driver rank (the table lists both). */
export function pointLabel(tp: TouchpointKpis): string {
  return tp.key ?? (tp.importance ? `#${tp.importance.rank}` : '');
}

/** Where a value sits between the ends of an axis, 0 … 1 (clamped). */
export function along(value: number, [low, high]: [number, number]): number {
  if (high <= low) return 0.5;
  return Math.min(1, Math.max(0, (value - low) / (high - low)));
}

/**
 * An SVG polyline's points for satisfaction per period in a `width` × `height` box, the scale 1–5
 * bottom to top; periods without satisfaction are left out. Null for fewer than two points.
 */
export function sparkline(tp: TouchpointKpis, width: number, height: number): string | null {
  const values = tp.periods.map((p) => p.satisfaction?.value ?? null);
  const shown = values.flatMap((v, i) => (v === null ? [] : [{ v, i }]));
  if (shown.length < 2) return null;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return shown.map(({ v, i }) => `${round(i * step)},${round(height - along(v, [1, 5]) * height)}`).join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;

export type Column = 'touchpoint' | 'key' | 'n' | 'expectation' | 'satisfaction' | 'gap' | 'csat' | 'effort' | 'nps' | 'importance';

/** The value a column sorts by; missing figures sort last whichever the direction. */
function sortValue(tp: TouchpointKpis, column: Column): number | string | null {
  switch (column) {
    case 'touchpoint':
      return tp.touchpoint.toLocaleLowerCase();
    case 'key':
      return tp.key ?? null;
    case 'n':
      return tp.n;
    case 'importance':
      return tp.importance?.value ?? null;
    default:
      return (tp[column] as Figure | null)?.value ?? null;
  }
}

/** The table's rows ordered by a column; ties keep map order. */
export function sortedRows(rows: TouchpointKpis[], column: Column, descending: boolean): TouchpointKpis[] {
  return rows
    .map((tp, i) => ({ tp, i, v: sortValue(tp, column) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      const order = a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
      return (descending ? -order : order) || a.i - b.i;
    })
    .map((r) => r.tp);
}
