// Dragging on the map: cards to another place, a box around cards to select them, and stages,
// steps and lanes to a new place. A press becomes a drag once the pointer has moved a few pixels;
// nothing is written until the drop, so Escape during a drag puts everything back, and the drop
// is one change (one undo step) built from the project as it is then.

import { moveCards, moveLane, moveStage, moveStep, stepsOf } from '../doc/edits';
import { boxFrom, dropIndex, within, type Rect } from '../doc/geometry';
import { t } from '../i18n/index.svelte';
import { editor } from './editor.svelte';
import { dragMoved } from './timing';

/** Where dragged cards would land: a cell, and the place among its cards. */
export type CardTarget = { lane: string; step: string; index: number };

export type Drag =
  | { kind: 'cards'; ids: string[]; label: string; target: CardTarget | null }
  // x0, y0: where the box began, in the window, when the scroller stood at (left, top).
  | { kind: 'box'; lane: string; step: string; x0: number; y0: number; ids: string[]; left?: number; top?: number }
  | { kind: 'stage'; id: string; label: string; index: number | null }
  | { kind: 'lane'; id: string; label: string; index: number | null }
  // Only the steps in view are drawn, so the place is kept as the step it goes before (or after).
  | { kind: 'step'; id: string; label: string; stage: string | null; index: number | null; next?: { id: string; after: boolean } | null };

/** How far (px) the pointer moves before a press becomes a drag. */
const THRESHOLD = 4;

const hit = (x: number, y: number, selector: string) => document.elementFromPoint(x, y)?.closest<HTMLElement>(selector) ?? null;
const middle = (r: DOMRect, axis: 'x' | 'y') => (axis === 'x' ? (r.left + r.right) / 2 : (r.top + r.bottom) / 2);
const lineAt = (r: DOMRect): Rect => ({ left: r.left, right: r.left + 4, top: r.top, bottom: r.bottom });

/** Index among `elements` (the dragged one left out) where a drop at `at` lands; also the line to show. */
function slot(elements: HTMLElement[], at: number, axis: 'x' | 'y'): { index: number; line: Rect } | null {
  const rects = elements.map((e) => e.getBoundingClientRect());
  if (rects.length === 0) return null;
  const index = dropIndex(rects.map((r) => middle(r, axis)), at);
  const edge = index < rects.length ? (axis === 'x' ? rects[index].left : rects[index].top) : axis === 'x' ? rects[rects.length - 1].right : rects[rects.length - 1].bottom;
  const first = rects[0];
  const line =
    axis === 'x'
      ? { left: edge - 2, right: edge + 2, top: first.top, bottom: first.bottom }
      : { left: first.left, right: first.right, top: edge - 2, bottom: edge + 2 };
  return { index, line };
}

export class MapDrag {
  /** The drag under way, once the pointer has moved far enough. */
  drag = $state<Drag | null>(null);
  pointer = $state({ x: 0, y: 0 });
  /** Where the drag would land (a line), or the selection box, in window coordinates. */
  indicator = $state<Rect | null>(null);
  #pending: { drag: Drag; x: number; y: number } | null = null;
  #map: () => HTMLElement | undefined;
  #editable: () => boolean;
  #outOfSight: (box: Rect) => string[];

  /**
   * `map`: the map's element, whose stages, steps, lanes and cards a drag aims at; `editable`:
   * whether the map may be changed now (not a read-only file, not vote mode); `outOfSight`: the
   * cards a selection box meets that are not drawn (the map draws only what is in view).
   */
  constructor(map: () => HTMLElement | undefined, editable: () => boolean, outOfSight: (box: Rect) => string[] = () => []) {
    this.#map = map;
    this.#editable = editable;
    this.#outOfSight = outOfSight;
  }

