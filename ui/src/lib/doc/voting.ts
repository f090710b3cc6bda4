// Dot voting in a workshop: participants each have an allowance of dots and place them on
// opportunity cards. Every dot is its own record, so placing one is one add and taking it back one
// remove — each an undo step of its own. The core checks the allowance too; the checks here come
// first so the room sees why a click did nothing instead of an error from the file.

import { add, change, newId, patch, rec, remove, type Change, type Edit } from './change';
import type { Card, Dot, Participant, Project } from './model';
import { keysAtEnd, sorted, type KeySource } from './order';
import { unlinkParticipant } from './room';

/** Nine distinct colours (number keys 1–9 pick a participant), readable as small dots on any card. */
export const PARTICIPANT_COLOURS = ['#d9480f', '#1971c2', '#2f9e44', '#9c36b5', '#e8590c', '#0c8599', '#c2255c', '#5f3dc4', '#66a80f'];

/** Dots each participant gets when nobody has set a number yet. */
export const DEFAULT_DOTS = 5;

export const participantsOf = (p: Project): Participant[] => sorted(p.participants);
const dotsIn = (p: Project): Dot[] => p.dots;

export const dotsOf = (p: Project, participant: string): Dot[] => dotsIn(p).filter((d) => d.participant === participant);
export const dotsOn = (p: Project, card: string): Dot[] => dotsIn(p).filter((d) => d.card === card);

/** Dots a participant may still place. */
export function dotsLeft(p: Project, participant: Participant): number {
  return Math.max(0, participant.dots - dotsOf(p, participant.id).length);
}

/** A card's total: votes counted elsewhere (e.g. on paper) plus the dots on it. */
export function totalVotes(p: Project, card: Card): number {
  return card.votes + dotsOn(p, card.id).length;
}

/** The number everyone has: the first participant's allowance (all are set together). */
export function allowance(p: Project): number {
  return participantsOf(p)[0]?.dots ?? DEFAULT_DOTS;
}

export function isOpportunity(p: Project, card: Card): boolean {
  return p.lanes.some((l) => l.id === card.lane && l.kind === 'opportunities');
}

/** Why a vote edit was not made, for the message the facilitator sees. */
export type Refusal =
  | { reason: 'not-an-opportunity' }
  | { reason: 'no-dots-left'; participant: Participant }
  | { reason: 'no-dot-to-remove'; participant: Participant }
  | { reason: 'too-few-dots'; participant: Participant; placed: number }
  | { reason: 'empty-name' }
  | { reason: 'no-participant' };

export type Outcome = { change: Change } | { refused: Refusal };

/** One more dot of `participant` on `card`, if they have one left and the card is an opportunity. */
export function addDot(p: Project, card: Card, participant: Participant): Outcome {
  if (!isOpportunity(p, card)) return { refused: { reason: 'not-an-opportunity' } };
  if (dotsLeft(p, participant) === 0) return { refused: { reason: 'no-dots-left', participant } };
  return { change: change([add(rec.dot({ id: newId(), card: card.id, participant: participant.id }))]) };
}

/** Takes back one of `participant`'s dots on `card` (the last one placed, as the list holds them). */
export function removeDot(p: Project, card: Card, participant: Participant): Outcome {
  const mine = dotsOn(p, card.id).filter((d) => d.participant === participant.id);
  const last = mine[mine.length - 1];
  if (!last) return { refused: { reason: 'no-dot-to-remove', participant } };
  return { change: change([remove(rec.dot(last))]) };
}

/** The dots on the cards of one journey, all removed in one change (null when there are none). */
export function resetDots(p: Project, journey: string): Change | null {
  const lanes = new Set(p.lanes.filter((l) => l.journey === journey).map((l) => l.id));
  const cards = new Set(p.cards.filter((c) => lanes.has(c.lane)).map((c) => c.id));
  const dots = dotsIn(p).filter((d) => cards.has(d.card));
  return dots.length > 0 ? change(dots.map((d) => remove(rec.dot(d)))) : null;
}

/**
 * Gives every participant `dots` dots. Lowering it below what someone has already placed is
 * refused, naming them: which of their dots should go is theirs to decide.
 */
export function setAllowance(p: Project, dots: number): Outcome | null {
  const count = Math.floor(dots);
  if (!Number.isFinite(count) || count < 1) return null;
  const edits: Edit[] = [];
  for (const participant of participantsOf(p)) {
    const placed = dotsOf(p, participant.id).length;
    if (placed > count) return { refused: { reason: 'too-few-dots', participant, placed } };
    if (participant.dots !== count) edits.push(patch(rec.participant, participant, { dots: count }));
  }
  return edits.length > 0 ? { change: change(edits) } : null;
}

/** A participant after the others, with the next free colour and everyone's allowance. */
export async function addParticipant(p: Project, keys: KeySource, name: string): Promise<{ change: Change; participant: Participant } | { refused: Refusal }> {
  const trimmed = name.trim();
  if (trimmed === '') return { refused: { reason: 'empty-name' } };
  const others = participantsOf(p);
  const [order] = await keysAtEnd(keys, others);
  const used = new Set(others.map((o) => o.colour));
  const colour = PARTICIPANT_COLOURS.find((c) => !used.has(c)) ?? PARTICIPANT_COLOURS[others.length % PARTICIPANT_COLOURS.length];
  const participant: Participant = { id: newId(), name: trimmed, colour, dots: allowance(p), order };
  return { change: change([add(rec.participant(participant))]), participant };
}

export function renameParticipant(participant: Participant, name: string): Outcome | null {
  const trimmed = name.trim();
  if (trimmed === '') return { refused: { reason: 'empty-name' } };
  if (trimmed === participant.name) return null;
  return { change: change([patch(rec.participant, participant, { name: trimmed })]) };
}

/**
 * Removes a participant and the dots they placed, as one change (undo brings both back); what they
 * sent or rated in a workshop room stays, no longer naming them.
 */
export function removeParticipant(p: Project, participant: Participant): Change {
  return change([
    ...dotsOf(p, participant.id).map((d) => remove(rec.dot(d))),
    ...unlinkParticipant(p, participant.id),
    remove(rec.participant(participant)),
  ]);
}

/** The dots that go with cards being deleted (or leaving the opportunities, where dots may sit). */
export function dotsWithCards(p: Project, ids: Set<string>): Edit[] {
  return dotsIn(p).filter((d) => ids.has(d.card)).map((d) => remove(rec.dot(d)));
}

/** A card's dots grouped by participant in participant order, for the chips on the card. */
export interface DotGroup {
  participant: string;
  name: string;
  colour: string;
  count: number;
}

/** Every card's dot groups at once (one pass over the dots, for a map of hundreds of cards). */
export function dotGroups(p: Project): Map<string, DotGroup[]> {
  const people = participantsOf(p);
  const rank = new Map(people.map((person, i) => [person.id, i]));
  const byCard = new Map<string, DotGroup[]>();
  for (const dot of dotsIn(p)) {
    const i = rank.get(dot.participant);
    if (i === undefined) continue;
    const groups = byCard.get(dot.card) ?? [];
    let group = groups.find((g) => g.participant === dot.participant);
    if (!group) {
      group = { participant: dot.participant, name: people[i].name, colour: people[i].colour, count: 0 };
      groups.push(group);
      byCard.set(dot.card, groups);
    }
    group.count++;
  }
  for (const groups of byCard.values()) groups.sort((a, b) => rank.get(a.participant)! - rank.get(b.participant)!);
  return byCard;
}
