import { describe, expect, it } from 'vitest';
import { describeGap, qualityGap } from './gaps';

describe('touchpoint quality gap', () => {
  it('is experienced minus expected, null while either is unrated', () => {
    expect(qualityGap(4, 2)).toBe(-2);
    expect(qualityGap(2, 5)).toBe(3);
    expect(qualityGap(null, 3)).toBeNull();
    expect(qualityGap(3, null)).toBeNull();
  });

  it('says which way and how far', () => {
    expect(describeGap(4, 2)).toBe('experienced 2 below expected');
    expect(describeGap(1, 2)).toBe('experienced 1 above expected');
    expect(describeGap(3, 3)).toBe('experienced as expected');
    expect(describeGap(null, null)).toBeNull();
  });
});
