import { describe, expect, it } from 'vitest';
import { applyTo } from './change';
import { deletePersona } from './edits';
import { sampleProject } from './fixture.test-util';
import type { Image } from './model';
import { deleteQuestion, footprint, initials, isShown, journeyInView, tidy, toggleChannel, withPhoto } from './persona';

const image: Image = { hash: 'abc123', mime: 'image/png', width: 2, height: 2, data: 'AAAA' };

describe('persona helpers', () => {
  it('counts what a delete takes along, as deletePersona removes it', () => {
    const { project, ids } = sampleProject();
    expect(footprint(project, ids.ana)).toEqual({ points: 2, journeys: 1 });
    const ana = project.personas.find((p) => p.id === ids.ana)!;
    const removed = deletePersona(project, ana).edits.filter((e) => e.op === 'remove' && e.record.kind === 'emotion-point');
    expect(removed).toHaveLength(2);
  });

  it('asks before a delete in words that say what goes', () => {
    expect(deleteQuestion('Ana', { points: 2, journeys: 1 })).toBe(
      'Delete “Ana”? 2 emotion points go with it, and it is taken off 1 journey. Undo brings everything back.',
    );
    expect(deleteQuestion('Ben', { points: 1, journeys: 0 })).toBe('Delete “Ben”? 1 emotion point goes with it. Undo brings everything back.');
    expect(deleteQuestion('Cy', { points: 0, journeys: 0 })).toBe('Delete “Cy”? It has no emotion points yet. Undo brings everything back.');
  });

  it('adds a photo image once, and points the persona at it', () => {
    const { project, ids } = sampleProject();
    const ana = project.personas.find((p) => p.id === ids.ana)!;
    const first = withPhoto(project, ana, image);
    expect(first.edits.map((e) => `${e.op}:${e.op === 'update' ? e.after.kind : e.record.kind}`)).toEqual(['add:image', 'update:persona']);
    applyTo(project, first);
    expect(project.personas.find((p) => p.id === ids.ana)!.photo).toBe('abc123');
    const ben = project.personas.find((p) => p.id === ids.ben)!;
    expect(withPhoto(project, ben, image).edits.map((e) => e.op)).toEqual(['update']);
  });

  it('finds the journey in view, falling back to the first', () => {
    const { project, ids } = sampleProject();
    expect(journeyInView(project, null)?.id).toBe(ids.journey);
    expect(journeyInView(project, 'gone')?.id).toBe(ids.journey);
    expect(isShown(project.journeys[0], ids.ben)).toBe(true);
    expect(isShown(project.journeys[0], 'other')).toBe(false);
  });

  it('makes initials, tidies lists and toggles channels', () => {
    expect(initials('Ana Lima Souza')).toBe('AS');
    expect(initials('  ben ')).toBe('B');
    expect(initials('')).toBe('?');
    expect(tidy(['a', ' ', '', 'b'])).toEqual(['a', 'b']);
    expect(toggleChannel(['x', 'y'], 'x')).toEqual(['y']);
    expect(toggleChannel(['y'], 'x')).toEqual(['y', 'x']);
  });
});
