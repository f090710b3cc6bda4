// What the keyboard, the toolbar and the map's own buttons do to the selection. Each one reads
// the current grid, builds a change with edits.ts and commits it through the editor.

import { formatList, t } from '../i18n/index.svelte';
import type { Column, JourneyGrid } from '../doc/grid';
import {
  addCard, addLane, addStage, addStep, deleteCards, deleteEmotion, deleteLane, deleteStage,
  deleteStep, pasteCards, stepsOf,
} from '../doc/edits';
import { clone } from '../doc/change';
import { moveCursor, type Move } from '../doc/geometry';
import type { Card, LaneKind, Project } from '../doc/model';
import { confirmation } from './confirm.svelte';
import { editor, type Selection } from './editor.svelte';
import { mapView } from './map-view.svelte';
import { toasts } from './toasts.svelte';
import { voteMode } from './vote-mode.svelte';
import { addDot, dotsLeft, removeDot, resetDots, type Outcome, type Refusal } from '../doc/voting';

/** The cell a selection sits in: the cell itself, or the cell of the selected cards. */
export function cellOf(selection: Selection): { lane: string; step: string } | null {
  if (selection.kind === 'cell' || selection.kind === 'cards') return { lane: selection.lane, step: selection.step };
  return null;
}

const columnOf = (grid: JourneyGrid, step: string) => grid.columns.findIndex((c) => c.step?.id === step);
const rowOf = (grid: JourneyGrid, lane: string) => grid.rows.findIndex((r) => r.lane.id === lane);

function stepColumn(column: Column | undefined): string | null {
  return column?.step?.id ?? null;
}

/** Arrow keys and Tab: from the selected cell (or the cards' cell) to the next one. */
export function moveSelection(grid: JourneyGrid, move: Move): void {
  const cell = cellOf(editor.selection);
  const columns = grid.columns.length;
  let cursor = { row: 0, column: 0 };
  if (cell) cursor = moveCursor({ row: rowOf(grid, cell.lane), column: columnOf(grid, cell.step) }, move, grid.rows.length, columns);
  // A stage without steps has a placeholder column that holds no cells: step over it.
  const direction = move === 'left' || move === 'previous' ? -1 : 1;
  while (cursor.column >= 0 && cursor.column < columns && stepColumn(grid.columns[cursor.column]) === null) {
    cursor = { ...cursor, column: cursor.column + direction };
  }
  const step = stepColumn(grid.columns[cursor.column]);
  const row = grid.rows[cursor.row];
  if (!row || !step) return;
  editor.selection = { kind: 'cell', lane: row.lane.id, step };
  editor.editing = null;
  // The map draws only what is in view: the cell comes into view, which draws it.
  mapView.revealSelection(editor.selection);
}

/** Enter: a new card in the selected cell, or edit the one selected card, or rename a header. */
export async function enterSelection(): Promise<void> {
  const selection = editor.selection;
  if (selection.kind === 'cell') await newCard(selection.lane, selection.step);
  else if (selection.kind === 'cards' && selection.ids.length === 1) editor.editing = selection.ids[0];
  else if (selection.kind === 'stage' || selection.kind === 'step' || selection.kind === 'lane') {
    editor.renaming = { kind: selection.kind, id: selection.id };
  }
}

/** Says why nothing happened when an edit was tried on a file that cannot be edited. */
export function refuseReadOnly(): void {
  if (editor.readOnly) toasts.show({ kind: 'error', message: t('errors.read_only', { reason: editor.readOnly }), code: 'read-only' });
}

export async function newCard(lane: string, step: string): Promise<void> {
  const project = editor.project;
  if (editor.readOnly) return refuseReadOnly();
  if (!project) return;
  const { change, card } = await addCard(project, editor.keys, lane, step, null);
  if (await editor.commit(change, { label: t('edit.new_card'), group: `text:${card.id}` })) {
    editor.selection = { kind: 'cards', ids: [card.id], lane, step };
    editor.fresh = card.id;
    editor.editing = card.id;
  }
}


/** "Its 2 steps, 4 cards and 1 emotion point" — what deleting these steps takes; null when nothing. */
export function goesWith(project: Project, steps: Set<string>, stepCount: number): string | null {
  const cards = project.cards.filter((c) => steps.has(c.step)).length;
  const points = project.emotion_points.filter((e) => steps.has(e.step)).length;
  if (cards === 0 && points === 0) return null;
  const parts = [
    stepCount > 0 ? t('edit.steps', { count: stepCount }) : '',
    cards > 0 ? t('edit.cards', { count: cards }) : '',
    points > 0 ? t('edit.emotion_points', { count: points }) : '',
  ].filter((part) => part !== '');
  return t('edit.its', { list: formatList(parts) });
}

