import { describe, expect, it } from 'vitest';
import { applyTo } from './change';
import {
  addCard, addJourney, addStage, cardsIn, deleteCards, deleteLane, deletePersona, deleteStep, duplicateJourney,
  moveCards, moveStage, pasteCards, setEmotion, setMoment, snapToScale, stagesOf, togglePersona, updateLane,
} from './edits';
import { card, sampleProject } from './fixture.test-util';
import { testKeys } from './keys.test-util';

function withCards() {
  const { project, ids } = sampleProject();
  const pain = card(ids.pains, ids.see, 'a0', 'Fees hidden', { severity: 4 });
  const act = card(ids.actions, ids.see, 'a0', 'Sees ad');
  project.cards.push(pain, act);
  return { project, ids, pain, act };
}

describe('edits', () => {
  it('places a new card after the last one of its cell', async () => {
    const { project, ids, act } = withCards();
    const { change, card: added } = await addCard(project, testKeys, ids.actions, ids.see, null, 'Second');
    applyTo(project, change);
    expect(cardsIn(project, ids.actions, ids.see).map((c) => c.id)).toEqual([act.id, added.id]);
  });

  it('moving a card into another kind of lane drops the fields that lane lacks', async () => {
    const { project, ids, pain } = withCards();
    const actions = project.lanes.find((l) => l.id === ids.actions)!;
    applyTo(project, await moveCards(project, testKeys, [pain.id], actions, ids.buy, 0));
    const moved = project.cards.find((c) => c.id === pain.id)!;
    expect([moved.lane, moved.step, moved.severity, moved.text]).toEqual([ids.actions, ids.buy, null, 'Fees hidden']);
  });

  it('moves several cards into a cell keeping their order, at the index asked', async () => {
    const { project, ids } = withCards();
    const a = card(ids.actions, ids.buy, 'a0', 'A');
    const b = card(ids.actions, ids.buy, 'a1', 'B');
    const c = card(ids.actions, ids.compare, 'a0', 'C');
    const d = card(ids.actions, ids.compare, 'a1', 'D');
    project.cards.push(a, b, c, d);
    const lane = project.lanes.find((l) => l.id === ids.actions)!;
    applyTo(project, await moveCards(project, testKeys, [d.id, c.id], lane, ids.buy, 1));
    expect(cardsIn(project, ids.actions, ids.buy).map((x) => x.text)).toEqual(['A', 'C', 'D', 'B']);
  });

  it('deleting a pain point unlinks the opportunities that answer it and its moment of truth', () => {
    const { project, ids, pain } = withCards();
    const opp = card(ids.actions, ids.see, 'a1', 'Show fees');
    opp.answers = [pain.id];
    project.cards.push(opp);
    applyTo(project, setMoment(project, { kind: 'card', id: pain.id }, 'Fees', 'Trust breaks here'));
    applyTo(project, deleteCards(project, [pain.id]));
    expect(project.cards.find((c) => c.id === opp.id)!.answers).toEqual([]);
    expect(project.moments_of_truth).toEqual([]);
  });

  it('deleting a step takes its cards, points and moments; deleting a lane its cards', () => {
    const { project, ids } = withCards();
    applyTo(project, setMoment(project, { kind: 'step', id: ids.see }, 'First look', ''));
    const step = project.steps.find((s) => s.id === ids.see)!;
    applyTo(project, deleteStep(project, step));
    expect(project.cards.some((c) => c.step === ids.see)).toBe(false);
    expect(project.emotion_points.some((e) => e.step === ids.see)).toBe(false);
    expect(project.moments_of_truth).toEqual([]);
    const lane = project.lanes.find((l) => l.id === ids.pains)!;
    project.cards.push(card(ids.pains, ids.buy, 'a0', 'x'));
    applyTo(project, deleteLane(project, lane));
    expect(project.cards.some((c) => c.lane === ids.pains)).toBe(false);
  });

  it('retyping a lane keeps card text and clears fields of the old kind', () => {
    const { project, ids, pain } = withCards();
    const lane = project.lanes.find((l) => l.id === ids.pains)!;
    applyTo(project, updateLane(project, lane, { kind: 'thoughts' }));
    const c = project.cards.find((x) => x.id === pain.id)!;
    expect([c.text, c.severity]).toEqual(['Fees hidden', null]);
  });

  it('adds a stage with a first step where asked and reorders stages', async () => {
    const { project, ids } = sampleProject();
    const awareness = project.stages.find((s) => s.id === ids.awareness)!;
    applyTo(project, await addStage(project, testKeys, ids.journey, awareness, 'Onboarding'));
    expect(stagesOf(project, ids.journey).map((s) => s.name)).toEqual(['Awareness', 'Onboarding', 'Purchase', 'Empty']);
    const added = project.stages.find((s) => s.name === 'Onboarding')!;
    expect(project.steps.filter((s) => s.stage === added.id)).toHaveLength(1);
    applyTo(project, await moveStage(project, testKeys, added, 3));
    expect(stagesOf(project, ids.journey).map((s) => s.name)).toEqual(['Awareness', 'Purchase', 'Empty', 'Onboarding']);
  });

  it('sets an emotion point or moves the existing one, snapped to the scale', () => {
    const { project, ids } = sampleProject();
    const journey = project.journeys[0];
    expect(snapToScale(3.6, journey)).toBe(4);
    expect(snapToScale(-9, journey)).toBe(-5);
    const count = project.emotion_points.length;
    applyTo(project, setEmotion(project, ids.ana, ids.buy, 1));
    expect(project.emotion_points).toHaveLength(count);
    expect(project.emotion_points.find((e) => e.persona === ids.ana && e.step === ids.buy)!.value).toBe(1);
    applyTo(project, setEmotion(project, ids.ana, ids.compare, -2));
    expect(project.emotion_points).toHaveLength(count + 1);
  });

  it('deleting a persona removes its curve and its place on journeys', () => {
    const { project, ids } = sampleProject();
    const ana = project.personas.find((p) => p.id === ids.ana)!;
    applyTo(project, deletePersona(project, ana));
    expect(project.journeys[0].primary_persona).toBe(ids.ben);
    expect(project.journeys[0].other_personas).toEqual([]);
    expect(project.emotion_points.some((e) => e.persona === ids.ana)).toBe(false);
    applyTo(project, togglePersona(project.journeys[0], ids.ben));
    expect(project.journeys[0].primary_persona).toBe(null);
  });

  it('duplicates a journey with fresh ids and links that follow the copy', async () => {
    const { project, ids, pain } = withCards();
    const opp = card(ids.actions, ids.see, 'a1', 'Show fees', { answers: [pain.id] });
    project.cards.push(opp);
    const journey = project.journeys[0];
    const { change, journey: copy } = await duplicateJourney(project, testKeys, journey, 'Future');
    applyTo(project, change);
    const lanes = new Set(project.lanes.filter((l) => l.journey === copy.id).map((l) => l.id));
    const copied = project.cards.filter((c) => lanes.has(c.lane));
    expect(copied).toHaveLength(3);
    const copiedOpp = copied.find((c) => c.text === 'Show fees')!;
    const copiedPain = copied.find((c) => c.text === 'Fees hidden')!;
    expect(copiedOpp.answers).toEqual([copiedPain.id]);
    expect(copiedPain.id).not.toBe(pain.id);
    expect(new Set(project.cards.map((c) => c.id)).size).toBe(project.cards.length);
  });

  it('a new journey comes with a stage, a step and the usual lanes; paste copies cards', async () => {
    const { project, ids, pain } = withCards();
    const { change, journey } = await addJourney(project, testKeys, 'Second');
    applyTo(project, change);
    expect(project.lanes.filter((l) => l.journey === journey.id).map((l) => l.kind)).toContain('touchpoints');
    const lane = project.lanes.find((l) => l.id === ids.actions)!;
    const { change: paste, cards } = await pasteCards(project, testKeys, [pain], lane, ids.buy);
    applyTo(project, paste);
    expect(cards[0].id).not.toBe(pain.id);
    expect(cards[0].severity).toBe(null);
  });
});
