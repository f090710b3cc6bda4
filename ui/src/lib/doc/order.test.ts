import { describe, expect, it } from 'vitest';
import { byOrder, keysAfter, keysAt, keysAtEnd, sorted } from './order';
import { testKeys } from './keys.test-util';

const rec = (id: string, order: string) => ({ id, order });
// Given out of order on purpose: the helpers place among the siblings as they sort.
const siblings = [rec('c', 'a2'), rec('a', 'a0'), rec('b', 'a1')];

describe('order keys', () => {
  it('sorts by key as bytes, then by id', () => {
    expect(sorted([rec('z', 'a0'), rec('y', 'B'), rec('x', 'a0')]).map((r) => r.id)).toEqual(['y', 'x', 'z']);
    expect(siblings.map((r) => r.id)).toEqual(['c', 'a', 'b']);
    expect(byOrder(rec('a', 'a1'), rec('b', 'a1'))).toBeLessThan(0);
  });

  it('places after a sibling, at the start, at an index and at the end', async () => {
    const placed = async (keys: Promise<string[]>) => {
      const [order] = await keys;
      return sorted([...siblings, rec('new', order)]).map((r) => r.id);
    };
    expect(await placed(keysAfter(testKeys, siblings, siblings[1]))).toEqual(['a', 'new', 'b', 'c']);
    expect(await placed(keysAfter(testKeys, siblings, null))).toEqual(['new', 'a', 'b', 'c']);
    expect(await placed(keysAt(testKeys, siblings, 2))).toEqual(['a', 'b', 'new', 'c']);
    expect(await placed(keysAt(testKeys, siblings, 99))).toEqual(['a', 'b', 'c', 'new']);
    expect(await placed(keysAtEnd(testKeys, siblings))).toEqual(['a', 'b', 'c', 'new']);
  });

  it('gives several increasing keys for records placed together', async () => {
    const keys = await keysAfter(testKeys, siblings, siblings[1], 3);
    expect(keys).toHaveLength(3);
    expect([...keys].sort()).toEqual(keys);
    expect(keys[0] > 'a0' && keys[2] < 'a1').toBe(true);
  });
});
