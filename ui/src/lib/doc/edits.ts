// What a user can do to a map, each as one change. Deleting a record also removes or updates
// everything that points at it in the same change, because the core refuses a change that leaves
// a dangling reference (and undo must bring all of it back in one step).

import { t } from '../i18n/index.svelte';
import { add, change, clone, newId, patch, rec, remove, type Change, type Edit } from './change';
import type { Card, EmotionPoint, Journey, Lane, LaneKind, MomentOfTruth, MomentTarget, Persona, Project, Stage, Step } from './model';
import { LANE_STYLES } from './colour';
import { keysAfter, keysAt, keysAtEnd, sorted, type KeySource } from './order';
import { dotsWithCards } from './voting';
import { roomRecordsOnSteps, submissionsInLanes } from './room';

export const stagesOf = (p: Project, journey: string) => sorted(p.stages.filter((s) => s.journey === journey));
export const stepsOf = (p: Project, stage: string) => sorted(p.steps.filter((s) => s.stage === stage));
export const lanesOf = (p: Project, journey: string) => sorted(p.lanes.filter((l) => l.journey === journey));
export const cardsIn = (p: Project, lane: string, step: string) =>
  sorted(p.cards.filter((c) => c.lane === lane && c.step === step));

// ---- Cascades ---------------------------------------------------------------------------------

function momentsOn(p: Project, target: (t: MomentTarget) => boolean): MomentOfTruth[] {
  return p.moments_of_truth.filter((m) => target(m.target));
}

/** The survey measurements of these cards: they go with a card, or with its being a touchpoint. */
function measurementsOf(p: Project, ids: Set<string>): Edit[] {
  return p.measurements.filter((m) => ids.has(m.card)).map((m) => remove(rec.measurement(m)));
}

/** Removes cards, their moments of truth, and their ids from the opportunities that answer them. */
function removeCards(p: Project, ids: Set<string>): Edit[] {
  const edits: Edit[] = [];
  for (const card of p.cards) {
    if (ids.has(card.id) || !card.answers.some((a) => ids.has(a))) continue;
    edits.push(patch(rec.card, card, { answers: card.answers.filter((a) => !ids.has(a)) }));
  }
  for (const m of momentsOn(p, (t) => t.kind === 'card' && ids.has(t.id))) edits.push(remove(rec.moment(m)));
  edits.push(...dotsWithCards(p, ids));
  edits.push(...measurementsOf(p, ids));
  for (const card of p.cards) if (ids.has(card.id)) edits.push(remove(rec.card(card)));
  return edits;
}

function removeSteps(p: Project, ids: Set<string>): Edit[] {
  const cards = new Set(p.cards.filter((c) => ids.has(c.step)).map((c) => c.id));
  return [
    ...removeCards(p, cards),
    ...p.emotion_points.filter((e) => ids.has(e.step)).map((e) => remove(rec.point(e))),
    ...momentsOn(p, (t) => t.kind === 'step' && ids.has(t.id)).map((m) => remove(rec.moment(m))),
    ...roomRecordsOnSteps(p, ids),
    ...p.steps.filter((s) => ids.has(s.id)).map((s) => remove(rec.step(s))),
  ];
}

// ---- Stages and steps -------------------------------------------------------------------------

export const STAGE_COLOURS = ['#2f6fb0', '#7a4fb3', '#1f8a70', '#c0761b', '#b83a5b', '#4a7d2a', '#5b6b7d'];

export async function addStage(p: Project, keys: KeySource, journey: string, after: Stage | null, name: string): Promise<Change> {
  const stages = stagesOf(p, journey);
  const [order] = await keysAfter(keys, stages, after);
  const [stepOrder] = await keys(null, null, 1);
  const stage: Stage = { id: newId(), journey, name, colour: STAGE_COLOURS[stages.length % STAGE_COLOURS.length], order };
  const step: Step = { id: newId(), stage: stage.id, title: t('edit.new_step_name'), order: stepOrder };
  return change([add(rec.stage(stage)), add(rec.step(step))]);
}

export function updateStage(stage: Stage, fields: Partial<Pick<Stage, 'name' | 'colour'>>): Change {
  return change([patch(rec.stage, stage, fields)]);
}

export async function moveStage(p: Project, keys: KeySource, stage: Stage, index: number): Promise<Change> {
  const others = stagesOf(p, stage.journey).filter((s) => s.id !== stage.id);
  const [order] = await keysAt(keys, others, index);
  return change([patch(rec.stage, stage, { order })]);
}

