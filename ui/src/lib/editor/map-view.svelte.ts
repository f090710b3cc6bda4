// The part of the open map that is drawn, following the scroller (see ../doc/viewport.ts for the
// rules). The map attaches it when it mounts; the keyboard and Find ask it to bring a place into
// view, which scrolls there, and the scroll draws it.

import type { JourneyGrid } from '../doc/grid';
import { COLUMN_WIDTH, LABEL_WIDTH, STAGE_HEIGHT } from '../doc/layout';
import type { Rect } from '../doc/geometry';
import { intersects } from '../doc/geometry';
import {
  CARD_GAP, CELL_INSET, EMPTY_SPAN, WHOLE_MAP_CELLS, columnEdges, columnSpan, estimateCard, estimateLanes, inSpan, revealAlong, rowSpan, stack, type Span, type View,
} from '../doc/viewport';
import type { Selection } from './editor.svelte';
import { scrolled } from './timing';

/** Where the lanes start before the headers were measured: stages, steps, curve, gap row. */
const HEADER_GUESS = STAGE_HEIGHT + 60 + 196 + 52;

const sameSpan = (a: Span, b: Span) => a.first === b.first && a.end === b.end;

export class MapView {
  /** The step columns drawn. */
  columns = $state<Span>(EMPTY_SPAN);
  /** The lanes whose cells are drawn. */
  rows = $state<Span>(EMPTY_SPAN);
  /** Each lane's least height: its cards' estimate, so a lane keeps its height undrawn. */
  estimates = $state.raw<number[]>([]);

  #grid: JourneyGrid | null = null;
  #scroller: HTMLElement | null = null;
  #map: HTMLElement | null = null;
  #zoom = () => 1;
  #tops: number[] = [];
  #heights: number[] = [];
  /** What the sticky stage and step headers cover at the top of the view. */
  #headers = STAGE_HEIGHT + 60;
  #observer: ResizeObserver | null = null;

  /**
   * The scroller the map will be drawn in, before the map is: its size picks the first columns
   * and lanes, so the first frame draws exactly what the view shows instead of a guess that is
   * drawn, laid out and trimmed again.
   */
  place(scroller: HTMLElement, zoom: () => number): void {
    this.#scroller = scroller;
    this.#zoom = zoom;
  }

  /** Follows `scroller`, whose content is `map`; returns the detach. */
  attach(scroller: HTMLElement, map: HTMLElement, zoom: () => number): () => void {
    this.#scroller = scroller;
    this.#map = map;
    this.#zoom = zoom;
    const onscroll = () => {
      const start = performance.now();
      this.update();
      scrolled(start);
    };
    scroller.addEventListener('scroll', onscroll, { passive: true });
    // Lanes grow as their cells are drawn, the window and the headers change size: measure
    // the lanes again after each layout that changed the map's or the scroller's size.
    this.#observer = new ResizeObserver(() => this.#measure());
    this.#observer.observe(scroller);
    this.#observer.observe(map);
    this.#measure();
    return () => {
      scroller.removeEventListener('scroll', onscroll);
      this.#observer?.disconnect();
      this.#observer = null;
      this.#scroller = null;
      this.#map = null;
    };
  }

  /** A new grid (another journey, or the project changed): estimates again, then what to draw. */
  setGrid(grid: JourneyGrid): void {
    const fresh = this.#grid?.journey.id !== grid.journey.id || this.#grid.rows.length !== grid.rows.length;
    this.#grid = grid;
    // A map drawn whole needs no estimate: every lane is as tall as its cells.
    this.estimates = this.#whole() ? [] : estimateLanes(grid);
    if (fresh || this.#tops.length !== grid.rows.length) {
      this.#heights = [...this.estimates];
      this.#tops = stack(this.#tops[0] ?? HEADER_GUESS, this.#heights);
    }
    this.update();
  }

