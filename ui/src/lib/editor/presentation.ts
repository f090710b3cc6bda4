// Presentation mode without a window: which slides a journey makes and in what order, what each
// stage slide shows first when space runs out, the keys that move through them, and the workshop
// timer. The timer is a value plus the time now, so tests pass their own clock.

import { buildGrid, channelOf, personasOf, type JourneyGrid } from '../doc/grid';
import type { Card, Channel, EmotionPoint, Journey, Lane, LaneKind, MomentOfTruth, Persona, Project, Stage, Step } from '../doc/model';

// ── Slides ──────────────────────────────────────────────────────────────────────────────────────

/** One card as a slide shows it. */
export interface Item {
  card: Card;
  lane: Lane;
  channel: Channel | undefined;
  /** The card is a moment of truth. */
  moment: boolean;
}

export interface StepColumn {
  /** Null for a stage without steps. */
  step: Step | null;
  /** Column in the whole journey (for the curve). */
  column: number;
  /** Moments of truth on the step itself. */
  moments: MomentOfTruth[];
  /** Most important first: a slide short of room drops items from the end. */
  items: Item[];
}

export type Slide =
  | { kind: 'title'; journey: Journey; persona: Persona | undefined }
  | { kind: 'stage'; stage: Stage; number: number; of: number; steps: StepColumn[] }
  | { kind: 'overview'; journey: Journey };

/**
 * The order lane kinds are shown in. Actions, touchpoints, pain points and opportunities tell a
 * stage's story in a workshop; the rest follow when there is room. Storyline pictures are left to
 * the map: a picture shrunk into a column says nothing.
 */
export const LANE_PRIORITY: LaneKind[] = [
  'actions',
  'touchpoints',
  'pain-points',
  'opportunities',
  'thoughts',
  'feelings',
  'delights',
  'kpis',
  'backstage',
  'notes',
];

/** A stage's columns and their cards, most important first: moments of truth, then by lane kind. */
export function stageColumns(project: Project, grid: JourneyGrid, stage: Stage): StepColumn[] {
  const rank = (kind: LaneKind) => LANE_PRIORITY.indexOf(kind);
  return grid.columns
    .filter((c) => c.stage.id === stage.id)
    .map((column) => {
      const items: (Item & { key: number[] })[] = [];
      grid.rows.forEach((row, r) => {
        if (rank(row.lane.kind) < 0) return;
        row.cells[column.index].forEach((card, i) => {
          if (card.text.trim() === '') return;
          const moment = grid.momentsByCard.has(card.id);
          items.push({ card, lane: row.lane, channel: channelOf(project, card.channel), moment, key: [moment ? 0 : 1, rank(row.lane.kind), r, i] });
        });
      });
      items.sort((a, b) => compareKey(a.key, b.key));
      return {
        step: column.step,
        column: column.index,
        moments: column.step ? (grid.momentsByStep.get(column.step.id) ?? []) : [],
        items: items.map(({ key: _, ...item }) => item),
      };
    });
}