export function deleteStage(p: Project, stage: Stage): Change {
  const steps = new Set(stepsOf(p, stage.id).map((s) => s.id));
  return change([...removeSteps(p, steps), remove(rec.stage(stage))]);
}

export async function addStep(p: Project, keys: KeySource, stage: string, after: Step | null, title = t('edit.new_step_name')): Promise<Change> {
  const [order] = await keysAfter(keys, stepsOf(p, stage), after);
  return change([add(rec.step({ id: newId(), stage, title, order }))]);
}

export function updateStep(step: Step, fields: Partial<Pick<Step, 'title'>>): Change {
  return change([patch(rec.step, step, fields)]);
}

/** Moves a step to `index` among the steps of `stage` (possibly another stage of the journey). */
export async function moveStep(p: Project, keys: KeySource, step: Step, stage: string, index: number): Promise<Change> {
  const others = stepsOf(p, stage).filter((s) => s.id !== step.id);
  const [order] = await keysAt(keys, others, index);
  return change([patch(rec.step, step, { stage, order })]);
}

export function deleteStep(p: Project, step: Step): Change {
  return change(removeSteps(p, new Set([step.id])));
}

// ---- Lanes ------------------------------------------------------------------------------------

export async function addLane(p: Project, keys: KeySource, journey: string, after: Lane | null, kind: LaneKind, title: string): Promise<Change> {
  const [order] = await keysAfter(keys, lanesOf(p, journey), after);
  return change([add(rec.lane({ id: newId(), journey, kind, title, order }))]);
}

/** Renames a lane, or changes its kind: cards keep their text and lose fields the new kind lacks. */
export function updateLane(p: Project, lane: Lane, fields: Partial<Pick<Lane, 'title' | 'kind'>>): Change {
  const edits: Edit[] = [patch(rec.lane, lane, fields)];
  if (fields.kind && fields.kind !== lane.kind) {
    const kind = fields.kind;
    const cards = p.cards.filter((c) => c.lane === lane.id);
    // Pain points answered by opportunities stop being pain points: unlink them first.
    if (lane.kind === 'pain-points') edits.unshift(...unlinkAnswers(p, new Set(cards.map((c) => c.id))));
    // Dots sit on opportunities only.
    if (lane.kind === 'opportunities') edits.unshift(...dotsWithCards(p, new Set(cards.map((c) => c.id))));
    // Survey results belong to touchpoints only.
    if (lane.kind === 'touchpoints') edits.unshift(...measurementsOf(p, new Set(cards.map((c) => c.id))));
    for (const card of cards) {
      const fitted = fitToLane(card, kind);
      if (JSON.stringify(fitted) !== JSON.stringify(card)) edits.push(patch(rec.card, card, fitted));
    }
  }
  return change(edits);
}

function unlinkAnswers(p: Project, ids: Set<string>): Edit[] {
  return p.cards
    .filter((c) => c.answers.some((a) => ids.has(a)))
    .map((c) => patch(rec.card, c, { answers: c.answers.filter((a) => !ids.has(a)) }));
}

export async function moveLane(p: Project, keys: KeySource, lane: Lane, index: number): Promise<Change> {
  const others = lanesOf(p, lane.journey).filter((l) => l.id !== lane.id);
  const [order] = await keysAt(keys, others, index);
  return change([patch(rec.lane, lane, { order })]);
}

export function deleteLane(p: Project, lane: Lane): Change {
  const cards = new Set(p.cards.filter((c) => c.lane === lane.id).map((c) => c.id));
  return change([...removeCards(p, cards), ...submissionsInLanes(p, new Set([lane.id])), remove(rec.lane(lane))]);
}

// ---- Cards ------------------------------------------------------------------------------------

/** A card's fields as its lane kind allows them (the core rejects the others). */
export function fitToLane(card: Card, kind: LaneKind): Card {
  const touchpoint = kind === 'touchpoints';
  const felt = kind === 'pain-points' || kind === 'delights';
  const opportunity = kind === 'opportunities';
  return {
    ...card,
    channel: touchpoint ? card.channel : null,
    expected: touchpoint ? card.expected : null,
    experienced: touchpoint ? card.experienced : null,
    severity: felt ? card.severity : null,
    impact: opportunity ? card.impact : null,
    effort: opportunity ? card.effort : null,
    votes: opportunity ? card.votes : 0,
    answers: opportunity ? card.answers : [],
    image: kind === 'images' ? card.image : null,
    measure_key: touchpoint ? card.measure_key : null,
  };
}

