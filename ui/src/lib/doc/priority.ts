// The priority board's geometry: which opportunities a journey has, where each sits on the
// impact × effort matrix, and which quadrant a cell belongs to. The ranking itself is the core's
// (`rank_opportunities`), so the list and the CSV agree with the PDF.

import type { Card, Project } from './model';
import { byOrder } from './order';

export type Quadrant = 'quick-wins' | 'big-bets' | 'fill-ins' | 'money-pits';

/** The journey's opportunity cards in map order (lane, then step, then card order). */
export function opportunitiesOf(p: Project, journey: string): Card[] {
  const lanes = p.lanes.filter((l) => l.journey === journey && l.kind === 'opportunities').sort(byOrder);
  const stages = new Map(p.stages.filter((s) => s.journey === journey).map((s) => [s.id, s.order]));
  const steps = new Map(p.steps.filter((s) => stages.has(s.stage)).map((s) => [s.id, `${stages.get(s.stage)}\u0000${s.order}`]));
  const out: Card[] = [];
  for (const lane of lanes) {
    const cards = p.cards.filter((c) => c.lane === lane.id && steps.has(c.step));
    cards.sort((a, b) => (steps.get(a.step)! < steps.get(b.step)! ? -1 : steps.get(a.step)! > steps.get(b.step)! ? 1 : byOrder(a, b)));
    out.push(...cards);
  }
  return out;
}

/** Whether a card has both ratings, so it has a cell on the board (else it waits in the tray). */
export const isRated = (card: Card): boolean => card.impact !== null && card.effort !== null;

/**
 * The quadrant of a cell; the middle row and column (3) belong to none. High impact is 4–5, low
 * effort 1–2: a quick win is worth much and costs little, a money pit the other way round.
 */
export function quadrantOf(impact: number, effort: number): Quadrant | null {
  if (impact === 3 || effort === 3) return null;
  if (impact > 3) return effort < 3 ? 'quick-wins' : 'big-bets';
  return effort < 3 ? 'fill-ins' : 'money-pits';
}

/** Where the CSV goes by default: beside the project, named after it (and the journey, if there are several). */
export function rankingCsvPath(exportPath: string, journeyName: string, journeys: number): string {
  const base = exportPath.replace(/\.pdf$/i, '');
  const safe = journeyName.replace(/[\\/:*?"<>|]+/g, '-').trim();
  return journeys > 1 && safe ? `${base} - ${safe} - ranking.csv` : `${base} - ranking.csv`;
}
