// The workshop room as this window runs it: the room that is open (its link, code and QR code),
// the counts the projector shows, and the facilitator's actions. Everything the room does to the
// project is already in the file when the window hears of it, with its number there (`seq`); the
// editor only shows it in the file's order (absorb), and the facilitator's own approvals become
// undo steps (adoptFromRoom).

import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { Phase, RoomChange, RoomEvent, RoomOptions, RoomView } from '../bindings/ipc';
import { countsOf, follow, type RoomCounts } from '../doc/projector';
import { t } from '../i18n/index.svelte';
import {
  approveEdited,
  approveSubmissions,
  closeRoom,
  hideSubmissions,
  kickParticipant,
  mergeSubmissions,
  openRoom,
  roomStatus,
  setRoomPhase,
} from '../ipc';
import { editor } from './editor.svelte';
import { toasts } from './toasts.svelte';

const EMPTY: RoomCounts = { phase: 'capture', joined: 0, connected: 0, voted: 0, of: 0, rated: 0 };

class WorkshopRoom {
  /** The open room; null when none is. */
  view = $state.raw<RoomView | null>(null);
  counts = $state<RoomCounts>(EMPTY);
  /** Who joined, for removing someone (names are aliases in an anonymous room). */
  people = $state<{ id: string; name: string }[]>([]);
  /** Which of the room's surfaces the window shows. */
  dialog = $state(false);
  projector = $state(false);
  inbox = $state(false);
  private stop: UnlistenFn[] = [];
  /** The file the room writes to: the one the window showed when it opened. */
  private file: string | null = null;

  get open(): boolean {
    return this.view !== null;
  }

  /** Opens the room on `bind` and shows the projector. Resolves false when the shell refused. */
  async start(bind: string, options: RoomOptions): Promise<boolean> {
    try {
      // Listening first, so no event of the new room is missed.
      await this.listen();
      const view = await openRoom(bind, options);
      this.view = view;
      this.file = editor.opened?.path ?? null;
      this.counts = EMPTY;
      this.people = [];
      const status = await roomStatus();
      if (status) this.counts = countsOf(status);
      this.projector = true;
      return true;
    } catch (error) {
      this.unlisten();
      toasts.error(error);
      return false;
    }
  }

  /** What the room told the window; the shell sends every RoomEvent as the `room` event. */
  hear(event: RoomEvent): void {
    if (event.type === 'changed') editor.absorb(event.change, event.seq);
    else if (event.type === 'closed') this.ended();
    else this.counts = follow(this.counts, event);
    if (event.type === 'joined' && !this.people.some((p) => p.id === event.participant)) this.people = [...this.people, { id: event.participant, name: event.name }];
    if (event.type === 'kicked') this.people = this.people.filter((p) => p.id !== event.participant);
  }

  async setPhase(phase: Phase): Promise<void> {
    try {
      await setRoomPhase(phase);
      this.counts = { ...this.counts, phase };
    } catch (error) {
      toasts.error(error);
    }
  }

  approve(submissions: string[]): Promise<boolean> {
    return this.moderate(() => approveSubmissions(submissions), t('room.undo_approve', { count: submissions.length }));
  }

  approveEdited(submission: string, text: string): Promise<boolean> {
    return this.moderate(() => approveEdited(submission, text), t('room.undo_approve', { count: 1 }));
  }

  merge(submissions: string[], text: string | null): Promise<boolean> {
    return this.moderate(() => mergeSubmissions(submissions, text), t('room.undo_merge'));
  }

  hide(submissions: string[]): Promise<boolean> {
    return this.moderate(() => hideSubmissions(submissions), t('room.undo_hide', { count: submissions.length }));
  }

  async kick(participant: string): Promise<void> {
    try {
      await kickParticipant(participant);
    } catch (error) {
      toasts.error(error);
    }
  }

  /** Closes the room; every link dies. With forgetNames the file keeps no names (one undo step). */
  async close(forgetNames: boolean): Promise<void> {
    try {
      const forgotten = await closeRoom(forgetNames);
      if (forgotten) editor.adoptFromRoom(forgotten.change, forgotten.seq, { label: t('room.undo_forget') });
      this.ended();
    } catch (error) {
      toasts.error(error);
    }
  }

  /**
   * The window shows `path` now. A room belongs to the file it was opened on: when the window
   * moves on to another file (Open, New, Save As), the room closes rather than write elsewhere.
   */
  fileShown(path: string | null): void {
    if (this.view && path !== this.file) void this.close(false);
  }

  private async moderate(act: () => Promise<RoomChange>, label: string): Promise<boolean> {
    try {
      // The room reads the file: the window's own edits made before must be in it.
      await editor.settled();
      const made = await act();
      editor.adoptFromRoom(made.change, made.seq, { label });
      return true;
    } catch (error) {
      toasts.error(error);
      return false;
    }
  }

  private ended(): void {
    this.view = null;
    this.projector = false;
    this.inbox = false;
    this.unlisten();
  }

  private async listen(): Promise<void> {
    this.unlisten();
    this.stop = await Promise.all([
      listen<RoomEvent>('room', (event) => this.hear(event.payload)),
      listen('room-lagged', () => void editor.refresh()),
    ]);
  }

  private unlisten(): void {
    for (const stop of this.stop) stop();
    this.stop = [];
  }
}

export const room = new WorkshopRoom();
