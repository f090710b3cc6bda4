// The read-only grid of one journey: stages over their steps (columns), lanes (rows), and the
// cards, emotion points and moments of truth placed in it.

import type { Card, Channel, EmotionPoint, Image, Journey, Lane, MomentOfTruth, Persona, Project, Stage, Step } from './model';
import { byOrder, compareKeys } from './order';
import type { RatingSpread } from '../bindings/ipc';
import { spreadsByColumn } from './ratings';

export interface StageSpan {
  stage: Stage;
  /** First step column, 0-based. */
  start: number;
  /** Number of step columns; a stage without steps still takes one empty column. */
  span: number;
}

export interface Column {
  /** Null for the placeholder column of a stage without steps. */
  step: Step | null;
  stage: Stage;
  index: number;
}

export interface Row {
  lane: Lane;
  /** One entry per column: the cell's cards in order. */
  cells: Card[][];
}

export interface JourneyGrid {
  journey: Journey;
  stages: StageSpan[];
  columns: Column[];
  rows: Row[];
  personas: Persona[];
  /** Per persona id: its points by column index (null where the persona has no point). */
  emotions: Map<string, (EmotionPoint | null)[]>;
  /** Moments of truth on steps, by step id, and on cards, by card id. */
  momentsByStep: Map<string, MomentOfTruth[]>;
  momentsByCard: Map<string, MomentOfTruth[]>;
  /** Every moment of this journey, in column order, for the legend. */
  moments: MomentOfTruth[];
  /** Per column: the workshop room's ratings of its step (median and spread), null where none. */
  room: (RatingSpread | null)[];
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

interface Lookups {
  channels: Map<string, Channel>;
  images: Map<string, Image>;
}

// A project is never changed in place (the editor replaces it on every change), so lookups built
// once per project object stay right; each card asks for its channel and image by id.
const lookups = new WeakMap<Project, Lookups>();

function lookupsOf(project: Project): Lookups {
  let found = lookups.get(project);
  if (!found) {
    found = {
      channels: new Map(project.channels.map((c) => [c.id, c])),
      images: new Map(project.images.map((i) => [i.hash, i])),
    };
    lookups.set(project, found);
  }
  return found;
}

export function channelOf(project: Project, id: string | null): Channel | undefined {
  return id === null ? undefined : lookupsOf(project).channels.get(id);
}

export function imageOf(project: Project, hash: string | null): Image | undefined {
  return hash === null ? undefined : lookupsOf(project).images.get(hash);
}

/** The journeys of a project in their order. */
export function journeysOf(project: Project): Journey[] {
  return [...project.journeys].sort(byOrder);
}

/** The personas a journey shows, primary first, skipping ids that name no persona. */
export function personasOf(project: Project, journey: Journey): Persona[] {
  const ids = [journey.primary_persona, ...journey.other_personas].filter((id): id is string => id !== null);
  const seen = new Set<string>();
  const personas: Persona[] = [];
  for (const id of ids) {
    const persona = project.personas.find((p) => p.id === id);
    if (persona && !seen.has(id)) {
      seen.add(id);
      personas.push(persona);
    }
  }
  return personas;
}

export function buildGrid(project: Project, journey: Journey): JourneyGrid {
  const stages = project.stages.filter((s) => s.journey === journey.id).sort(byOrder);
  const stepsByStage = groupBy(project.steps, (s) => s.stage);

  const spans: StageSpan[] = [];
  const columns: Column[] = [];
  for (const stage of stages) {
    const steps = (stepsByStage.get(stage.id) ?? []).sort(byOrder);
    const start = columns.length;
    if (steps.length === 0) columns.push({ step: null, stage, index: start });
    for (const step of steps) columns.push({ step, stage, index: columns.length });
    spans.push({ stage, start, span: columns.length - start });
  }
  const columnOfStep = new Map<string, number>();
  for (const column of columns) if (column.step) columnOfStep.set(column.step.id, column.index);

  const lanes = project.lanes.filter((l) => l.journey === journey.id).sort(byOrder);
  const laneIds = new Set(lanes.map((l) => l.id));
  const cardsByLane = groupBy(
    project.cards.filter((c) => laneIds.has(c.lane) && columnOfStep.has(c.step)),
    (c) => c.lane,
  );
  const rows: Row[] = lanes.map((lane) => {
    const cells: Card[][] = columns.map(() => []);
    for (const card of cardsByLane.get(lane.id) ?? []) cells[columnOfStep.get(card.step)!].push(card);
    for (const cell of cells) cell.sort((a, b) => byOrder(a, b));
    return { lane, cells };
  });

  const personas = personasOf(project, journey);
  const emotions = new Map<string, (EmotionPoint | null)[]>();
  for (const persona of personas) {
    const points: (EmotionPoint | null)[] = columns.map(() => null);
    for (const point of project.emotion_points) {
      if (point.persona !== persona.id) continue;
      const column = columnOfStep.get(point.step);
      if (column !== undefined) points[column] = point;
    }
    emotions.set(persona.id, points);
  }

  const cardColumn = new Map<string, number>();
  for (const row of rows) row.cells.forEach((cell, i) => cell.forEach((card) => cardColumn.set(card.id, i)));
  const momentsByStep = new Map<string, MomentOfTruth[]>();
  const momentsByCard = new Map<string, MomentOfTruth[]>();
  const placed: { moment: MomentOfTruth; column: number }[] = [];
  for (const moment of project.moments_of_truth) {
    const { kind, id } = moment.target;
    const column = kind === 'step' ? columnOfStep.get(id) : cardColumn.get(id);
    if (column === undefined) continue;
    const index = kind === 'step' ? momentsByStep : momentsByCard;
    index.set(id, [...(index.get(id) ?? []), moment]);
    placed.push({ moment, column });
  }
  placed.sort((a, b) => a.column - b.column || compareKeys(a.moment.title, b.moment.title));

  return {
    journey,
    stages: spans,
    columns,
    rows,
    personas,
    emotions,
    momentsByStep,
    momentsByCard,
    moments: placed.map((p) => p.moment),
    room: spreadsByColumn(project.ratings, columns.map((c) => c.step?.id ?? null)),
  };
}
