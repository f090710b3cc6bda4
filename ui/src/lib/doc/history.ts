// Undo and redo from diffs: each entry is a change the core applied; undoing applies its inverse.
// Nothing here touches the file; the editor sends what these return through the core.

import { compose, inverse, isNoop, type Change } from './change';

export interface Entry {
  change: Change;
  /** What the user did, for the Undo/Redo tooltips ("Undo Move card"). */
  label: string;
  /** Changes with the same group, one right after another, are one step (typing in one card). */
  group?: string;
}

export class History {
  private done: Entry[] = [];
  private undone: Entry[] = [];

  constructor(private readonly limit = 500) {}

  /** Records a change that was just applied. A new change clears what could be redone. */
  record(entry: Entry): void {
    const last = this.done[this.done.length - 1];
    if (entry.group !== undefined && last?.group === entry.group && this.undone.length === 0) {
      const folded = compose(last.change, entry.change);
      // Typing and then Escape, or creating a card and leaving it empty, leaves no step behind.
      if (isNoop(folded)) this.done.pop();
      else this.done[this.done.length - 1] = { ...last, change: folded };
    } else {
      this.done.push(entry);
      if (this.done.length > this.limit) this.done.shift();
    }
    this.undone = [];
  }

  /** Ends the current group, so the next change of the same group starts a new step. */
  seal(): void {
    const last = this.done[this.done.length - 1];
    if (last) this.done[this.done.length - 1] = { ...last, group: undefined };
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  get undoLabel(): string | undefined {
    return this.done[this.done.length - 1]?.label;
  }

  get redoLabel(): string | undefined {
    return this.undone[this.undone.length - 1]?.label;
  }

  /** The change that undoes the last step; call `undid` once the core applied it. */
  peekUndo(): Change | undefined {
    const last = this.done[this.done.length - 1];
    return last && inverse(last.change);
  }

  /**
   * The last step undone. `applied` is what an undo on a live file actually did (the step as far
   * as it was still one's own): redo then starts from that. An undo that found nothing of its own
   * left drops the step, as there is nothing to redo.
   */
  undid(applied?: Change): void {
    const entry = this.done.pop();
    if (!entry) return;
    if (applied === undefined) this.undone.push({ ...entry, group: undefined });
    else if (!isNoop(applied)) this.undone.push({ ...entry, change: inverse(applied), group: undefined });
  }

  /** The change that redoes the last undone step (a fresh id: the core sees a new change). */
  peekRedo(): Change | undefined {
    const last = this.undone[this.undone.length - 1];
    return last && inverse(inverse(last.change));
  }

  /** The last undone step redone; `applied` as for `undid`. */
  redid(applied?: Change): void {
    const entry = this.undone.pop();
    if (!entry) return;
    if (applied === undefined) this.done.push(entry);
    else if (!isNoop(applied)) this.done.push({ ...entry, change: applied });
  }

  /**
   * On a live file undo and redo take back only what is still one's own (the core's `undo_own`),
   * given the step as it was applied: for undo the last step, for redo what the undo did.
   */
  ownUndo(): Change | undefined {
    return this.done[this.done.length - 1]?.change;
  }

  ownRedo(): Change | undefined {
    const last = this.undone[this.undone.length - 1];
    return last && inverse(last.change);
  }

  /** Forgets everything, e.g. when another file is opened. */
  clear(): void {
    this.done = [];
    this.undone = [];
  }
}
