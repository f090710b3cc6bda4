// The order in which the file took its changes, kept by the window's copy. On a live file the
// window hears of changes on two roads: a command's answer brings its own edit, a `live` event
// brings others' edits, already in the file. The two are not ordered: an answer may arrive before
// the event of a change the file took before it, and applying that event then would put an older
// version of a record over the newer one (the map would show stale data while the file is right).
// Every change the file writes has a growing number (`seq`, its history row); the copy keeps,
// for each record written since it was read, the number of the change its version is from, and a
// change arriving late writes only the records no newer change wrote. As every change carries
// whole records, the copy ends up equal to the file whatever order they arrive in.

import { RECORD_KINDS } from '../bindings/ipc';
import { clone, keyOf, type Change, type Record } from './change';
import type { Project, ProjectInfo } from './model';

type Lists = Record['record'][];

export class FileOrder {
  /** The last change in the copy as it was read: anything numbered up to it is in. */
  private read = 0;
  /** Records written since the copy was read (removed ones too), each with its change's number. */
  private written = new Map<string, number>();

  /** The copy was read afresh with `seq` as its last change. */
  reset(seq: number): void {
    this.read = seq;
    this.written.clear();
  }

  /** The number of the change the copy's version of `key` (see keyOf) is from, or older. */
  private at(key: string): number {
    return this.written.get(key) ?? this.read;
  }

  /**
   * Applies `change`, which the file took as number `seq`, to `project` in place: each edit writes
   * its record unless the copy has it from a newer change already. Answers whether anything was
   * written. An add of a record the copy has, an update of one it lacks and a remove of one it
   * lacks are not mismatches here: they are what changes arriving out of order look like.
   */
  apply(project: Project, change: Change, seq: number): boolean {
    let wrote = false;
    for (const edit of change.edits) {
      const record = edit.op === 'update' ? edit.after : edit.record;
      const key = keyOf(record);
      if (this.at(key) >= seq) continue;
      this.written.set(key, seq);
      wrote = true;
      put(project, record, edit.op !== 'remove');
    }
    return wrote;
  }

  /**
   * The project read afresh (`fresh`, whose last change is `seq`; changed in place and returned)
   * where the copy (`shown`) has records from changes newer than that read: those keep the copy's
   * version, since the read's answer can arrive after them. From now on the copy counts as read
   * at `seq`.
   */
  reread(shown: Project, fresh: Project, seq: number): Project {
    const newer = [...this.written].filter(([, at]) => at > seq);
    for (const [key] of newer) {
      const kept = find(shown, key);
      if (kept) put(fresh, kept, true);
      else removeKey(fresh, key);
    }
    this.read = seq;
    this.written = new Map(newer);
    return fresh;
  }
}

/** Writes `record` into `project` (added or replaced), or takes it out (`keep` false). */
function put(project: Project, record: Record, keep: boolean): void {
  if (record.kind === 'project') {
    if (keep) project.info = clone(record.record as ProjectInfo);
    return;
  }
  const list = project[RECORD_KINDS[record.kind].list] as Lists;
  const i = position(list, keyOf(record));
  if (!keep) {
    if (i >= 0) list.splice(i, 1);
  } else if (i >= 0) {
    list[i] = clone(record.record);
  } else {
    list.push(clone(record.record));
  }
}

/** The record of `project` that `key` names, if it has it. */
function find(project: Project, key: string): Record | undefined {
  const kind = key.slice(0, key.indexOf(':')) as Record['kind'];
  if (kind === 'project') return { kind, record: project.info } as Record;
  const list = project[RECORD_KINDS[kind].list] as Lists;
  const i = position(list, key);
  return i >= 0 ? ({ kind, record: list[i] } as Record) : undefined;
}

function removeKey(project: Project, key: string): void {
  const kind = key.slice(0, key.indexOf(':')) as Record['kind'];
  if (kind === 'project') return;
  const list = project[RECORD_KINDS[kind].list] as Lists;
  const i = position(list, key);
  if (i >= 0) list.splice(i, 1);
}

/** Where the record `key` names is in `list` (a list of its kind), or -1. */
function position(list: Lists, key: string): number {
  const kind = key.slice(0, key.indexOf(':')) as Record['kind'];
  const field = RECORD_KINDS[kind].key;
  const id = key.slice(kind.length + 1);
  return list.findIndex((r) => (r as unknown as { [field: string]: string })[field] === id);
}
