import { describe, expect, it } from 'vitest';
import { LANE_STYLES, TEXT, TEXT_MUTED, contrast, parseHex, stageBand, textOn, tint } from './colour';

describe('colours', () => {
  it('parses hex colours and falls back to grey', () => {
    expect(parseHex('#ff8000')).toEqual([255, 128, 0]);
    expect(parseHex('#fff')).toEqual([255, 255, 255]);
    expect(parseHex('red')).toEqual([128, 128, 128]);
  });

  it('computes WCAG contrast', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#777777')).toBeCloseTo(1, 5);
  });

  it('keeps card text at AA contrast on every lane colour', () => {
    for (const style of Object.values(LANE_STYLES)) {
      expect(contrast(TEXT, style.fill)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(TEXT_MUTED, style.fill)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(style.accent, style.fill)).toBeGreaterThanOrEqual(3);
    }
  });

  it('picks the better of dark and white text', () => {
    for (const colour of ['#ffcc00', '#1f4e79', '#ffffff', '#000000', '#2e7d32']) {
      expect(contrast(textOn(colour), colour)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('keeps stage names readable on the band of any stage colour', () => {
    for (const colour of ['#e53935', '#7f7f7f', '#000000', '#0000ff', '#ffcc00', 'not a colour']) {
      expect(contrast(TEXT, stageBand(colour))).toBeGreaterThanOrEqual(7);
    }
  });

  it('tints towards white', () => {
    expect(tint('#000000', 0.5)).toBe('#808080');
    expect(tint('#336699', 0)).toBe('#336699');
  });
});
