// The shell's commands, typed from the Rust side (./bindings/ipc.ts is generated from it).
// Every rejection becomes a WaymarkError.

import { invoke } from '@tauri-apps/api/core';
import type {
  Applied,
  Change,
  ExportRequest,
  Exported,
  JourneyKpis,
  Period,
  SurveyPreview,
  FutureDiff,
  Image,
  MergeChoice,
  MergePlanView,
  MergeResult,
  OpenedView,
  OrderKey,
  PreferencesView,
  Preview,
  RankedOpportunity,
  RecentFile,
  TemplateInfo,
  Interface,
  Phase,
  RoomOptions,
  RoomStatus,
  RoomChange,
  RoomView,
  Undone,
} from './bindings/ipc';
import { toWaymarkError } from './doc/ipc-error';
import { language } from './i18n/index.svelte';
import { takeAsked } from './launch';

export type { Applied, Exported, InUseView, LiveSessionView, OpenedView, RankedOpportunity, RecentFile, TemplateInfo, Thumbnail } from './bindings/ipc';
export type { Preview as ExportPreview } from './bindings/ipc';
export type { ConflictView, MergeChoice, MergePlanView, MergeResult, MergeSide } from './bindings/ipc';
export type { Figure, JourneyKpis, Period, PeriodKpis, Problem, SurveyPreview, SurveyProgress, TouchpointKpis } from './bindings/ipc';

async function call<T>(command: string, args?: { [name: string]: unknown }): Promise<T> {
  try {
    const early = args === undefined ? takeAsked(command) : undefined;
    return await ((early as Promise<T> | undefined) ?? invoke<T>(command, args));
  } catch (raw) {
    throw toWaymarkError(raw);
  }
}

/** The project the window was started on; `null` when it was started without one (start screen). */
export const openProject = () => call<OpenedView | null>('open_project');
/** Opens another file in this window; on failure the open project stays. */
export const openFile = (path: string) => call<OpenedView>('open_file', { path });
/** Creates a project from a template; refuses a path that exists (code `already-exists`). */
export const newProject = (path: string, name: string, template: string) =>
  call<OpenedView>('new_project', { path, name, template, locale: language() });
/**
 * Makes a project from the CSV journey grid at `grid`, at `path` (never over a file), and opens it;
 * its channels, emotion scale and printed words are in the UI's language, as a new project's are.
 */
export const importGrid = (grid: string, path: string) =>
  call<OpenedView>('import_grid', { grid, path, locale: language() });
/** Writes a copy and continues on it. */
export const saveAs = (path: string) => call<OpenedView>('save_as', { path });
/** "Open a copy" of a read-only file: writes it to `path` (never over a file) and continues on the copy. */
export const openCopy = (path: string) => call<OpenedView>('open_copy', { path });
/** Removes someone else's in-use mark and opens the file for editing. Ask the user first. */
export const takeOver = () => call<OpenedView>('take_over');
/** Whether the open file was written or replaced from outside since the window last read or wrote it. */
export const checkDisk = () => call<boolean>('check_disk');
/** Reads the open file again from disk. */
export const reload = () => call<OpenedView>('reload');
/** Writes the project as the window has it to a new file; resolves with where it went. */
export const saveMine = (path: string) => call<string>('save_mine', { path });
/** What merging the copy at `theirs` into the open file would do: counts and conflicts. */
export const planMerge = (theirs: string) => call<MergePlanView>('plan_merge', { theirs });
/** Merges the copy into the open file as one change (already applied when this resolves). */
export const mergeCopy = (theirs: string, choices: MergeChoice[]) => call<MergeResult>('merge_copy', { theirs, choices });
/** Built-in templates, then the user's own, with their text in the UI's language. */
export const templates = () => call<TemplateInfo[]>('templates', { language: language() });
/** Saves a journey (stages, steps, lanes; no cards) as a template of the user's own. */
export const saveTemplate = (journey: string, name: string) => call<TemplateInfo>('save_template', { journey, name });
/** Most recent first, at most ten. */
export const recentFiles = () => call<RecentFile[]>('recent_files');
/** The saved UI language (if the user chose one) and the OS locale. */
export const preferences = () => call<PreferencesView>('preferences');
/** Remembers the UI language for the next launch. */
export const saveLanguage = (code: string) => call<void>('set_language', { code });

