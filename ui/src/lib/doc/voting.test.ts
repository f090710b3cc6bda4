import { describe, expect, it } from 'vitest';
import { applyTo, inverse } from './change';
import { deleteCards, deleteLane, deleteStage, deleteStep, moveCards, updateLane } from './edits';
import { card, sampleProject } from './fixture.test-util';
import { testKeys } from './keys.test-util';
import type { Change } from './change';
import type { Participant, Project } from './model';
import {
  addDot, addParticipant, allowance, dotGroups, dotsLeft, removeDot, removeParticipant, renameParticipant, resetDots,
  setAllowance, totalVotes, type Outcome,
} from './voting';

const ok = (outcome: Outcome | null): Change => {
  if (!outcome || !('change' in outcome)) throw new Error(`expected a change, got ${JSON.stringify(outcome)}`);
  return outcome.change;
};

/** The sample project with an opportunities lane holding two cards, and two participants. */
async function workshop() {
  const { project, ids } = sampleProject();
  const lane = { id: '10000000-0000-4000-8000-000000000001', journey: ids.journey, kind: 'opportunities' as const, title: 'Opportunities', order: 'a2' };
  project.lanes.push(lane);
  const first = card(lane.id, ids.see, 'a0', 'Show fees early', { votes: 2 });
  const second = card(lane.id, ids.buy, 'a0', 'One price');
  const action = card(ids.actions, ids.see, 'a0', 'Sees ad');
  project.cards.push(first, second, action);
  const people: Participant[] = [];
  for (const name of ['Anna', 'Bartek']) {
    const added = await addParticipant(project, testKeys, name);
    if (!('change' in added)) throw new Error('refused');
    applyTo(project, added.change);
    people.push(added.participant);
  }
  return { project, ids, lane, first, second, action, anna: people[0], bartek: people[1] };
}

const participant = (p: Project, id: string) => p.participants.find((x) => x.id === id)!;

describe('dot voting', () => {
  it('adds participants with their own colour and the common allowance, in order', async () => {
    const { project, anna, bartek } = await workshop();
    expect(anna.colour).not.toBe(bartek.colour);
    expect([anna.dots, bartek.dots]).toEqual([5, 5]);
    expect(anna.order < bartek.order).toBe(true);
    expect(await addParticipant(project, testKeys, '   ')).toEqual({ refused: { reason: 'empty-name' } });
  });

  it('a dot is one add on an opportunity; a card counts its votes plus its dots', async () => {
    const { project, first, anna } = await workshop();
    const c = ok(addDot(project, first, anna));
    expect(c.edits.map((e) => e.op)).toEqual(['add']);
    applyTo(project, c);
    applyTo(project, ok(addDot(project, first, anna)));
    expect(totalVotes(project, first)).toBe(4);
    expect(dotsLeft(project, participant(project, anna.id))).toBe(3);
    expect(dotGroups(project).get(first.id)).toEqual([{ participant: anna.id, name: 'Anna', colour: anna.colour, count: 2 }]);
  });

  it('refuses a dot on a card that is no opportunity, and one past the allowance', async () => {
    const { project, first, second, action, anna } = await workshop();
    expect(addDot(project, action, anna)).toEqual({ refused: { reason: 'not-an-opportunity' } });
    applyTo(project, ok(setAllowance(project, 2)));
    const a = participant(project, anna.id);
    applyTo(project, ok(addDot(project, first, a)));
    applyTo(project, ok(addDot(project, second, a)));
    expect(addDot(project, first, a)).toEqual({ refused: { reason: 'no-dots-left', participant: a } });
  });

  it('removes one of the participant’s own dots, never someone else’s', async () => {
    const { project, first, anna, bartek } = await workshop();
    applyTo(project, ok(addDot(project, first, anna)));
    applyTo(project, ok(addDot(project, first, bartek)));
    expect(removeDot(project, first, participant(project, bartek.id))).toMatchObject({ change: { edits: [{ op: 'remove', record: { kind: 'dot', record: { participant: bartek.id } } }] } });
    applyTo(project, ok(removeDot(project, first, bartek)));
    expect(removeDot(project, first, bartek)).toEqual({ refused: { reason: 'no-dot-to-remove', participant: bartek } });
    expect(project.dots.map((d) => d.participant)).toEqual([anna.id]);
  });

  it('resets the dots of one journey in one change, which undo brings back', async () => {
    const { project, first, second, anna, bartek } = await workshop();
    // A dot on another journey's card stays.
    project.lanes.push({ id: 'other-lane', journey: 'other-journey', kind: 'opportunities', title: 'O', order: 'a0' });
    const elsewhere = card('other-lane', 'other-step', 'a0', 'Elsewhere');
    project.cards.push(elsewhere);
    for (const [c, who] of [[first, anna], [second, bartek], [elsewhere, anna]] as const) applyTo(project, ok(addDot(project, c, who)));
    const reset = resetDots(project, first.lane === 'other-lane' ? '' : project.journeys[0].id)!;
    expect(reset.edits).toHaveLength(2);
    applyTo(project, reset);
    expect(project.dots.map((d) => d.card)).toEqual([elsewhere.id]);
    applyTo(project, inverse(reset));
    expect(project.dots).toHaveLength(3);
    expect(resetDots({ ...project, dots: [] }, project.journeys[0].id)).toBeNull();
  });

  it('sets the dots of everyone at once, refusing a number below what someone placed', async () => {
    const { project, first, second, anna, bartek } = await workshop();
    const c = ok(setAllowance(project, 3));
    expect(c.edits).toHaveLength(2);
    applyTo(project, c);
    expect(allowance(project)).toBe(3);
    expect(setAllowance(project, 3)).toBeNull();
    expect(setAllowance(project, 0)).toBeNull();
    for (const target of [first, second, first]) applyTo(project, ok(addDot(project, target, participant(project, bartek.id))));
    expect(setAllowance(project, 2)).toEqual({ refused: { reason: 'too-few-dots', participant: participant(project, bartek.id), placed: 3 } });
  });

  it('renames a participant, and removes one with their dots in one change', async () => {
    const { project, first, anna, bartek } = await workshop();
    applyTo(project, ok(renameParticipant(anna, 'Ania')));
    expect(participant(project, anna.id).name).toBe('Ania');
    expect(renameParticipant(participant(project, anna.id), ' ')).toEqual({ refused: { reason: 'empty-name' } });
    applyTo(project, ok(addDot(project, first, participant(project, anna.id))));
    applyTo(project, ok(addDot(project, first, bartek)));
    const removal = removeParticipant(project, participant(project, anna.id));
    expect(removal.edits.map((e) => `${e.op} ${e.op === 'update' ? '' : e.record.kind}`)).toEqual(['remove dot', 'remove participant']);
    applyTo(project, removal);
    expect(project.participants.map((x) => x.name)).toEqual(['Bartek']);
    expect(project.dots.map((d) => d.participant)).toEqual([bartek.id]);
  });
});

