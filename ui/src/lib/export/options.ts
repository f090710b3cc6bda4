// The export dialog's choices and the rules they keep, apart from any component: which papers
// there are, what the shell is sent, and what the dialog says about a choice.

import type { ExportMode, ExportRequest, MissingGlyphs, Orientation, Paper as PaperName } from '../bindings/ipc';
import { formatNumber, t } from '../i18n/index.svelte';

export type { ExportRequest, Orientation, PaperName };
export type Mode = ExportMode;

export interface Paper {
  name: PaperName;
  label: string;
  /** Portrait width and height in millimetres (as the core's `Paper::size_mm`). */
  mm: readonly [number, number];
}

/** Every paper the core prints on (types.test.ts holds the list to the generated `Paper`). */
export const PAPERS = [
  { name: 'a4', label: 'A4', mm: [210, 297] },
  { name: 'a3', label: 'A3', mm: [297, 420] },
  { name: 'a2', label: 'A2', mm: [420, 594] },
  { name: 'a1', label: 'A1', mm: [594, 841] },
  { name: 'a0', label: 'A0', mm: [841, 1189] },
  { name: 'letter', label: 'Letter', mm: [215.9, 279.4] },
  { name: 'tabloid', label: 'Tabloid', mm: [279.4, 431.8] },
] as const satisfies readonly Paper[];

export interface ExportOptions {
  /** A journey's name, or null for every journey. */
  journey: string | null;
  paper: PaperName;
  orientation: Orientation;
  mode: Mode;
  /** Poster scale in per cent (100 = the map at full size). */
  scalePercent: number;
  overlapMm: number;
  marginMm: number;
  personas: boolean;
  opportunities: boolean;
}

export const LIMITS = {
  scalePercent: { min: 5, max: 1000 },
  overlapMm: { min: 0, max: 100 },
  marginMm: { min: 0, max: 50 },
} as const;

export function defaultOptions(journey: string | null = null): ExportOptions {
  return {
    journey,
    paper: 'a3',
    orientation: 'landscape',
    mode: 'fit',
    scalePercent: 100,
    overlapMm: 10,
    marginMm: 10,
    personas: false,
    opportunities: false,
  };
}

export function paper(name: PaperName): Paper {
  return PAPERS.find((p) => p.name === name) ?? PAPERS[1];
}

/** Width and height of the sheet in millimetres, as it lies. */
export function sheetMm(options: Pick<ExportOptions, 'paper' | 'orientation'>): [number, number] {
  const [w, h] = paper(options.paper).mm;
  return options.orientation === 'portrait' ? [w, h] : [h, w];
}

const mm = (v: number) => formatNumber(v, { maximumFractionDigits: 1 });

/** "A3 landscape · 420 × 297 mm". */
export function describeSheet(options: Pick<ExportOptions, 'paper' | 'orientation'>): string {
  const [w, h] = sheetMm(options);
  const sheet = { paper: paper(options.paper).label, w: mm(w), h: mm(h) };
  return options.orientation === 'portrait' ? t('export.sheet_portrait', sheet) : t('export.sheet_landscape', sheet);
}

/** What is wrong with the numbers, one sentence per field; empty when they can be sent. */
export function problems(options: ExportOptions): Partial<Record<keyof typeof LIMITS, string>> {
  const found: Partial<Record<keyof typeof LIMITS, string>> = {};
  const check = (key: keyof typeof LIMITS, label: string, unit: string) => {
    const { min, max } = LIMITS[key];
    const value = options[key];
    if (!Number.isFinite(value) || value < min || value > max) found[key] = t('export.must_be_from', { label, min: formatNumber(min, { useGrouping: false }), max: formatNumber(max, { useGrouping: false }), unit });
  };
  if (options.mode === 'poster') {
    check('scalePercent', t('export.scale_name'), '%');
    check('overlapMm', t('export.overlap_name'), 'mm');
  }
  check('marginMm', t('export.margin_name'), 'mm');
  return found;
}

export function toRequest(options: ExportOptions): ExportRequest {
  return {
    journey: options.journey,
    paper: options.paper,
    orientation: options.orientation,
    mode: options.mode,
    scale: options.scalePercent / 100,
    overlapMm: options.overlapMm,
    marginMm: options.marginMm,
    personas: options.personas,
    opportunities: options.opportunities,
  };
}

/** A key that changes exactly when the preview would: previews are refreshed on it. */
export function previewKey(options: ExportOptions): string {
  return JSON.stringify(toRequest(options));
}

/** The path as typed, trimmed, with `.pdf` added when it has no such ending. */
export function pdfPath(typed: string): string {
  const path = typed.trim();
  if (path === '') return '';
  return /\.pdf$/i.test(path) ? path : `${path}.pdf`;
}

/** The folder and the file name of a path, for "Saved to …" (either separator). */
export function splitPath(path: string): { folder: string; name: string } {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? { folder: '', name: path } : { folder: path.slice(0, cut) || path.slice(0, 1), name: path.slice(cut + 1) };
}

/** "1 page", "12 pages". */
export function pages(count: number): string {
  return t('export.pages', { count });
}

/** "84 KB", "1.4 MB". */
export function size(bytes: number): string {
  if (bytes < 1000 * 1000) return `${formatNumber(Math.max(1, Math.round(bytes / 1000)))} KB`;
  return `${formatNumber(bytes / 1000 / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;
}

/** "U+E000, U+E001 in “<the card's text>”": what of a card prints as empty boxes. */
export function missingGlyphs(entry: MissingGlyphs): string {
  const codes = entry.codepoints.map((code) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`).join(', ');
  return t('export.missing_in', { codes, text: entry.text });
}
