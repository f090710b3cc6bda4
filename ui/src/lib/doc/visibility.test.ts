import { describe, expect, it } from 'vitest';
import { visibilityLine } from './visibility';

describe('line of visibility', () => {
  it('sits above the first backstage lane below a visible lane', () => {
    expect(visibilityLine(['images', 'actions', 'touchpoints', 'backstage', 'backstage'])).toBe(3);
    expect(visibilityLine(['actions', 'backstage', 'kpis', 'backstage'])).toBe(1);
  });
  it('is not drawn without a visible lane above backstage, or without backstage', () => {
    expect(visibilityLine(['backstage', 'actions', 'backstage'])).toBeNull();
    expect(visibilityLine(['actions', 'feelings'])).toBeNull();
    expect(visibilityLine([])).toBeNull();
  });
});