  #whole(): boolean {
    const grid = this.#grid;
    return grid !== null && grid.columns.length * grid.rows.length <= WHOLE_MAP_CELLS;
  }

  /** The view in map pixels. */
  #view(): View {
    const s = this.#scroller;
    const zoom = this.#zoom();
    // Before the scroller is there (the first render), a window's worth from the top left.
    if (!s) return { left: 0, top: 0, width: 1600 / zoom, height: 1000 / zoom };
    return { left: s.scrollLeft / zoom, top: s.scrollTop / zoom, width: s.clientWidth / zoom, height: s.clientHeight / zoom };
  }

  /** Sets what to draw from the view; true when that changed. */
  update(): boolean {
    const grid = this.#grid;
    if (!grid) return false;
    const view = this.#view();
    const whole = this.#whole();
    const columns = whole ? { first: 0, end: grid.columns.length } : columnSpan(view, grid.columns.length);
    const rows = whole ? { first: 0, end: grid.rows.length } : rowSpan(view, this.#tops, this.#heights);
    let changed = false;
    if (!sameSpan(columns, this.columns)) {
      this.columns = columns;
      changed = true;
    }
    if (!sameSpan(rows, this.rows)) {
      this.rows = rows;
      changed = true;
    }
    return changed;
  }

  /** Reads the lanes' places from their labels (always drawn), once layout is done. */
  #measure(): void {
    const map = this.#map;
    if (!map) return;
    const labels = map.querySelectorAll<HTMLElement>('[data-lane-id]');
    if (labels.length > 0) {
      this.#tops = [...labels].map((l) => l.offsetTop);
      this.#heights = [...labels].map((l) => l.offsetHeight);
    }
    const corner = map.querySelector<HTMLElement>('.step-corner');
    if (corner) this.#headers = STAGE_HEIGHT + corner.offsetHeight;
    this.update();
  }

  drawsRow = (row: number): boolean => inSpan(this.rows, row);
  drawsColumn = (column: number): boolean => inSpan(this.columns, column);

  /** Scrolls as little as needed to show a lane's cell in a column (either may be null). */
  reveal(row: number | null, column: number | null): void {
    const s = this.#scroller;
    if (!s) return;
    const zoom = this.#zoom();
    const view = this.#view();
    let left = view.left;
    let top = view.top;
    if (column !== null) {
      const { left: from, right } = columnEdges(column);
      left = revealAlong(view.left, view.width, LABEL_WIDTH, from, right);
    }
    if (row !== null && row < this.#tops.length) {
      top = revealAlong(view.top, view.height, this.#headers, this.#tops[row], this.#tops[row] + this.#heights[row]);
    }
    if (left !== view.left || top !== view.top) {
      s.scrollTo({ left: left * zoom, top: top * zoom, behavior: 'instant' });
      // Draw the place now rather than a frame later, so it can be read and focused at once.
      this.update();
    }
  }

  /** Scrolls to the top of the map (the curve and its legend), keeping the columns in view. */
  revealTop(): void {
    this.#scroller?.scrollTo({ left: this.#scroller.scrollLeft, top: 0, behavior: 'instant' });
    this.update();
  }

  /** Brings what a selection names into view. */
  revealSelection(selection: Selection): void {
    const grid = this.#grid;
    if (!grid) return;
    const column = (step: string) => {
      const i = grid.columns.findIndex((c) => c.step?.id === step);
      return i < 0 ? null : i;
    };
    const row = (lane: string) => {
      const i = grid.rows.findIndex((r) => r.lane.id === lane);
      return i < 0 ? null : i;
    };
    switch (selection.kind) {
      case 'cell':
      case 'cards':
        return this.reveal(row(selection.lane), column(selection.step));
      case 'step':
        return this.reveal(null, column(selection.id));
      case 'stage': {
        const span = grid.stages.find((s) => s.stage.id === selection.id);
        return this.reveal(null, span ? span.start : null);
      }
      case 'lane':
        return this.reveal(row(selection.id), null);
      default:
        return;
    }
  }

  /**
   * The cards in cells that are not drawn whose cell meets `box` (window pixels): a selection box
   * drawn across a scroll takes them too.
   */
  cardsOutOfSight(box: Rect): string[] {
    const grid = this.#grid;
    const map = this.#map;
    if (!grid || !map) return [];
    const origin = map.getBoundingClientRect();
    const zoom = this.#zoom();
    const ids: string[] = [];
    grid.rows.forEach((row, r) => {
      const top = origin.top + this.#tops[r] * zoom;
      const bottom = top + this.#heights[r] * zoom;
      if (bottom <= box.top || top >= box.bottom) return;
      row.cells.forEach((cell, c) => {
        if (cell.length === 0 || (this.drawsRow(r) && this.drawsColumn(c))) return;
        // Where each card would be drawn, from the estimate: a drawn card counts by its own box.
        const left = origin.left + (LABEL_WIDTH + c * COLUMN_WIDTH + CELL_INSET) * zoom;
        const right = left + (COLUMN_WIDTH - 2 * CELL_INSET) * zoom;
        let y = top + CELL_INSET * zoom;
        for (const card of cell) {
          const height = estimateCard(card, row.lane.kind) * zoom;
          if (intersects(box, { left, right, top: y, bottom: y + height })) ids.push(card.id);
          y += height + CARD_GAP * zoom;
        }
      });
    });
    return ids;
  }
}

/** The map on screen (one per window). */
export const mapView = new MapView();
