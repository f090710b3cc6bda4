import { describe, expect, it } from 'vitest';
import { card, sampleProject } from './fixture.test-util';
import { isRated, opportunitiesOf, quadrantOf, rankingCsvPath } from './priority';

describe('priority board', () => {
  it('lists a journey’s opportunities in map order, and only those', () => {
    const { project, ids } = sampleProject();
    const lane = { id: 'opp', journey: ids.journey, kind: 'opportunities' as const, title: 'O', order: 'a5' };
    project.lanes.push(lane);
    // Purchase (Buy) comes after Awareness (See, Compare) on the map.
    const buy = card(lane.id, ids.buy, 'a0', 'buy');
    const see2 = card(lane.id, ids.see, 'a1', 'see 2');
    const see1 = card(lane.id, ids.see, 'a0', 'see 1');
    const compare = card(lane.id, ids.compare, 'a0', 'compare');
    project.cards.push(buy, see2, card(ids.pains, ids.see, 'a0', 'pain'), see1, compare);
    expect(opportunitiesOf(project, ids.journey).map((c) => c.text)).toEqual(['see 1', 'see 2', 'compare', 'buy']);
    expect(opportunitiesOf(project, 'another journey')).toEqual([]);
  });

  it('names the quadrants as impact up and effort right, the middle in none', () => {
    expect(quadrantOf(5, 1)).toBe('quick-wins');
    expect(quadrantOf(4, 5)).toBe('big-bets');
    expect(quadrantOf(1, 2)).toBe('fill-ins');
    expect(quadrantOf(2, 4)).toBe('money-pits');
    expect(quadrantOf(3, 1)).toBeNull();
    expect(quadrantOf(5, 3)).toBeNull();
  });

  it('a card needs both ratings for a cell', () => {
    const { ids } = sampleProject();
    expect(isRated(card(ids.pains, ids.see, 'a0', 'x', { impact: 4, effort: null }))).toBe(false);
    expect(isRated(card(ids.pains, ids.see, 'a0', 'x', { impact: 4, effort: 2 }))).toBe(true);
  });

  it('proposes the CSV beside the project', () => {
    expect(rankingCsvPath('/w/Lumo.pdf', 'Switching', 1)).toBe('/w/Lumo - ranking.csv');
    expect(rankingCsvPath('/w/Lumo.pdf', 'Switch/Stay', 2)).toBe('/w/Lumo - Switch-Stay - ranking.csv');
  });
});