function compareKey(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Title, one slide per stage in order, then the overview. */
export function slidesOf(project: Project, journey: Journey): { grid: JourneyGrid; slides: Slide[] } {
  const grid = buildGrid(project, journey);
  const stages = grid.stages.map(({ stage }, i): Slide => ({
    kind: 'stage',
    stage,
    number: i + 1,
    of: grid.stages.length,
    steps: stageColumns(project, grid, stage),
  }));
  const slides: Slide[] = [
    { kind: 'title', journey, persona: personasOf(project, journey)[0] },
    ...stages,
    { kind: 'overview', journey },
  ];
  return { grid, slides };
}

/** The emotion points of some columns, per persona, for a slide's curve. */
export function pointsIn(grid: JourneyGrid, from: number, count: number): { persona: Persona; points: (EmotionPoint | null)[] }[] {
  return grid.personas
    .map((persona) => ({ persona, points: (grid.emotions.get(persona.id) ?? []).slice(from, from + count) }))
    .filter((p) => p.points.some((x) => x !== null));
}

/** The first `limit` items and how many were left out ("and 3 more"). */
export function shown<T>(items: T[], limit: number): { items: T[]; more: number } {
  const n = Math.max(0, Math.min(items.length, Math.floor(limit)));
  return { items: items.slice(0, n), more: items.length - n };
}

/**
 * A heading's size (in the slide's units) that keeps a long name on at most two lines: full size
 * up to `room` characters, smaller beyond, never below half.
 */
export function headingSize(text: string, full: number, room: number): number {
  const length = [...text.trim()].length;
  return length <= room ? full : Math.max(full / 2, (full * room) / length);
}

export interface Fit {
  /** Type size of the items, in the slide's units. */
  size: number;
  /** How many items each column shows. */
  limits: number[];
}

/**
 * Finds the largest type that lets every column show all its items, down to `min`; below that,
 * columns that still overflow show fewer items (and "and N more"). `show` puts a fit on screen and
 * answers which columns overflow; `stale` stops a search for a slide no longer shown.
 */
export async function fitColumns(
  lengths: number[],
  sizes: { max: number; min: number; step: number },
  show: (fit: Fit) => Promise<boolean[]>,
  stale: () => boolean = () => false,
): Promise<Fit> {
  let fit: Fit = { size: sizes.max, limits: [...lengths] };
  let over = await show(fit);
  while (over.some(Boolean) && fit.size > sizes.min && !stale()) {
    fit = { ...fit, size: Math.max(sizes.min, Math.round((fit.size - sizes.step) * 100) / 100) };
    over = await show(fit);
  }
  while (over.some((o, i) => o && fit.limits[i] > 0) && !stale()) {
    fit = { ...fit, limits: fit.limits.map((n, i) => (over[i] ? Math.max(0, n - 1) : n)) };
    over = await show(fit);
  }
  return fit;
}

// ── Full screen ─────────────────────────────────────────────────────────────────────────────────

export interface FullScreenWindow {
  setFullscreen(on: boolean): Promise<void>;
}

/**
 * Asks the window for full screen. A refusal — Tauri answers with a string when the capability
 * does not allow it; outside the shell there is no window to ask — is passed to `refused`, and the
 * slides stay inside the window.
 */
export async function askFullScreen(window: () => FullScreenWindow, refused: (reason: string) => void): Promise<boolean> {
  try {
    await window().setFullscreen(true);
    return true;
  } catch (error) {
    refused(error instanceof Error ? error.message : String(error));
    return false;
  }
}

// ── Moving through the slides ───────────────────────────────────────────────────────────────────

export interface Deck {
  index: number;
  count: number;
  /** Digits typed so far for "number + Enter". */
  typed: string;
  /** The screen is blanked (b or . — what presenter clickers send for "black screen"). */
  blank: boolean;
}

export type TimerKey = 'toggle' | 'start-pause' | 'reset' | 'more' | 'less';

export type Outcome = { deck: Deck; leave?: true; timer?: TimerKey; handled: boolean };

export function deck(count: number): Deck {
  return { index: 0, count: Math.max(1, count), typed: '', blank: false };
}

export function go(d: Deck, index: number): Deck {
  return { ...d, index: Math.max(0, Math.min(d.count - 1, index)), typed: '' };
}

const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Enter', 'n', 'N']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace', 'p', 'P']);
const BLANK = new Set(['b', 'B', '.']);
const TIMER: Record<string, TimerKey> = { t: 'toggle', s: 'start-pause', r: 'reset', '+': 'more', '=': 'more', '-': 'less' };