export function blankCard(lane: string, step: string, order: string, text = ''): Card {
  return {
    id: newId(), lane, step, order, text, channel: null, expected: null, experienced: null, severity: null,
    impact: null, effort: null, votes: 0, answers: [], image: null, measure_key: null,
  };
}

export async function addCard(p: Project, keys: KeySource, lane: string, step: string, after: Card | null, text = ''): Promise<{ change: Change; card: Card }> {
  const siblings = cardsIn(p, lane, step);
  const [order] = await keysAfter(keys, siblings, after ?? siblings[siblings.length - 1] ?? null);
  const card = blankCard(lane, step, order, text);
  return { change: change([add(rec.card(card))]), card };
}

export function updateCard(card: Card, fields: Partial<Omit<Card, 'id'>>): Change {
  return change([patch(rec.card, card, fields)]);
}

/**
 * Moves cards into a cell at `index` (among the cell's cards that are not moving), keeping their
 * relative order. Into a lane of another kind they keep their text and lose what it lacks.
 */
export async function moveCards(p: Project, keys: KeySource, ids: string[], lane: Lane, step: string, index: number): Promise<Change> {
  const moving = sorted(p.cards.filter((c) => ids.includes(c.id)));
  const moved = new Set(moving.map((c) => c.id));
  const stay = cardsIn(p, lane.id, step).filter((c) => !moved.has(c.id));
  const orders = await keysAt(keys, stay, index, moving.length);
  const edits: Edit[] = [];
  const leavingPainPoints = moving.filter((c) => c.lane !== lane.id && lane.kind !== 'pain-points').map((c) => c.id);
  edits.push(...unlinkAnswers(p, new Set(leavingPainPoints)).filter((e) => e.op === 'update' && !moved.has((e.before.record as Card).id)));
  if (lane.kind !== 'opportunities') edits.push(...dotsWithCards(p, moved));
  if (lane.kind !== 'touchpoints') edits.push(...measurementsOf(p, moved));
  moving.forEach((card, i) => {
    const fitted = fitToLane({ ...card, lane: lane.id, step, order: orders[i] }, lane.kind);
    if (leavingPainPoints.length > 0) fitted.answers = fitted.answers.filter((a) => !leavingPainPoints.includes(a));
    edits.push(patch(rec.card, card, fitted));
  });
  return change(edits);
}

export function deleteCards(p: Project, ids: string[]): Change {
  return change(removeCards(p, new Set(ids)));
}

/** Copies of cards placed in a cell after its last card; links to other cards are not copied. */
export async function pasteCards(p: Project, keys: KeySource, cards: Card[], lane: Lane, step: string): Promise<{ change: Change; cards: Card[] }> {
  const orders = await keysAtEnd(keys, cardsIn(p, lane.id, step), cards.length);
  const images = new Set(p.images.map((i) => i.hash));
  const copies = cards.map((card, i) => {
    const copy = fitToLane({ ...clone(card), id: newId(), lane: lane.id, step, order: orders[i], answers: [] }, lane.kind);
    if (copy.image && !images.has(copy.image)) copy.image = null;
    return copy;
  });
  return { change: change(copies.map((c) => add(rec.card(c)))), cards: copies };
}

// ---- Emotion curve ----------------------------------------------------------------------------

/** Sets a persona's value at a step: adds the point, or moves the one that is there. */
export function setEmotion(p: Project, persona: string, step: string, value: number): Change {
  const existing = p.emotion_points.find((e) => e.persona === persona && e.step === step);
  if (existing) return change([patch(rec.point, existing, { value })]);
  const point: EmotionPoint = { id: newId(), persona, step, value, label: null };
  return change([add(rec.point(point))]);
}

export function updateEmotion(point: EmotionPoint, fields: Partial<Pick<EmotionPoint, 'value' | 'label'>>): Change {
  return change([patch(rec.point, point, fields)]);
}

export function deleteEmotion(point: EmotionPoint): Change {
  return change([remove(rec.point(point))]);
}

/** Snaps a raw value from a drag to the journey's whole-number scale. */
export function snapToScale(value: number, journey: Journey): number {
  return Math.min(journey.scale.max, Math.max(journey.scale.min, Math.round(value)));
}

// ---- Moments of truth -------------------------------------------------------------------------

