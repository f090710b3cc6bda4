import { describe, expect, it } from 'vitest';
import { applyTo } from './change';
import type { Image } from './model';
import { clearStepImage, describeLoss, journeyOfStep, lossOnKindChange, painPointsOf, setCardImage, setStepImage, storylineCard, storylineLane } from './properties';
import { card, sampleProject } from './fixture.test-util';
import { testKeys } from './keys.test-util';

const image = (hash: string): Image => ({ hash, mime: 'image/png', width: 2, height: 2, data: 'AAAA' });

function withImagesLane() {
  const { project, ids } = sampleProject();
  const images = '00000000-0000-4000-8000-00000000ffff';
  project.lanes.push({ id: images, journey: ids.journey, kind: 'images', title: 'Storyline', order: 'a2' });
  const lane = project.lanes.find((l) => l.id === images)!;
  return { project, ids, lane };
}

describe('lane kind change', () => {
  it('names the fields cards lose and counts the cards', () => {
    const { project, ids } = sampleProject();
    project.cards.push(card(ids.pains, ids.see, 'a0', 'Fees', { severity: 4 }), card(ids.pains, ids.buy, 'a0', 'Queue'));
    const pains = project.lanes.find((l) => l.id === ids.pains)!;
    const loss = lossOnKindChange(project, pains, 'actions');
    expect(loss).toEqual({ cards: 1, fields: ['severity'], links: 0 });
    expect(describeLoss(loss)).toBe('1 card will lose its severity.');
    expect(lossOnKindChange(project, pains, 'delights').cards).toBe(0);
    expect(describeLoss(lossOnKindChange(project, pains, 'pain-points'))).toBeNull();
  });

  it('counts the opportunities that would stop answering pain points', () => {
    const { project, ids } = sampleProject();
    const fee = card(ids.pains, ids.see, 'a0', 'Fees', { severity: 2 });
    const other = card(ids.pains, ids.buy, 'a0', 'Wait', { severity: 3 });
    project.cards.push(fee, other, card(ids.actions, ids.see, 'a0', 'Show fees', { answers: [fee.id] }));
    const pains = project.lanes.find((l) => l.id === ids.pains)!;
    const loss = lossOnKindChange(project, pains, 'notes');
    expect(loss).toEqual({ cards: 2, fields: ['severity'], links: 1 });
    expect(describeLoss(loss)).toBe('2 cards will lose their severity. 1 opportunity will stop answering these pain points.');
  });

  it('lists several fields in a sentence', () => {
    const { project, ids } = sampleProject();
    project.lanes.push({ id: 'tp', journey: ids.journey, kind: 'touchpoints', title: 'Touchpoints', order: 'a3' });
    project.cards.push(card('tp', ids.see, 'a0', 'Call', { expected: 4, experienced: 2 }));
    const lane = project.lanes.find((l) => l.id === 'tp')!;
    expect(describeLoss(lossOnKindChange(project, lane, 'actions'))).toBe('1 card will lose its expected quality and experienced quality.');
  });
});

describe('pain points an opportunity can answer', () => {
  it('are the journey’s pain-point cards left to right', () => {
    const { project, ids } = sampleProject();
    const late = card(ids.pains, ids.buy, 'a0', 'Late');
    const early = card(ids.pains, ids.see, 'a0', 'Early');
    project.cards.push(late, early, card(ids.actions, ids.see, 'a0', 'Not a pain'));
    const columns = [ids.see, ids.compare, ids.buy];
    expect(painPointsOf(project, ids.journey, (s) => columns.indexOf(s)).map((c) => c.text)).toEqual(['Early', 'Late']);
  });
});

describe('the journey of a step', () => {
  it('is found through the step’s stage', () => {
    const { project, ids } = sampleProject();
    expect(journeyOfStep(project, ids.buy)?.id).toBe(ids.journey);
    expect(journeyOfStep(project, 'no-such-step')).toBeUndefined();
  });
});

describe('storyline images', () => {
  it('finds the images lane and the step’s image card', () => {
    const { project, ids, lane } = withImagesLane();
    expect(storylineLane(project, ids.journey)?.id).toBe(lane.id);
    expect(storylineLane(sampleProject().project, ids.journey)).toBeUndefined();
    expect(storylineCard(project, lane, ids.see)).toBeUndefined();
  });

  it('a step without an image card gets one holding the new image, added once', async () => {
    const { project, ids, lane } = withImagesLane();
    applyTo(project, (await setStepImage(project, testKeys, lane, ids.see, image('h1')))!);
    expect(project.images.map((i) => i.hash)).toEqual(['h1']);
    expect(storylineCard(project, lane, ids.see)?.image).toBe('h1');
    // The same image on another step is not stored twice.
    const change = (await setStepImage(project, testKeys, lane, ids.buy, image('h1')))!;
    expect(change.edits.map((e) => e.op)).toEqual(['add']);
    applyTo(project, change);
    expect(project.images).toHaveLength(1);
  });

  it('replacing an image drops the old one unless something else shows it', async () => {
    const { project, ids, lane } = withImagesLane();
    applyTo(project, (await setStepImage(project, testKeys, lane, ids.see, image('h1')))!);
    applyTo(project, (await setStepImage(project, testKeys, lane, ids.see, image('h2')))!);
    expect(project.images.map((i) => i.hash)).toEqual(['h2']);
    project.personas[0].photo = 'h2';
    applyTo(project, setCardImage(project, storylineCard(project, lane, ids.see)!, image('h3'))!);
    expect(project.images.map((i) => i.hash).sort()).toEqual(['h2', 'h3']);
    expect(setCardImage(project, storylineCard(project, lane, ids.see)!, image('h3'))).toBeNull();
  });

  it('clearing removes a bare image card, and keeps one with a caption', async () => {
    const { project, ids, lane } = withImagesLane();
    applyTo(project, (await setStepImage(project, testKeys, lane, ids.see, image('h1')))!);
    applyTo(project, clearStepImage(project, lane, ids.see)!);
    expect([project.cards.length, project.images.length]).toEqual([0, 0]);

    applyTo(project, (await setStepImage(project, testKeys, lane, ids.see, image('h1')))!);
    storylineCard(project, lane, ids.see)!.text = 'At the counter';
    applyTo(project, clearStepImage(project, lane, ids.see)!);
    expect(storylineCard(project, lane, ids.see)?.image).toBeNull();
    expect(project.images).toHaveLength(0);
    expect(clearStepImage(project, lane, ids.see)).toBeNull();
  });
});