/** Delete: the selected cards, point, step, stage or lane; asks first when cards would go too. */
export async function deleteSelection(): Promise<void> {
  const project = editor.project;
  const selection = editor.selection;
  if (!project || editor.readOnly) return;
  switch (selection.kind) {
    case 'cards': {
      const ids = selection.ids.filter((id) => project.cards.some((c) => c.id === id));
      if (ids.length === 0) return;
      if (await editor.commit(deleteCards(project, ids), { label: t('edit.delete_cards', { count: ids.length }) })) {
        editor.selection = { kind: 'cell', lane: selection.lane, step: selection.step };
      }
      return;
    }
    case 'point': {
      const point = project.emotion_points.find((p) => p.id === selection.id);
      if (point && (await editor.commit(deleteEmotion(point), { label: t('edit.delete_point') }))) editor.selection = { kind: 'none' };
      return;
    }
    case 'stage': {
      const stage = project.stages.find((s) => s.id === selection.id);
      if (!stage) return;
      const steps = stepsOf(project, stage.id);
      const ids = new Set(steps.map((s) => s.id));
      const what = goesWith(project, ids, steps.length);
      if (what && !(await confirmation.ask(t('edit.delete_stage_question', { name: stage.name }), t('edit.goes_with', { what })))) return;
      if (await editor.commit(deleteStage(project, stage), { label: t('edit.delete_stage') })) editor.selection = { kind: 'none' };
      return;
    }
    case 'step': {
      const step = project.steps.find((s) => s.id === selection.id);
      if (!step) return;
      const what = goesWith(project, new Set([step.id]), 0);
      if (what && !(await confirmation.ask(t('edit.delete_step_question', { name: step.title }), t('edit.goes_with', { what })))) return;
      if (await editor.commit(deleteStep(project, step), { label: t('edit.delete_step') })) editor.selection = { kind: 'none' };
      return;
    }
    case 'lane': {
      const lane = project.lanes.find((l) => l.id === selection.id);
      if (!lane) return;
      const content = project.cards.filter((c) => c.lane === lane.id).length;
      if (content > 0 && !(await confirmation.ask(t('edit.delete_lane_question', { name: lane.title }), t('edit.lane_goes_with', { count: content })))) return;
      if (await editor.commit(deleteLane(project, lane), { label: t('edit.delete_lane') })) editor.selection = { kind: 'none' };
      return;
    }
  }
}

/** Cards copied with Mod+C: kept in the window, pasted as new cards into any cell. */
let clipboard: Card[] = [];

export function copySelection(): void {
  const project = editor.project;
  const selection = editor.selection;
  if (!project || selection.kind !== 'cards') return;
  clipboard = clone(project.cards.filter((c) => selection.ids.includes(c.id)));
  toasts.info(t('edit.copied', { count: clipboard.length }));
}

export const hasClipboard = () => clipboard.length > 0;

async function placeCopies(cards: Card[], lane: string, step: string, label: string): Promise<void> {
  const project = editor.project;
  const target = project?.lanes.find((l) => l.id === lane);
  if (!project || !target || cards.length === 0 || editor.readOnly) return;
  const { change, cards: copies } = await pasteCards(project, editor.keys, cards, target, step);
  if (await editor.commit(change, { label })) editor.selection = { kind: 'cards', ids: copies.map((c) => c.id), lane, step };
}

export async function paste(): Promise<void> {
  const cell = cellOf(editor.selection);
  if (cell) await placeCopies(clipboard, cell.lane, cell.step, t('edit.paste_cards', { count: clipboard.length }));
}

export async function duplicateSelection(): Promise<void> {
  const project = editor.project;
  const selection = editor.selection;
  if (!project || selection.kind !== 'cards') return;
  const cards = clone(project.cards.filter((c) => selection.ids.includes(c.id)));
  await placeCopies(cards, selection.lane, selection.step, t('edit.duplicate'));
}

/** Mod+A: every card of the selected cell. */
export function selectCell(grid: JourneyGrid): void {
  const cell = cellOf(editor.selection);
  if (!cell) return;
  const row = grid.rows[rowOf(grid, cell.lane)];
  const cards = row?.cells[columnOf(grid, cell.step)] ?? [];
  if (cards.length > 0) editor.selection = { kind: 'cards', ids: cards.map((c) => c.id), ...cell };
}

// ---- Structure --------------------------------------------------------------------------------

export async function newStage(grid: JourneyGrid, afterId: string | null): Promise<void> {
  const project = editor.project;
  if (!project || editor.readOnly) return;
  const stages = grid.stages.map((s) => s.stage);
  const after = stages.find((s) => s.id === afterId) ?? stages[stages.length - 1] ?? null;
  const change = await addStage(project, editor.keys, grid.journey.id, after, t('edit.new_stage_name'));
  if (await editor.commit(change, { label: t('edit.new_stage') })) {
    const id = change.edits[0].op === 'add' ? (change.edits[0].record.record as { id: string }).id : null;
    if (id) {
      editor.selection = { kind: 'stage', id };
      editor.renaming = { kind: 'stage', id };
    }
  }
}