  #scroller(): HTMLElement | null {
    return this.#map()?.parentElement ?? null;
  }

  /** A press that may become `next` once the pointer moves. */
  begin(event: PointerEvent, next: Drag): void {
    if (event.button !== 0 || !this.#editable()) return;
    if (next.kind === 'box') {
      const scroller = this.#scroller();
      next.left = scroller?.scrollLeft ?? 0;
      next.top = scroller?.scrollTop ?? 0;
    }
    this.#pending = { drag: next, x: event.clientX, y: event.clientY };
    window.addEventListener('pointermove', this.#move);
    window.addEventListener('pointerup', this.#end);
    window.addEventListener('keydown', this.#escape, true);
    // A wheel turned while the box is drawn scrolls the map under it: the box grows with it.
    window.addEventListener('scroll', this.#scrolled, true);
  }

  #scrolled = (): void => {
    if (this.drag?.kind === 'box') this.#aim(this.drag, this.pointer.x, this.pointer.y);
  };

  stop = (): void => {
    window.removeEventListener('pointermove', this.#move);
    window.removeEventListener('pointerup', this.#end);
    window.removeEventListener('keydown', this.#escape, true);
    window.removeEventListener('scroll', this.#scrolled, true);
    this.#pending = null;
    this.drag = null;
    this.indicator = null;
  };

  /** A card being dragged, or inside the selection box being drawn. */
  dragging = (id: string): boolean => this.drag?.kind === 'cards' && this.drag.ids.includes(id);
  boxed = (id: string): boolean => this.drag?.kind === 'box' && this.drag.ids.includes(id);

  /** Where in this cell dragged cards would land, or -1 when not here. */
  dropAt(lane: string, step: string | undefined): number {
    const d = this.drag;
    return d?.kind === 'cards' && d.target && d.target.lane === lane && d.target.step === step ? d.target.index : -1;
  }

  #move = (event: PointerEvent): void => {
    const start = performance.now();
    this.pointer = { x: event.clientX, y: event.clientY };
    const pending = this.#pending;
    if (!this.drag && pending && Math.hypot(event.clientX - pending.x, event.clientY - pending.y) > THRESHOLD) this.drag = pending.drag;
    if (!this.drag) return;
    event.preventDefault();
    this.#aim(this.drag, event.clientX, event.clientY);
    dragMoved(start);
  };

  #escape = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    // Escape during a drag puts everything back where it was: nothing was written yet.
    event.preventDefault();
    event.stopPropagation();
    this.stop();
  };

  #all(selector: string): HTMLElement[] {
    return [...(this.#map()?.querySelectorAll<HTMLElement>(selector) ?? [])];
  }

  #aim(d: Drag, x: number, y: number): void {
    if (d.kind === 'cards') {
      const cell = hit(x, y, '[data-cell]');
      const lane = cell?.dataset.lane;
      const step = cell?.dataset.step;
      if (!cell || !lane || !step) {
        d.target = null;
        this.indicator = null;
        return;
      }
      const cards = [...cell.querySelectorAll<HTMLElement>('[data-card]')].filter((e) => !d.ids.includes(e.dataset.card ?? ''));
      const rects = cards.map((e) => e.getBoundingClientRect());
      const index = dropIndex(rects.map((r) => middle(r, 'y')), y);
      // A new target object would make every cell of the map look again; most moves keep the target.
      if (d.target?.lane !== lane || d.target.step !== step || d.target.index !== index) {
        d.target = { lane, step, index };
        // The drop line floats over the map: a line inside the cell would move the cards below
        // it and make the whole grid lay out again on every change of target.
        const box = cell.getBoundingClientRect();
        const at = index < rects.length ? rects[index].top - 4 : rects.length > 0 ? rects[rects.length - 1].bottom + 4 : box.top + 10;
        this.indicator = { left: box.left + 10, right: box.right - 10, top: at - 1.5, bottom: at + 1.5 };
      }
    } else if (d.kind === 'box') {
      // The box's start stays on the map: scrolled since, it moved with the map.
      const scroller = this.#scroller();
      const x0 = d.x0 - ((scroller?.scrollLeft ?? 0) - (d.left ?? 0));
      const y0 = d.y0 - ((scroller?.scrollTop ?? 0) - (d.top ?? 0));
      const box = boxFrom(x0, y0, x, y);
      const drawn = within(box, this.#all('[data-card]').map((e) => ({ id: e.dataset.card ?? '', rect: e.getBoundingClientRect() })));
      d.ids = [...new Set([...drawn, ...this.#outOfSight(box)])];
      this.indicator = box;
    } else if (d.kind === 'stage') {
      const found = slot(this.#all('[data-stage-id]').filter((e) => e.dataset.stageId !== d.id), x, 'x');
      d.index = found?.index ?? null;
      this.indicator = found?.line ?? null;
    } else if (d.kind === 'lane') {
      const found = slot(this.#all('[data-lane-id]').filter((e) => e.dataset.laneId !== d.id), y, 'y');
      d.index = found?.index ?? null;
      this.indicator = found?.line ?? null;
    } else {
      // A step goes into the stage under the pointer, among that stage's other steps.
      const over = hit(x, y, '[data-step-stage]');
      const stage = over?.dataset.stepStage ?? null;
      const siblings = this.#all(`[data-step-id][data-step-stage="${stage}"]`).filter((e) => e.dataset.stepId !== d.id);
      const found = siblings.length > 0 ? slot(siblings, x, 'x') : null;
      d.stage = stage;
      d.index = stage ? (found?.index ?? 0) : null;
      d.next = !found ? null : found.index < siblings.length ? { id: siblings[found.index].dataset.stepId ?? '', after: false } : { id: siblings[siblings.length - 1].dataset.stepId ?? '', after: true };
      this.indicator = found?.line ?? (over ? lineAt(over.getBoundingClientRect()) : null);
    }
  }

  #end = async (event: PointerEvent): Promise<void> => {
    const d = this.drag;
    const clicked = d ? null : this.#pending?.drag;
    this.stop();
    const p = editor.project;
    if (!p) return;
    if (clicked?.kind === 'box') {
      editor.selection = { kind: 'cell', lane: clicked.lane, step: clicked.step };
      return;
    }
    if (!d) return;
    event.preventDefault();
    if (d.kind === 'cards' && d.target) {
      const target = d.target;
      const moved = await editor.commitFromLatest(async (q) => {
        const lane = q.lanes.find((l) => l.id === target.lane);
        return lane ? moveCards(q, editor.keys, d.ids, lane, target.step, target.index) : null;
      }, { label: t('map.move_cards', { count: d.ids.length }) });
      if (moved) editor.selection = { kind: 'cards', ids: d.ids, lane: target.lane, step: target.step };
    } else if (d.kind === 'box') {
      const first = p.cards.find((c) => c.id === d.ids[0]);
      editor.selection = first ? { kind: 'cards', ids: d.ids, lane: first.lane, step: first.step } : { kind: 'cell', lane: d.lane, step: d.step };
    } else if (d.kind === 'stage' && d.index !== null) {
      const index = d.index;
      await editor.commitFromLatest(async (q) => {
        const stage = q.stages.find((s) => s.id === d.id);
        return stage ? moveStage(q, editor.keys, stage, index) : null;
      }, { label: t('map.move_stage') });
    } else if (d.kind === 'lane' && d.index !== null) {
      const index = d.index;
      await editor.commitFromLatest(async (q) => {
        const lane = q.lanes.find((l) => l.id === d.id);
        return lane ? moveLane(q, editor.keys, lane, index) : null;
      }, { label: t('map.move_lane') });
    } else if (d.kind === 'step' && d.stage && d.index !== null) {
      const [stage, next] = [d.stage, d.next];
      await editor.commitFromLatest(async (q) => {
        const step = q.steps.find((s) => s.id === d.id);
        const others = stepsOf(q, stage).filter((s) => s.id !== d.id);
        const at = next ? others.findIndex((s) => s.id === next.id) : -1;
        const index = at < 0 ? 0 : at + (next?.after ? 1 : 0);
        return step ? moveStep(q, editor.keys, step, stage, index) : null;
      }, { label: t('map.move_step') });
    }
  };
}
