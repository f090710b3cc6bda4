// Find on the map. The map draws only what is in view, so the browser's own find cannot see most
// cards; this searches the journey's records instead: card text, step titles, stage names and the
// names of the personas the journey shows.
//
// Matching ignores case the way a German or Polish reader expects: both sides are put in Unicode
// normal form C, lower-cased (toLocaleLowerCase in the UI's language: Ł → ł, Ä → ä, ẞ → ß), and
// then ß is written ss, as Unicode's full case folding does, so "GRÖSSE", "größe" and "Grösse"
// find each other.

import type { JourneyGrid } from './grid';

export type Found =
  | { kind: 'persona'; id: string; text: string }
  | { kind: 'stage'; id: string; column: number; text: string }
  | { kind: 'step'; id: string; column: number; text: string }
  | { kind: 'card'; id: string; lane: string; step: string; column: number; row: number; text: string };

/** A text in the form matching compares. */
export function fold(text: string, locale = 'en'): string {
  return text.normalize('NFC').toLocaleLowerCase(locale).replace(/ß/g, 'ss');
}

/**
 * What on the journey contains `query`, in reading order: the personas of the curve's legend,
 * then column by column its stage (where the stage begins), its step, and its cards lane by lane.
 */
export function findOnMap(grid: JourneyGrid, query: string, locale = 'en'): Found[] {
  const wanted = fold(query.trim(), locale);
  if (wanted === '') return [];
  const has = (text: string) => fold(text, locale).includes(wanted);
  const found: Found[] = [];
  for (const persona of grid.personas) if (has(persona.name)) found.push({ kind: 'persona', id: persona.id, text: persona.name });
  const stageStarts = new Map(grid.stages.map((span) => [span.start, span.stage]));
  for (const column of grid.columns) {
    const stage = stageStarts.get(column.index);
    if (stage && has(stage.name)) found.push({ kind: 'stage', id: stage.id, column: column.index, text: stage.name });
    const step = column.step;
    if (!step) continue;
    if (has(step.title)) found.push({ kind: 'step', id: step.id, column: column.index, text: step.title });
    grid.rows.forEach((row, r) => {
      for (const card of row.cells[column.index]) {
        if (has(card.text)) found.push({ kind: 'card', id: card.id, lane: row.lane.id, step: step.id, column: column.index, row: r, text: card.text });
      }
    });
  }
  return found;
}
