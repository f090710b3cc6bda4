import { describe, expect, it } from 'vitest';
import demo from '../../../../assets/demo/demo.json';
import { applyTo, compose, inverse, isNoop, patch, rec } from './change';
import { deleteJourney, deleteStage, duplicateJourney } from './edits';
import { journeysOf } from './grid';
import type { Project } from './model';
import { testKeys } from './keys.test-util';

const demoProject = () => structuredClone((demo as unknown as { project: Project }).project);
const canonical = (p: Project) =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(p).map(([k, v]) => [k, Array.isArray(v) ? [...v].map((r) => JSON.stringify(r)).sort() : v]),
    ),
  );

describe('changes on the window copy', () => {
  it('a change and its inverse leave the project as it was', async () => {
    const project = demoProject();
    const before = canonical(project);
    const [journey] = journeysOf(project);
    const stage = project.stages.find((s) => s.journey === journey.id)!;
    const c = deleteStage(project, stage);
    applyTo(project, c);
    expect(project.stages.some((s) => s.id === stage.id)).toBe(false);
    expect(canonical(project)).not.toBe(before);
    applyTo(project, inverse(c));
    expect(canonical(project)).toBe(before);

    const { change: dup } = await duplicateJourney(project, testKeys, journey, 'Copy');
    applyTo(project, dup);
    const del = deleteJourney(project, journey);
    applyTo(project, del);
    applyTo(project, inverse(del));
    applyTo(project, inverse(dup));
    expect(canonical(project)).toBe(before);
  });

  it('refuses a change the copy cannot take instead of showing a wrong map', () => {
    const project = demoProject();
    const card = project.cards[0];
    const c = { id: 'x', edits: [{ op: 'add' as const, record: rec.card(card) }] };
    expect(() => applyTo(project, c)).toThrow(/already has card/);
  });

  it('folds consecutive updates of one record into one', () => {
    const project = demoProject();
    const card = project.cards[0];
    const a = { id: 'a', edits: [patch(rec.card, card, { text: 'H' })] };
    const b = { id: 'b', edits: [patch(rec.card, { ...card, text: 'H' }, { text: 'Hi' })] };
    const both = compose(a, b);
    expect(both.edits).toHaveLength(1);
    const edit = both.edits[0];
    expect(edit.op === 'update' && (edit.before.record as typeof card).text).toBe(card.text);
    expect(edit.op === 'update' && (edit.after.record as typeof card).text).toBe('Hi');
    expect(isNoop(compose(both, inverse(both)))).toBe(true);
    expect(isNoop(a)).toBe(false);
  });
});