/** One transaction in the file, durable when it resolves. A read-only file rejects with code `read-only`. */
export const applyChange = (change: Change) => call<Applied>('apply_change', { change });
/** `count` increasing keys strictly between `after` and `before`; `null` leaves that side open. */
export const orderKeys = (after: OrderKey | null, before: OrderKey | null, count: number) =>
  call<OrderKey[]>('order_keys', { after, before, count });
/** A PNG, JPEG or WebP file as an image record, downscaled and without metadata; add it with `applyChange`. */
export const importImage = (path: string) => call<Image>('import_image', { path });

export const previewExport = (request: ExportRequest) => call<Preview>('preview_export', { request });
export const exportPdf = (request: ExportRequest, path: string) => call<Exported>('export_pdf', { request, path });
export const revealExport = () => call<void>('reveal_export');
/** The journey's opportunities ranked by the core's "fix first" rule. */
export const rankOpportunities = (journey: string) => call<RankedOpportunity[]>('rank_opportunities', { journey });
/** Writes the ranking as CSV; resolves with the path written (a relative one is taken from the project's folder). */
export const writeRankingCsv = (journey: string, path: string) => call<string>('write_ranking_csv', { journey, path });
/**
 * Reads a survey export for `journey` (its id), sending `survey-progress` events as it goes; what
 * it would import and what it cannot. Nothing is written until `importSurvey`.
 */
export const previewSurvey = (path: string, journey: string) => call<SurveyPreview>('preview_survey', { path, journey });
/** Imports the previewed survey file as one change, which the window records for undo. */
export const importSurvey = (path: string) => call<Change>('import_survey', { path });
/** The KPIs of a journey's measured touchpoints, from the core. */
export const touchpointKpis = (journey: string, period: Period) => call<JourneyKpis>('touchpoint_kpis', { journey, period });
/** The change that adds a future-state copy of `journey`, built by the core with ids derived from the original's. */
export const planFutureState = (journey: string, name: string) => call<Change>('plan_future_state', { journey, name });
/** What a future-state journey changed against the journey it redesigns. */
export const futureDiff = (journey: string) => call<FutureDiff>('future_diff', { journey });

// The workshop room. It never opens by itself: only the facilitator's "Open room" calls openRoom.
/** This machine's addresses a room could listen on (LAN addresses first, loopback last). */
export const roomInterfaces = () => call<Interface[]>('room_interfaces');
/** Opens the room over the open project on `bind`, one address from roomInterfaces. */
export const openRoom = (bind: string, options: RoomOptions) => call<RoomView>('open_room', { bind, options });
/** The open room at a glance; null when none is open. */
export const roomStatus = () => call<RoomStatus | null>('room_status');
export const setRoomPhase = (phase: Phase) => call<null>('set_room_phase', { phase });
/** Each submission becomes a card; the change is already in the file (one undo step). */
export const approveSubmissions = (submissions: string[]) => call<RoomChange>('approve_submissions', { submissions });
export const approveEdited = (submission: string, text: string) => call<RoomChange>('approve_edited', { submission, text });
/** Duplicates become one card, with `text` or the first one's words. */
export const mergeSubmissions = (submissions: string[], text: string | null) => call<RoomChange>('merge_submissions', { submissions, text });
export const hideSubmissions = (submissions: string[]) => call<RoomChange>('hide_submissions', { submissions });
export const kickParticipant = (participant: string) => call<null>('kick_participant', { participant });
/** Closes the room; with forgetNames the file keeps counts but no names (that change returned). */
export const closeRoom = (forgetNames: boolean) => call<RoomChange | null>('close_room', { forgetNames });

// Live co-editing (docs/sync.md): the window follows the server of a live file it shows.
/** Makes the open project live on `server` (ws://HOST:PORT?token=TOKEN); resolves to the link others join with. */
export const shareLive = (server: string) => call<string>('share_live', { server });
/** Clones the project the link names into a new file at `path` and opens it in this window. */
export const joinLive = (link: string, path: string) => call<OpenedView>('join_live', { link, path });
/** Follows the server of the file shown, if it is live; false when it is not. */
export const followLive = () => call<boolean>('follow_live');
/** The card this window edits now, for the others' outlines; null when none. */
export const liveEditing = (record: string | null) => call<null>('live_editing', { record });
/**
 * Undo (or redo) on a live file: the core undoes the window's own `change` only as far as it is
 * still its own and resolves to what it applied (no edits when nothing was left to undo).
 */
export const undoOwn = (change: Change) => call<Undone>('undo_own', { change });
