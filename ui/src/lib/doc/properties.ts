// The logic behind the inspector that is worth a test: what changing a lane's kind takes away,
// and storyline images (a step's image is the image card of the journey's images lane there).

import { formatList, t } from '../i18n/index.svelte';
import { add, change, patch, rec, remove, type Change, type Edit } from './change';
import { addCard, cardsIn, fitToLane, lanesOf } from './edits';
import { compareKeys, type KeySource } from './order';
import type { Card, Image, Journey, Lane, LaneKind, Project } from './model';

/** Card fields a lane kind may lack, as a sentence names them. */
const FIELD_NAMES: [keyof Card, string][] = [
  ['channel', 'channel'],
  ['expected', 'expected quality'],
  ['experienced', 'experienced quality'],
  ['severity', 'severity'],
  ['impact', 'impact'],
  ['effort', 'effort'],
  ['votes', 'votes'],
  ['answers', 'linked pain points'],
  ['image', 'image'],
];

export interface KindLoss {
  /** Cards of the lane that would lose a field. */
  cards: number;
  /** Names of the fields lost, in a fixed order. */
  fields: string[];
  /** Opportunities elsewhere that would stop answering this lane's pain points. */
  links: number;
}

export function lossOnKindChange(p: Project, lane: Lane, kind: LaneKind): KindLoss {
  const loss: KindLoss = { cards: 0, fields: [], links: 0 };
  if (kind === lane.kind) return loss;
  const cards = p.cards.filter((c) => c.lane === lane.id);
  const lost = new Set<string>();
  for (const card of cards) {
    const fitted = fitToLane(card, kind);
    let any = false;
    for (const [field, name] of FIELD_NAMES) {
      if (JSON.stringify(fitted[field]) !== JSON.stringify(card[field])) {
        lost.add(name);
        any = true;
      }
    }
    if (any) loss.cards++;
  }
  loss.fields = FIELD_NAMES.map(([, name]) => name).filter((name) => lost.has(name));
  if (lane.kind === 'pain-points' && kind !== 'pain-points') {
    const ids = new Set(cards.map((c) => c.id));
    loss.links = p.cards.filter((c) => c.lane !== lane.id && c.answers.some((a) => ids.has(a))).length;
  }
  return loss;
}

/** Field names as the warning says them, in the UI's language. */
const FIELD_LABELS: Record<string, () => string> = {
  channel: () => t('inspector.field_channel'),
  'expected quality': () => t('inspector.field_expected'),
  'experienced quality': () => t('inspector.field_experienced'),
  severity: () => t('inspector.field_severity'),
  impact: () => t('inspector.field_impact'),
  effort: () => t('inspector.field_effort'),
  votes: () => t('inspector.field_votes'),
  'linked pain points': () => t('inspector.field_answers'),
  image: () => t('inspector.field_image'),
};

/** The warning shown before a kind change, or null when nothing is lost. */
export function describeLoss(loss: KindLoss): string | null {
  const parts: string[] = [];
  if (loss.cards > 0) {
    const fields = formatList(loss.fields.map((name) => FIELD_LABELS[name]?.() ?? name));
    parts.push(t('inspector.cards_lose', { count: loss.cards, fields }));
  }
  if (loss.links > 0) {
    parts.push(t('inspector.links_lost', { count: loss.links }));
  }
  return parts.length > 0 ? parts.join(' ') : null;
}

/** The journey a step belongs to (through its stage). */
export function journeyOfStep(p: Project, step: string): Journey | undefined {
  const s = p.steps.find((x) => x.id === step);
  const stage = s && p.stages.find((x) => x.id === s.stage);
  return stage ? p.journeys.find((j) => j.id === stage.journey) : undefined;
}

/** The pain points of a journey an opportunity can answer, left to right. */
export function painPointsOf(p: Project, journey: string, columnOf: (step: string) => number): Card[] {
  const lanes = lanesOf(p, journey).filter((l) => l.kind === 'pain-points');
  const order = new Map(lanes.map((l, i) => [l.id, i]));
  return p.cards
    .filter((c) => order.has(c.lane) && columnOf(c.step) >= 0)
    .sort((a, b) => columnOf(a.step) - columnOf(b.step) || order.get(a.lane)! - order.get(b.lane)! || compareKeys(a.order, b.order));
}

// ---- Storyline images -------------------------------------------------------------------------

/** The lane that holds a journey's storyline: its first images lane. */
export function storylineLane(p: Project, journey: string): Lane | undefined {
  return lanesOf(p, journey).find((l) => l.kind === 'images');
}

/** The card that carries a step's storyline image: the first card of the images lane there. */
export function storylineCard(p: Project, lane: Lane, step: string): Card | undefined {
  return cardsIn(p, lane.id, step)[0];
}

/** Whether an image is used by anything but the given card. */
function usedElsewhere(p: Project, hash: string, card: string): boolean {
  return p.cards.some((c) => c.id !== card && c.image === hash) || p.personas.some((x) => x.photo === hash);
}

/**
 * Edits that give a card another image (or none): the image record is added when the project
 * lacks it, and the one it replaces goes when nothing else shows it, so the file keeps no
 * orphans and undo brings both back.
 */
export function imageEdits(p: Project, card: Card, image: Image | null): Edit[] {
  const edits: Edit[] = [];
  const hash = image?.hash ?? null;
  if (card.image === hash) return edits;
  if (image && !p.images.some((i) => i.hash === image.hash)) edits.push(add(rec.image(image)));
  edits.push(patch(rec.card, card, { image: hash }));
  const old = card.image === null ? undefined : p.images.find((i) => i.hash === card.image);
  if (old && !usedElsewhere(p, old.hash, card.id)) edits.push(remove(rec.image(old)));
  return edits;
}

export function setCardImage(p: Project, card: Card, image: Image | null): Change | null {
  const edits = imageEdits(p, card, image);
  return edits.length > 0 ? change(edits) : null;
}

/** Gives a step its storyline image: on the image card there, or on a new one. */
export async function setStepImage(p: Project, keys: KeySource, lane: Lane, step: string, image: Image): Promise<Change | null> {
  const existing = storylineCard(p, lane, step);
  if (existing) return setCardImage(p, existing, image);
  const { card } = await addCard(p, keys, lane.id, step, null);
  const edits: Edit[] = [];
  if (!p.images.some((i) => i.hash === image.hash)) edits.push(add(rec.image(image)));
  edits.push(add(rec.card({ ...card, image: image.hash })));
  return change(edits);
}

/** Takes a step's storyline image away; an image card with no caption goes with it. */
export function clearStepImage(p: Project, lane: Lane, step: string): Change | null {
  const card = storylineCard(p, lane, step);
  if (!card || card.image === null) return null;
  if (card.text.trim() !== '' || p.moments_of_truth.some((m) => m.target.kind === 'card' && m.target.id === card.id)) {
    return setCardImage(p, card, null);
  }
  const old = p.images.find((i) => i.hash === card.image);
  const edits: Edit[] = [remove(rec.card(card))];
  if (old && !usedElsewhere(p, old.hash, card.id)) edits.push(remove(rec.image(old)));
  return change(edits);
}
