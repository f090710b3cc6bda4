import { describe, expect, it } from 'vitest';
import { boxFrom, dropIndex, fitZoom, moveCursor, scrollForZoom, within, zoomBy, zoomIn, zoomOut } from './geometry';

describe('hit testing', () => {
  it('drops before the first card whose middle is below the pointer', () => {
    expect(dropIndex([], 10)).toBe(0);
    expect(dropIndex([50, 150, 250], 10)).toBe(0);
    expect(dropIndex([50, 150, 250], 151)).toBe(2);
    expect(dropIndex([50, 150, 250], 900)).toBe(3);
  });

  it('box-selects the cards a box touches, dragged either way', () => {
    const cards = [
      { id: 'a', rect: { left: 0, top: 0, right: 100, bottom: 40 } },
      { id: 'b', rect: { left: 0, top: 60, right: 100, bottom: 100 } },
      { id: 'c', rect: { left: 300, top: 0, right: 400, bottom: 40 } },
    ];
    expect(within(boxFrom(120, 80, 50, 20), cards)).toEqual(['a', 'b']);
    expect(within(boxFrom(150, 0, 250, 200), cards)).toEqual([]);
  });
});

describe('keyboard movement', () => {
  it('arrows stop at the edges; Tab runs on to the next row and stops at the end', () => {
    expect(moveCursor({ row: 0, column: 0 }, 'left', 3, 4)).toEqual({ row: 0, column: 0 });
    expect(moveCursor({ row: 0, column: 3 }, 'right', 3, 4)).toEqual({ row: 0, column: 3 });
    expect(moveCursor({ row: 2, column: 1 }, 'down', 3, 4)).toEqual({ row: 2, column: 1 });
    expect(moveCursor({ row: 0, column: 3 }, 'next', 3, 4)).toEqual({ row: 1, column: 0 });
    expect(moveCursor({ row: 1, column: 0 }, 'previous', 3, 4)).toEqual({ row: 0, column: 3 });
    expect(moveCursor({ row: 2, column: 3 }, 'next', 3, 4)).toEqual({ row: 2, column: 3 });
  });
});

describe('zoom', () => {
  it('steps through fixed zooms and clamps wheel zoom to their range', () => {
    expect(zoomIn(1)).toBe(1.1);
    expect(zoomOut(1)).toBe(0.9);
    expect(zoomIn(2)).toBe(2);
    expect(zoomOut(0.25)).toBe(0.25);
    expect(zoomBy(1, -100)).toBeGreaterThan(1);
    expect(zoomBy(2, -10000)).toBe(2);
    expect(zoomBy(0.3, 10000)).toBe(0.25);
  });

  it('fits the map width but never enlarges, and zooms around the pointer', () => {
    expect(fitZoom(4000, 1000)).toBe(0.25);
    expect(fitZoom(2000, 1000)).toBe(0.5);
    expect(fitZoom(500, 1000)).toBe(1);
    // The map point under the pointer (scroll 100 + pointer 200 = 300 at zoom 1) stays under it.
    expect(scrollForZoom(100, 200, 1, 2)).toBe(400);
    expect(scrollForZoom(0, 10, 1, 0.5)).toBe(0);
  });
});