export async function newStep(stageId: string, afterId: string | null): Promise<void> {
  const project = editor.project;
  if (!project || editor.readOnly) return;
  const steps = stepsOf(project, stageId);
  const after = steps.find((s) => s.id === afterId) ?? steps[steps.length - 1] ?? null;
  const change = await addStep(project, editor.keys, stageId, after, t('edit.new_step_name'));
  if (await editor.commit(change, { label: t('edit.new_step') })) {
    const id = (change.edits[0] as { record: { record: { id: string } } }).record.record.id;
    editor.selection = { kind: 'step', id };
    editor.renaming = { kind: 'step', id };
  }
}

export async function newLane(grid: JourneyGrid, afterId: string | null, kind: LaneKind = 'actions', title = t('edit.new_lane_name')): Promise<void> {
  const project = editor.project;
  if (!project || editor.readOnly) return;
  const lanes = grid.rows.map((r) => r.lane);
  const after = lanes.find((l) => l.id === afterId) ?? lanes[lanes.length - 1] ?? null;
  const change = await addLane(project, editor.keys, grid.journey.id, after, kind, title);
  if (await editor.commit(change, { label: t('edit.new_lane') })) {
    const id = (change.edits[0] as { record: { record: { id: string } } }).record.record.id;
    editor.selection = { kind: 'lane', id };
    editor.renaming = { kind: 'lane', id };
  }
}

// ---- Dot voting -------------------------------------------------------------------------------

function refusalText(refusal: Refusal): string {
  switch (refusal.reason) {
    case 'not-an-opportunity':
      return t('voting.refusedNotOpportunity');
    case 'no-dots-left':
      return t('voting.refusedNoDotsLeft', { name: refusal.participant.name, count: refusal.participant.dots });
    case 'no-dot-to-remove':
      return t('voting.refusedNoDotToRemove', { name: refusal.participant.name });
    case 'too-few-dots':
      return t('voting.refusedTooFewDots', { name: refusal.participant.name, count: refusal.placed });
    case 'empty-name':
      return t('voting.refusedEmptyName');
    case 'no-participant':
      return t('voting.refusedNoParticipant');
  }
}

/** A click in vote mode: one dot more (or, with `take`, one less) of the active participant on a card. */
export async function vote(cardId: string, take: boolean): Promise<void> {
  let voter: string | undefined;
  const placed = await editor.commitFromLatest((project) => {
    const outcome = dotChange(project, cardId, take);
    if (!outcome) return null;
    if ('refused' in outcome) {
      voteMode.say('refused', refusalText(outcome.refused));
      return null;
    }
    voter = voteMode.participant ?? undefined;
    return outcome.change;
  }, { label: take ? t('voting.undoRemoveDot') : t('voting.undoAddDot') });
  const project = editor.project;
  const now = project?.participants.find((x) => x.id === voter);
  if (placed && project && now) voteMode.say('info', t('voting.dotsLeft', { name: now.name, left: dotsLeft(project, now), count: now.dots }));
}

/** The dot a vote places or takes back, or why not; null when there is nothing to say (a read-only file says so itself). */
function dotChange(project: Project, cardId: string, take: boolean): Outcome | null {
  if (editor.readOnly) {
    refuseReadOnly();
    return null;
  }
  const card = project.cards.find((c) => c.id === cardId);
  const participant = project.participants.find((x) => x.id === voteMode.participant);
  if (!card) return null;
  if (!participant) return { refused: { reason: 'no-participant' } };
  return take ? removeDot(project, card, participant) : addDot(project, card, participant);
}

/** Applies a participant edit (add, rename, allowance), or says why it was refused. */
export async function commitVoting(outcome: Outcome | null, label: string): Promise<boolean> {
  if (!outcome) return true;
  if (editor.readOnly) {
    refuseReadOnly();
    return false;
  }
  if ('refused' in outcome) {
    voteMode.say('refused', refusalText(outcome.refused));
    return false;
  }
  return editor.commit(outcome.change, { label });
}

/** Reset votes: every dot on the journey's cards, in one undoable change, after asking. */
export async function resetVotes(journey: string): Promise<void> {
  const project = editor.project;
  if (!project || editor.readOnly) return refuseReadOnly();
  const reset = resetDots(project, journey);
  if (!reset) return voteMode.say('info', t('voting.nothingToReset'));
  const count = reset.edits.length;
  if (!(await confirmation.ask(t('voting.resetTitle'), t('voting.resetMessage', { count }), t('voting.resetConfirm')))) return;
  if (await editor.commit(reset, { label: t('voting.undoReset') })) voteMode.say('info', t('voting.resetDone', { count }));
}
