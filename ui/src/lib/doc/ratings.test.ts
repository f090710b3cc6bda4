import { describe, expect, it } from 'vitest';
import { spreadOf, spreadsByColumn } from './ratings';

describe('the room band', () => {
  it('takes the median between the middle two of an even count, as the core does', () => {
    expect(spreadOf('s', [3, -5, 1])).toEqual({ step: 's', count: 3, median: 1, lowest: -5, highest: 3 });
    expect(spreadOf('s', [4, -2, 1, 0])).toEqual({ step: 's', count: 4, median: 0.5, lowest: -2, highest: 4 });
    expect(spreadOf('s', [])).toBeNull();
  });

  it('gives each column its own step’s ratings and none to an empty column', () => {
    const ratings = [
      { id: '1', step: 'a', participant: null, value: 2 },
      { id: '2', step: 'b', participant: 'p', value: -1 },
      { id: '3', step: 'a', participant: 'p', value: 4 },
    ];
    const bands = spreadsByColumn(ratings, ['a', null, 'b', 'c']);
    expect(bands.map((b) => b?.median ?? null)).toEqual([3, null, -1, null]);
    expect(bands[0]).toMatchObject({ count: 2, lowest: 2, highest: 4 });
  });
});