describe('deletes and moves take the dots on their cards', () => {
  async function voted() {
    const w = await workshop();
    applyTo(w.project, ok(addDot(w.project, w.first, w.anna)));
    applyTo(w.project, ok(addDot(w.project, w.second, w.bartek)));
    return w;
  }

  it('deleting a card removes its dots before the card', async () => {
    const { project, first } = await voted();
    const c = deleteCards(project, [first.id]);
    const kinds = c.edits.map((e) => (e.op === 'update' ? 'update' : e.record.kind));
    expect(kinds.indexOf('dot')).toBeLessThan(kinds.indexOf('card'));
    applyTo(project, c);
    expect(project.dots.map((d) => d.card)).toEqual([project.cards.find((x) => x.text === 'One price')!.id]);
  });

  it('deleting a lane, a step or a stage removes the dots on their cards', async () => {
    for (const del of [
      (w: Awaited<ReturnType<typeof voted>>) => deleteLane(w.project, w.lane),
      (w: Awaited<ReturnType<typeof voted>>) => deleteStep(w.project, w.project.steps.find((s) => s.id === w.ids.see)!),
      (w: Awaited<ReturnType<typeof voted>>) => deleteStage(w.project, w.project.stages.find((s) => s.id === w.ids.awareness)!),
    ]) {
      const w = await voted();
      applyTo(w.project, del(w));
      const left = new Set(w.project.cards.map((c) => c.id));
      expect(w.project.dots.every((d) => left.has(d.card))).toBe(true);
      expect(w.project.dots.length).toBeLessThan(2);
    }
  });

  it('a card moved out of the opportunities, or its lane changing kind, loses its dots', async () => {
    const w = await voted();
    const actions = w.project.lanes.find((l) => l.id === w.ids.actions)!;
    applyTo(w.project, await moveCards(w.project, testKeys, [w.first.id], actions, w.ids.see, 0));
    expect(w.project.dots.map((d) => d.card)).toEqual([w.second.id]);
    applyTo(w.project, await moveCards(w.project, testKeys, [w.second.id], w.lane, w.ids.see, 0));
    expect(w.project.dots).toHaveLength(1);
    applyTo(w.project, updateLane(w.project, w.lane, { kind: 'notes' }));
    expect(w.project.dots).toEqual([]);
  });
});
