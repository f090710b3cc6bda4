// The open project as the window edits it. Every edit is a change sent to the core, which applies
// it in one SQLite transaction; only when that returned is the change applied to this copy, so
// what the window shows is on disk. Changes go one at a time, in the order they were made.

import { t } from '../i18n/index.svelte';
import { applyChange, openProject, orderKeys, undoOwn } from '../ipc';
import { isNoop, type Change } from '../doc/change';
import { FileOrder } from '../doc/file-order';
import type { KeySource } from '../doc/order';
import { History } from '../doc/history';
import type { Project } from '../doc/model';
import type { OpenedView } from '../bindings/ipc';
import { toasts } from './toasts.svelte';

export type Selection =
  | { kind: 'none' }
  | { kind: 'cell'; lane: string; step: string }
  | { kind: 'cards'; ids: string[]; lane: string; step: string }
  | { kind: 'stage'; id: string }
  | { kind: 'step'; id: string }
  | { kind: 'lane'; id: string }
  | { kind: 'point'; id: string };

export interface Commit {
  label: string;
  /** Consecutive commits of one group are one undo step (typing in one card). */
  group?: string;
}

/**
 * The project with its lists copied, for a change to go into: a changed record is a new object
 * (FileOrder puts copies in), so records the change did not touch are the same objects as before.
 * Views compare records by identity.
 */
function copyLists(project: Project): Project {
  return {
    ...project,
    channels: [...project.channels],
    personas: [...project.personas],
    journeys: [...project.journeys],
    stages: [...project.stages],
    steps: [...project.steps],
    lanes: [...project.lanes],
    cards: [...project.cards],
    emotion_points: [...project.emotion_points],
    moments_of_truth: [...project.moments_of_truth],
    participants: [...project.participants],
    dots: [...project.dots],
    measurements: [...project.measurements],
    survey_imports: [...project.survey_imports],
    submissions: [...project.submissions],
    ratings: [...project.ratings],
    images: [...project.images],
  };
}

export class Editor {
  /**
   * Not deeply reactive: reading every record through Svelte's proxies was most of the time it
   * took to mount the benchmark map (docs/performance.md). The project is never changed in place;
   * every applied change replaces it (see copyLists), which is what views react to.
   */
  opened = $state.raw<OpenedView | null>(null);
  journeyId = $state<string | null>(null);
  selection = $state<Selection>({ kind: 'none' });
  /** Bumped on every applied change, for views that cache derived data. */
  revision = $state(0);
  /** The card whose text is being typed into, if any. */
  editing = $state<string | null>(null);
  /** A card created for typing: left empty, it goes again (and leaves no undo step). */
  fresh = $state<string | null>(null);
  /** The stage, step or lane whose name is being typed into, if any. */
  renaming = $state<{ kind: 'stage' | 'step' | 'lane'; id: string } | null>(null);
  zoom = $state(1);
  busy = $state(0);
  savedAt = $state<string | null>(null);
  canUndo = $state(false);
  canRedo = $state(false);
  undoLabel = $state<string | undefined>(undefined);
  redoLabel = $state<string | undefined>(undefined);

  private history = new History();
  /** Which change of the file each record of this copy is from: changes arrive out of order. */
  private order = new FileOrder();
  private queue: Promise<unknown> = Promise.resolve();

  readonly keys: KeySource = (after, before, count) => orderKeys(after, before, count);

  get project(): Project | null {
    return this.opened?.project ?? null;
  }

  get readOnly(): string | null {
    return this.opened?.readOnly ?? null;
  }

  /** Shows another file (or none); history belongs to a file and is dropped. */
  show(opened: OpenedView | null): void {
    this.opened = opened;
    this.order.reset(opened?.seq ?? 0);
    this.history.clear();
    this.selection = { kind: 'none' };
    this.editing = null;
    this.renaming = null;
    this.journeyId = null;
    this.savedAt = opened?.project.modified ?? null;
    this.sync();
  }

  /**
   * Applies a change through the core; resolves true once it is on disk and shown. The change must
   * not depend on changes still on their way (see commitFromLatest).
   */
  commit(change: Change, what: Commit): Promise<boolean> {
    return this.enqueue(() => this.land(change, what));
  }

  /**
   * Builds a change from the project as it is once every change made before has landed, then
   * commits it before anything made later is built. The core refuses an update whose `before` is
   * stale, and quick clicks and key repeats outrun the disk: two arrow presses built from the
   * project as shown would both start from the same value. `build` answers null to commit nothing;
   * it must not wait for other changes (they wait for it). Resolves true once the change is on
   * disk and shown, false when nothing was committed; a build that throws is reported, not thrown.
   */
  commitFromLatest(build: (project: Project) => Change | null | Promise<Change | null>, what: Commit): Promise<boolean> {
    return this.enqueue(async () => {
      const project = this.project;
      if (!project) return false;
      let change: Change | null;
      try {
        change = await build(project);
      } catch (error) {
        toasts.error(error);
        return false;
      }
      return change ? this.land(change, what) : false;
    });
  }

  /**
   * Records a change the core already applied to the file (a merge): the window shows the file as
   * the shell reads it now, and the change is one undo step like any other.
   */
  adopt(opened: OpenedView, change: Change, what: Commit): void {
    this.opened = opened;
    this.order.reset(opened.seq);
    this.savedAt = opened.project.modified;
    this.selection = { kind: 'none' };
    this.revision++;
    if (!isNoop(change)) this.history.record({ change, label: what.label });
    this.sync();
  }