/** What a key does. Keys with Ctrl, Cmd or Alt are left to the system. */
export function press(d: Deck, key: string): Outcome {
  // F5 starts a presentation; pressed again during one it does nothing (rather than reload).
  if (key === 'F5') return { deck: d, handled: true };
  if (key === 'Escape') return { deck: { ...d, typed: '', blank: false }, leave: true, handled: true };
  // A blank screen comes back on any key, without moving on: the audience sees what it saw.
  if (d.blank) return { deck: { ...d, blank: false, typed: '' }, handled: true };
  if (/^[0-9]$/.test(key)) return { deck: { ...d, typed: (d.typed + key).slice(-3) }, handled: true };
  if (key === 'Enter' && d.typed !== '') return { deck: go(d, Number(d.typed) - 1), handled: true };
  if (NEXT.has(key)) return { deck: go(d, d.index + 1), handled: true };
  if (PREVIOUS.has(key)) return { deck: go(d, d.index - 1), handled: true };
  if (key === 'Home') return { deck: go(d, 0), handled: true };
  if (key === 'End') return { deck: go(d, d.count - 1), handled: true };
  if (BLANK.has(key)) return { deck: { ...d, blank: true, typed: '' }, handled: true };
  const timer = TIMER[key.toLowerCase()];
  if (timer) return { deck: { ...d, typed: '' }, timer, handled: true };
  return { deck: d, handled: false };
}

// ── The workshop timer ──────────────────────────────────────────────────────────────────────────

const MINUTE = 60_000;
export const PRESETS = [1, 3, 5, 10];
export const MAX_MINUTES = 99;

export interface Timer {
  /** How long the exercise takes, in ms. */
  duration: number;
  /** Time spent before the last start, in ms. */
  spent: number;
  /** When it was last started (the clock's reading), or null while stopped. */
  since: number | null;
}

export type TimerPhase = 'ready' | 'running' | 'paused' | 'done';
/** How the countdown looks: amber in the last minute, red at 0. */
export type TimerTone = 'normal' | 'warning' | 'over';

export function timer(minutes = 5): Timer {
  return { duration: clampMinutes(minutes) * MINUTE, spent: 0, since: null };
}

function clampMinutes(minutes: number): number {
  return Math.max(1, Math.min(MAX_MINUTES, Math.round(minutes)));
}

export function elapsed(t: Timer, now: number): number {
  return t.spent + (t.since === null ? 0 : Math.max(0, now - t.since));
}

export function remaining(t: Timer, now: number): number {
  return Math.max(0, t.duration - elapsed(t, now));
}

export function phase(t: Timer, now: number): TimerPhase {
  if (remaining(t, now) === 0) return 'done';
  if (t.since !== null) return 'running';
  return t.spent > 0 ? 'paused' : 'ready';
}

export function tone(t: Timer, now: number): TimerTone {
  const left = remaining(t, now);
  if (left === 0) return 'over';
  return phase(t, now) !== 'ready' && left <= MINUTE ? 'warning' : 'normal';
}

export function start(t: Timer, now: number): Timer {
  if (t.since !== null) return t;
  // Starting a finished countdown starts it again from the top.
  const fresh = remaining(t, now) === 0 ? { ...t, spent: 0 } : t;
  return { ...fresh, since: now };
}

export function pause(t: Timer, now: number): Timer {
  return t.since === null ? t : { ...t, spent: elapsed(t, now), since: null };
}

/** S or a click: a running countdown pauses, any other starts. A finished one stops at 0. */
export function startOrPause(t: Timer, now: number): Timer {
  if (phase(t, now) === 'done' && t.since !== null) return { ...t, spent: t.duration, since: null };
  return t.since !== null ? pause(t, now) : start(t, now);
}

export function reset(t: Timer): Timer {
  return { ...t, spent: 0, since: null };
}

/** A preset: the new length, stopped at its start. */
export function setMinutes(t: Timer, minutes: number): Timer {
  return { duration: clampMinutes(minutes) * MINUTE, spent: 0, since: null };
}

/**
 * + or −: one minute more or less, also while it runs. One more on a finished countdown gives one
 * minute from now; fewer never goes below one minute in all.
 */
export function adjust(t: Timer, minutes: number, now: number): Timer {
  const base = minutes > 0 ? Math.max(t.duration, elapsed(t, now)) : t.duration;
  const duration = Math.max(MINUTE, Math.min(MAX_MINUTES * MINUTE, base + minutes * MINUTE));
  return { ...t, duration };
}

/** "4:59": whole seconds rounded up, so it shows 5:00 when set and 0:00 only when time is up. */
export function clock(ms: number): string {
  const seconds = Math.ceil(Math.max(0, ms) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
