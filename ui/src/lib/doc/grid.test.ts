import { describe, expect, it } from 'vitest';
import { buildGrid } from './grid';
import { card, sampleProject } from './fixture.test-util';

describe('buildGrid', () => {
  it('orders stages and their steps into columns, and gives an empty stage one column', () => {
    const { project } = sampleProject();
    const grid = buildGrid(project, project.journeys[0]);
    expect(grid.stages.map((s) => [s.stage.name, s.start, s.span])).toEqual([
      ['Awareness', 0, 2],
      ['Purchase', 2, 1],
      ['Empty', 3, 1],
    ]);
    expect(grid.columns.map((c) => c.step?.title ?? null)).toEqual(['See an ad', 'Compare', 'Buy', null]);
  });

  it('orders lanes and puts cards in their cell in order', () => {
    const { project, ids } = sampleProject();
    project.cards.push(card(ids.pains, ids.buy, 'a1', 'second'), card(ids.pains, ids.buy, 'a0', 'first'));
    project.cards.push(card(ids.actions, ids.see, 'a0', 'look'));
    const grid = buildGrid(project, project.journeys[0]);
    expect(grid.rows.map((r) => r.lane.title)).toEqual(['Actions', 'Pain points']);
    expect(grid.rows[1].cells[2].map((c) => c.text)).toEqual(['first', 'second']);
    expect(grid.rows[0].cells[0].map((c) => c.text)).toEqual(['look']);
    expect(grid.rows[0].cells[1]).toEqual([]);
  });

  it('shows the primary persona first and places each persona’s points by column', () => {
    const { project, ids } = sampleProject();
    const grid = buildGrid(project, project.journeys[0]);
    expect(grid.personas.map((p) => p.name)).toEqual(['Ana', 'Ben']);
    expect(grid.emotions.get(ids.ana)!.map((p) => p?.value ?? null)).toEqual([2, null, -3, null]);
    expect(grid.emotions.get(ids.ben)!.map((p) => p?.value ?? null)).toEqual([null, 4, null, null]);
  });

  it('indexes moments of truth by step and by card, and lists them left to right', () => {
    const { project, ids } = sampleProject();
    const c = card(ids.actions, ids.see, 'a0', 'look');
    project.cards.push(c);
    project.moments_of_truth.push(
      { id: 'm1', target: { kind: 'step', id: ids.buy }, title: 'Checkout', why: 'money' },
      { id: 'm2', target: { kind: 'card', id: c.id }, title: 'First look', why: 'first impression' },
      { id: 'm3', target: { kind: 'step', id: 'not-in-this-journey' }, title: 'Elsewhere', why: '' },
    );
    const grid = buildGrid(project, project.journeys[0]);
    expect(grid.momentsByStep.get(ids.buy)!.map((m) => m.title)).toEqual(['Checkout']);
    expect(grid.momentsByCard.get(c.id)!.map((m) => m.title)).toEqual(['First look']);
    expect(grid.moments.map((m) => m.title)).toEqual(['First look', 'Checkout']);
  });
});