  /**
   * Shows a change someone else already wrote to the file (a live co-editor's edit, or the
   * workshop room's: a phone's card, dot or rating) in this copy, with no undo step: it is not the
   * window's to undo. `seq` is its place in the file: it may arrive after the window's own later
   * change, and then leaves the records that change wrote as they are; the room's event and a
   * command's answer may bring the same change, in either order, and it is applied once (see
   * FileOrder).
   */
  absorb(change: Change, seq: number): void {
    this.shownInOrder(change, seq);
  }

  /**
   * A change the facilitator made through the room (an approval, a merge, a hide), the file's
   * change number `seq`: shown as absorb shows it, and one undo step, since the undo is an
   * ordinary change of the file.
   */
  adoptFromRoom(change: Change, seq: number, what: Commit): void {
    this.absorb(change, seq);
    if (!isNoop(change)) this.history.record({ change, label: what.label });
    this.sync();
  }

  /** Reads the open project afresh: the room's events were dropped and this copy may miss some. */
  async refresh(): Promise<void> {
    await this.settled();
    await this.reload();
    this.revision++;
  }

  /** Ends a typing group: the next keystroke starts a new undo step. */
  seal(): void {
    this.history.seal();
  }

  /**
   * Takes back the last step. On a live file others' edits arrive between the window's own, so
   * the core undoes the step only as far as it is still the window's own (a field someone else
   * edited since keeps their edit); elsewhere the step's inverse is applied.
   */
  undo(): Promise<boolean> {
    return this.enqueue(async () => {
      if (this.opened?.live) return this.takeBackOwn(this.history.ownUndo(), (applied) => this.history.undid(applied));
      const change = this.history.peekUndo();
      if (!change || !(await this.send(change))) return false;
      this.history.undid();
      this.sync();
      return true;
    });
  }

  redo(): Promise<boolean> {
    return this.enqueue(async () => {
      if (this.opened?.live) return this.takeBackOwn(this.history.ownRedo(), (applied) => this.history.redid(applied));
      const change = this.history.peekRedo();
      if (!change || !(await this.send(change))) return false;
      this.history.redid();
      this.sync();
      return true;
    });
  }

  /**
   * The file went live in this window (Share live…): from now on undo takes back only what is
   * still the window's own. Steps made before stay undoable that way.
   */
  async wentLive(): Promise<void> {
    try {
      const fresh = await openProject();
      const opened = this.opened;
      if (fresh?.live && opened && opened.path === fresh.path) this.opened = { ...opened, live: fresh.live };
    } catch {
      // The file is shared either way; only its undo stays the plain inverse until it is reopened.
    }
  }

  /**
   * Resolves when every change made so far has been written (or refused): for reading the file
   * itself (a template, a merge, another file shown). Changes built from the project go through
   * commitFromLatest instead.
   */
  settled(): Promise<unknown> {
    return this.queue;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async land(change: Change, what: Commit): Promise<boolean> {
    if (isNoop(change)) return true;
    if (!(await this.send(change))) return false;
    this.history.record({ change, label: what.label, group: what.group });
    this.sync();
    return true;
  }

  private async send(change: Change): Promise<boolean> {
    const opened = this.writable();
    if (!opened) return false;
    this.busy++;
    try {
      const applied = await applyChange(change);
      this.shown(opened, change, applied.modified, applied.seq);
      return true;
    } catch (error) {
      toasts.error(error);
      return false;
    } finally {
      this.busy--;
    }
  }

  /**
   * Undo or redo on a live file: the core undoes `step` as far as it is still the window's own
   * and answers what it did, which goes onto this copy and into history (`record`).
   */
  private async takeBackOwn(step: Change | undefined, record: (applied: Change) => void): Promise<boolean> {
    const opened = step && this.writable();
    if (!opened) return false;
    this.busy++;
    try {
      const undone = await undoOwn(step);
      if (undone.change.edits.length > 0) this.shown(opened, undone.change, undone.modified, undone.seq);
      else toasts.info(t('live.nothing_own_left'));
      record(undone.change);
      this.sync();
      return undone.change.edits.length > 0;
    } catch (error) {
      toasts.error(error);
      return false;
    } finally {
      this.busy--;
    }
  }

  /** The open file when it may be edited; else says why not. */
  private writable(): OpenedView | null {
    const opened = this.opened;
    if (!opened) return null;
    if (opened.readOnly) {
      toasts.show({ kind: 'error', message: t('errors.read_only', { reason: opened.readOnly }), code: 'read-only' });
      return null;
    }
    return opened;
  }

  /**
   * A change the core applied to `opened`'s file, as its number `seq` there, goes onto this copy.
   * Another file shown meanwhile: that view is not this change's to update. The same file may
   * have taken others' changes meanwhile, so the change goes onto the copy as it is now, record
   * by record in the file's order (see FileOrder).
   */
  private shown(opened: OpenedView, change: Change, modified: string, seq: number): void {
    const now = this.opened;
    if (now && now.path === opened.path) this.shownInOrder(change, seq, modified);
    this.savedAt = modified;
  }

  /** Puts the file's change number `seq` onto this copy, each record only if it is newer. */
  private shownInOrder(change: Change, seq: number, modified?: string): void {
    const opened = this.opened;
    if (!opened) return;
    const project = copyLists(opened.project);
    if (!this.order.apply(project, change, seq)) return;
    this.opened = { ...opened, project: modified ? { ...project, modified } : project };
    this.revision++;
  }

  private async reload(): Promise<void> {
    const fresh = await openProject();
    const opened = this.opened;
    if (fresh && opened) this.opened = { ...opened, project: this.order.reread(opened.project, fresh.project, fresh.seq) };
  }

  private sync(): void {
    this.canUndo = this.history.canUndo;
    this.canRedo = this.history.canRedo;
    this.undoLabel = this.history.undoLabel;
    this.redoLabel = this.history.redoLabel;
  }
}

export const editor = new Editor();
