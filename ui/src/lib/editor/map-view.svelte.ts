// The part of the open map that is drawn, following the scroller (see ../doc/viewport.ts for the
// rules). The map attaches it when it mounts; the keyboard and Find ask it to bring a place into
// view, which scrolls there, and the scroll draws it.

import type { JourneyGrid } from '../doc/grid';
import { COLUMN_WIDTH, LABEL_WIDTH, STAGE_HEIGHT } from '../doc/layout';
import type { Rect } from '../doc/geometry';
import { intersects } from '../doc/geometry';
import {
  CARD_GAP, CELL_INSET, EMPTY_SPAN, FILL_CELLS, WHOLE_MAP_CELLS, columnEdges, columnSpan, estimateCard, estimateLanes, inSpan, revealAlong, rowSpan, stack, type Span, type View,
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
  /** Cells drawn without their cards yet, by `row:column` (see `showsCards`). */
  unfilled = $state<Record<string, true>>({});
  #unfilledCount = 0;
  #fillFrame = 0;

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
      cancelAnimationFrame(this.#fillFrame);
      this.#fillFrame = 0;
      this.#forgetUnfilled();
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
    // Another journey, or lanes added or taken away: what was left to fill named other cells.
    if (fresh) this.#forgetUnfilled();
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
    const moved = !sameSpan(columns, this.columns) || !sameSpan(rows, this.rows);
    if (whole) this.#forgetUnfilled();
    else if (moved || this.#unfilledCount > 0) {
      this.#fill(columns, rows, columnSpan(view, grid.columns.length, 0), rowSpan(view, this.#tops, this.#heights, 0));
    }
    if (!sameSpan(columns, this.columns)) this.columns = columns;
    if (!sameSpan(rows, this.rows)) this.rows = rows;
    return moved;
  }

  /**
   * Cells new to the drawn part (a column or a lane that came into the margin) that are out of
   * sight start without their cards and are filled over the next frames; a cell in sight is
   * filled now, and one no longer drawn is forgotten. The first drawing fills everything.
   */
  #fill(columns: Span, rows: Span, sightColumns: Span, sightRows: Span): void {
    const before = { columns: this.columns, rows: this.rows };
    const drawnBefore = before.columns.end > before.columns.first && before.rows.end > before.rows.first;
    const inSight = (r: number, c: number) => inSpan(sightRows, r) && inSpan(sightColumns, c);
    for (const key of Object.keys(this.unfilled)) {
      const [r, c] = key.split(':').map(Number);
      if (!inSpan(rows, r) || !inSpan(columns, c) || inSight(r, c)) delete this.unfilled[key];
    }
    if (drawnBefore) {
      for (let r = rows.first; r < rows.end; r++) {
        for (let c = columns.first; c < columns.end; c++) {
          const fresh = !inSpan(before.rows, r) || !inSpan(before.columns, c);
          if (fresh && !inSight(r, c)) this.unfilled[`${r}:${c}`] = true;
        }
      }
    }
    this.#unfilledCount = Object.keys(this.unfilled).length;
    if (this.#unfilledCount > 0 && this.#fillFrame === 0 && typeof requestAnimationFrame !== 'undefined') {
      this.#fillFrame = requestAnimationFrame(() => this.#fillStep());
    }
  }

  /** One frame's filling: the few unfilled cells nearest the middle of what is drawn. */
  #fillStep(): void {
    this.#fillFrame = 0;
    const start = performance.now();
    const middleRow = (this.rows.first + this.rows.end) / 2;
    const middleColumn = (this.columns.first + this.columns.end) / 2;
    const distance = (key: string) => {
      const [r, c] = key.split(':').map(Number);
      return Math.abs(r - middleRow) + Math.abs(c - middleColumn);
    };
    const nearest = Object.keys(this.unfilled).sort((a, b) => distance(a) - distance(b)).slice(0, FILL_CELLS);
    for (const key of nearest) delete this.unfilled[key];
    this.#unfilledCount = Object.keys(this.unfilled).length;
    // Counted with the scroll's own script: it is the rest of a scroll's work.
    scrolled(start);
    if (this.#unfilledCount > 0) this.#fillFrame = requestAnimationFrame(() => this.#fillStep());
  }

  #forgetUnfilled(): void {
    if (this.#unfilledCount === 0) return;
    this.unfilled = {};
    this.#unfilledCount = 0;
  }

  /** Whether a drawn cell shows its cards yet (see `unfilled`). */
  showsCards = (row: number, column: number): boolean => !this.unfilled[`${row}:${column}`];

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
        if (cell.length === 0 || (this.drawsRow(r) && this.drawsColumn(c) && this.showsCards(r, c))) return;
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