export function momentOf(p: Project, target: MomentTarget): MomentOfTruth | undefined {
  return p.moments_of_truth.find((m) => m.target.kind === target.kind && m.target.id === target.id);
}

/** Marks a step or card as a moment of truth, or changes the mark's title and reason. */
export function setMoment(p: Project, target: MomentTarget, title: string, why: string): Change {
  const existing = momentOf(p, target);
  if (existing) return change([patch(rec.moment, existing, { title, why })]);
  return change([add(rec.moment({ id: newId(), target, title, why }))]);
}

export function clearMoment(moment: MomentOfTruth): Change {
  return change([remove(rec.moment(moment))]);
}

// ---- Personas ---------------------------------------------------------------------------------

export const PERSONA_COLOURS = ['#1f6fd1', '#c2410c', '#15803d', '#9333ea', '#be123c', '#0e7490'];

export async function addPersona(p: Project, keys: KeySource, name: string): Promise<{ change: Change; persona: Persona }> {
  const [order] = await keysAtEnd(keys, p.personas);
  const persona: Persona = {
    id: newId(), name, role: '', quote: '', photo: null, goals: [], frustrations: [], needs: [],
    rational_mindset: '', emotional_mindset: '', channels: [], colour: PERSONA_COLOURS[p.personas.length % PERSONA_COLOURS.length], order,
  };
  return { change: change([add(rec.persona(persona))]), persona };
}

export function updatePersona(persona: Persona, fields: Partial<Omit<Persona, 'id'>>): Change {
  return change([patch(rec.persona, persona, fields)]);
}

/** Removes a persona, its curves and its place in every journey. */
export function deletePersona(p: Project, persona: Persona): Change {
  const edits: Edit[] = [];
  for (const journey of p.journeys) {
    if (journey.primary_persona !== persona.id && !journey.other_personas.includes(persona.id)) continue;
    edits.push(patch(rec.journey, journey, withoutPersona(journey, persona.id)));
  }
  for (const point of p.emotion_points) if (point.persona === persona.id) edits.push(remove(rec.point(point)));
  edits.push(remove(rec.persona(persona)));
  return change(edits);
}

function withoutPersona(journey: Journey, persona: string): Pick<Journey, 'primary_persona' | 'other_personas'> {
  const others = journey.other_personas.filter((id) => id !== persona);
  if (journey.primary_persona !== persona) return { primary_persona: journey.primary_persona, other_personas: others };
  return { primary_persona: others[0] ?? null, other_personas: others.slice(1) };
}

/** Shows or hides a persona's curve on a journey; the first one shown becomes the primary. */
export function togglePersona(journey: Journey, persona: string): Change {
  const shown = journey.primary_persona === persona || journey.other_personas.includes(persona);
  if (shown) return change([patch(rec.journey, journey, withoutPersona(journey, persona))]);
  if (journey.primary_persona === null) return change([patch(rec.journey, journey, { primary_persona: persona })]);
  return change([patch(rec.journey, journey, { other_personas: [...journey.other_personas, persona] })]);
}

// ---- Journeys ---------------------------------------------------------------------------------

/** The lanes of a new journey, titled in the UI's language. */
export const DEFAULT_LANES: LaneKind[] = ['actions', 'thoughts', 'touchpoints', 'pain-points', 'opportunities'];

/** A new journey with one stage, one step and the usual lanes, placed after the others. */
export async function addJourney(p: Project, keys: KeySource, name: string): Promise<{ change: Change; journey: Journey }> {
  const [order] = await keysAtEnd(keys, p.journeys);
  const journey: Journey = {
    id: newId(), name, primary_persona: null, other_personas: [], state: 'current', redesigns: null,
    scale: { min: -5, max: 5, min_label: t('map.scale_min'), max_label: t('map.scale_max') }, order,
  };
  const [stageOrder] = await keys(null, null, 1);
  const laneOrders = await keys(null, null, DEFAULT_LANES.length);
  const stage: Stage = { id: newId(), journey: journey.id, name: t('map.first_stage'), colour: STAGE_COLOURS[0], order: stageOrder };
  const step: Step = { id: newId(), stage: stage.id, title: t('edit.new_step_name'), order: stageOrder };
  const lanes = DEFAULT_LANES.map((kind, i): Lane => ({ id: newId(), journey: journey.id, kind, title: LANE_STYLES[kind].label, order: laneOrders[i] }));
  return {
    change: change([add(rec.journey(journey)), add(rec.stage(stage)), add(rec.step(step)), ...lanes.map((l) => add(rec.lane(l)))]),
    journey,
  };
}

