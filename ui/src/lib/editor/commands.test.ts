import { describe, expect, it } from 'vitest';
import { card, sampleProject } from '../doc/fixture.test-util';
import { goesWith } from './commands';

describe('what a delete takes with it', () => {
  it('names steps, cards and emotion points, leaving out what is not there', () => {
    const { project, ids } = sampleProject();
    expect(goesWith(project, new Set([ids.compare]), 0)).toBe('Its 1 emotion point');
    project.cards.push(card(ids.actions, ids.see, 'a0', 'x'), card(ids.actions, ids.compare, 'a0', 'y'));
    expect(goesWith(project, new Set([ids.see, ids.compare]), 2)).toBe('Its 2 steps, 2 cards and 2 emotion points');
    expect(goesWith(project, new Set([ids.buy]), 1)).toBe('Its 1 step and 1 emotion point');
    const empty = sampleProject();
    expect(goesWith(empty.project, new Set(['nothing']), 1)).toBe(null);
  });
});
