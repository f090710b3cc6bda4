// Hit testing and movement on the map grid, in the window's coordinates. The DOM supplies the
// rectangles; the rules for what a pointer or a key lands on live here, where tests reach them.

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where a card dropped at height `y` goes among cards whose vertical middles are `middles`. */
export function dropIndex(middles: number[], y: number): number {
  const i = middles.findIndex((m) => y < m);
  return i < 0 ? middles.length : i;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** The rectangle a box-select drag spans, whichever way it was dragged. */
export function boxFrom(x0: number, y0: number, x1: number, y1: number): Rect {
  return { left: Math.min(x0, x1), top: Math.min(y0, y1), right: Math.max(x0, x1), bottom: Math.max(y0, y1) };
}

export function within(box: Rect, items: { id: string; rect: Rect }[]): string[] {
  return items.filter((item) => intersects(box, item.rect)).map((item) => item.id);
}

/** Where a dragged header (stage, step, lane) lands among its siblings' centres along one axis. */
export const slotIndex = dropIndex;

export interface Cursor {
  row: number;
  column: number;
}

export type Move = 'left' | 'right' | 'up' | 'down' | 'next' | 'previous';

/** Moves a cell cursor on a grid of `rows` × `columns`; Tab runs along a row and on to the next. */
export function moveCursor(cursor: Cursor, move: Move, rows: number, columns: number): Cursor {
  if (rows === 0 || columns === 0) return cursor;
  const clampRow = (r: number) => Math.max(0, Math.min(rows - 1, r));
  const clampColumn = (c: number) => Math.max(0, Math.min(columns - 1, c));
  switch (move) {
    case 'left':
      return { row: cursor.row, column: clampColumn(cursor.column - 1) };
    case 'right':
      return { row: cursor.row, column: clampColumn(cursor.column + 1) };
    case 'up':
      return { row: clampRow(cursor.row - 1), column: cursor.column };
    case 'down':
      return { row: clampRow(cursor.row + 1), column: cursor.column };
    case 'next': {
      const i = Math.min(cursor.row * columns + cursor.column + 1, rows * columns - 1);
      return { row: Math.floor(i / columns), column: i % columns };
    }
    case 'previous': {
      const i = Math.max(cursor.row * columns + cursor.column - 1, 0);
      return { row: Math.floor(i / columns), column: i % columns };
    }
  }
}

export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2];

export function zoomIn(zoom: number): number {
  return ZOOM_STEPS.find((z) => z > zoom + 1e-6) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1];
}

export function zoomOut(zoom: number): number {
  return [...ZOOM_STEPS].reverse().find((z) => z < zoom - 1e-6) ?? ZOOM_STEPS[0];
}

/** A wheel or pinch step: smooth, kept within the steps' range. */
export function zoomBy(zoom: number, deltaY: number): number {
  const next = zoom * Math.exp(-deltaY / 400);
  return Math.min(ZOOM_STEPS[ZOOM_STEPS.length - 1], Math.max(ZOOM_STEPS[0], next));
}

/** The zoom that shows the whole map's width (never above 100 %). */
export function fitZoom(mapWidth: number, viewWidth: number): number {
  if (mapWidth <= 0 || viewWidth <= 0) return 1;
  return Math.min(1, Math.max(ZOOM_STEPS[0], viewWidth / mapWidth));
}

/**
 * The scroll position that keeps the map point under the pointer in place when the zoom changes
 * from `from` to `to` (pointer at `pointer` inside the view, view scrolled by `scroll`).
 */
export function scrollForZoom(scroll: number, pointer: number, from: number, to: number): number {
  return Math.max(0, ((scroll + pointer) / from) * to - pointer);
}