export function updateJourney(journey: Journey, fields: Partial<Omit<Journey, 'id'>>): Change {
  return change([patch(rec.journey, journey, fields)]);
}

/**
 * A copy of a journey with new ids for everything in it: stages, steps, lanes, cards, curves and
 * moments of truth; links between its cards follow the copy. Personas and images are shared.
 */
export async function duplicateJourney(p: Project, keys: KeySource, journey: Journey, name: string): Promise<{ change: Change; journey: Journey }> {
  const [order] = await keysAfter(keys, p.journeys, journey);
  const ids = new Map<string, string>();
  const fresh = (old: string) => {
    let id = ids.get(old);
    if (!id) ids.set(old, (id = newId()));
    return id;
  };
  const copy: Journey = { ...clone(journey), id: fresh(journey.id), name, order };
  const stages = p.stages.filter((s) => s.journey === journey.id);
  const stageIds = new Set(stages.map((s) => s.id));
  const steps = p.steps.filter((s) => stageIds.has(s.stage));
  const stepIds = new Set(steps.map((s) => s.id));
  const lanes = p.lanes.filter((l) => l.journey === journey.id);
  const laneIds = new Set(lanes.map((l) => l.id));
  const cards = p.cards.filter((c) => laneIds.has(c.lane));
  const cardIds = new Set(cards.map((c) => c.id));
  const edits: Edit[] = [add(rec.journey(copy))];
  for (const s of stages) edits.push(add(rec.stage({ ...s, id: fresh(s.id), journey: copy.id })));
  for (const s of steps) edits.push(add(rec.step({ ...s, id: fresh(s.id), stage: fresh(s.stage) })));
  for (const l of lanes) edits.push(add(rec.lane({ ...l, id: fresh(l.id), journey: copy.id })));
  for (const c of cards) {
    edits.push(add(rec.card({ ...clone(c), id: fresh(c.id), lane: fresh(c.lane), step: fresh(c.step), answers: c.answers.filter((a) => cardIds.has(a)).map(fresh) })));
  }
  for (const e of p.emotion_points.filter((e) => stepIds.has(e.step))) {
    edits.push(add(rec.point({ ...e, id: newId(), step: fresh(e.step) })));
  }
  for (const m of p.moments_of_truth) {
    const inside = m.target.kind === 'step' ? stepIds.has(m.target.id) : cardIds.has(m.target.id);
    if (inside) edits.push(add(rec.moment({ ...m, id: newId(), target: { kind: m.target.kind, id: fresh(m.target.id) } })));
  }
  return { change: change(edits), journey: copy };
}

/** Removes a journey with everything in it (future states that redesign it become plain journeys). */
export function deleteJourney(p: Project, journey: Journey): Change {
  const edits: Edit[] = [];
  for (const other of p.journeys) {
    if (other.redesigns === journey.id) edits.push(patch(rec.journey, other, { redesigns: null }));
  }
  const stages = p.stages.filter((s) => s.journey === journey.id);
  const stageIds = new Set(stages.map((s) => s.id));
  const steps = new Set(p.steps.filter((s) => stageIds.has(s.stage)).map((s) => s.id));
  const lanes = p.lanes.filter((l) => l.journey === journey.id);
  const laneIds = new Set(lanes.map((l) => l.id));
  edits.push(...removeCards(p, new Set(p.cards.filter((c) => laneIds.has(c.lane)).map((c) => c.id))));
  edits.push(...p.survey_imports.filter((i) => i.journey === journey.id).map((i) => remove(rec.surveyImport(i))));
  // removeSteps would list the cards again; they are gone already.
  edits.push(...p.emotion_points.filter((e) => steps.has(e.step)).map((e) => remove(rec.point(e))));
  edits.push(...momentsOn(p, (t) => t.kind === 'step' && steps.has(t.id)).map((m) => remove(rec.moment(m))));
  // A submission's lane and step are of one journey: those on its steps are all of them.
  edits.push(...roomRecordsOnSteps(p, steps));
  edits.push(...p.steps.filter((s) => steps.has(s.id)).map((s) => remove(rec.step(s))));
  edits.push(...stages.map((s) => remove(rec.stage(s))), ...lanes.map((l) => remove(rec.lane(l))), remove(rec.journey(journey)));
  return change(edits);
}
