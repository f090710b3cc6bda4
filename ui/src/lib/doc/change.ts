// Changes as the core defines them (src/edit.rs, generated into ../bindings/ipc.ts), and their
// mirror on the front end's copy of the project. The core applies a change first (one
// transaction, durable); only then is the same change applied here, so what the window shows is
// always what the file holds.

import { RECORD_KINDS, type Change, type Edit, type Record, type RecordKind } from '../bindings/ipc';
import type { Project, ProjectInfo } from './model';

export type { Change, Edit, Record, RecordKind };

/** The record of one kind, e.g. `RecordOf<'card'>` is a `Card`. */
export type RecordOf<K extends RecordKind> = Extract<Record, { kind: K }>['record'];

type ListKind = Exclude<RecordKind, 'project'>;

/** The lists of a project that hold records of kind `K`. */
type ListsOf<K extends RecordKind> = { [L in keyof Project]: Project[L] extends RecordOf<K>[] ? L : never }[keyof Project];

// The generated table must put each kind in a list of that kind: a wrong one fails `npm run check`.
RECORD_KINDS satisfies { [K in RecordKind]: { list: K extends 'project' ? null : ListsOf<K>; key: keyof RecordOf<K> } };

/**
 * A deep copy of a record. Records are JSON (they cross IPC as JSON), and a JSON copy also works on
 * the window's reactive proxies, which `structuredClone` refuses.
 */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function newId(): string {
  return crypto.randomUUID();
}

/** A change of copies: later edits to the live records never reach into history. */
export function change(edits: Edit[]): Change {
  return { id: newId(), edits: clone(edits) };
}

/** The id (images: the hash) that identifies a record of its kind. */
function idOf(record: Record): string {
  return (record.record as unknown as { [field: string]: string })[RECORD_KINDS[record.kind].key];
}

/** A record's identity: kind and id (images: their hash). */
export function keyOf(record: Record): string {
  return `${record.kind}:${idOf(record)}`;
}

const wrap =
  <K extends RecordKind>(kind: K) =>
  (record: RecordOf<K>): Record =>
    ({ kind, record }) as Record;

// Typed constructors, so call sites read `add(card('…'))` instead of object literals.
export const rec = {
  persona: wrap('persona'),
  journey: wrap('journey'),
  stage: wrap('stage'),
  step: wrap('step'),
  lane: wrap('lane'),
  card: wrap('card'),
  point: wrap('emotion-point'),
  moment: wrap('moment-of-truth'),
  participant: wrap('participant'),
  dot: wrap('dot'),
  measurement: wrap('measurement'),
  surveyImport: wrap('survey-import'),
  submission: wrap('submission'),
  rating: wrap('rating'),
  image: wrap('image'),
  project: wrap('project'),
};

export const add = (record: Record): Edit => ({ op: 'add', record });
export const remove = (record: Record): Edit => ({ op: 'remove', record });
export function update<R extends Record>(before: R, after: R): Edit {
  return { op: 'update', before, after };
}

/** An update of one record from a patch of its fields; both sides are copies, never the live record. */
export function patch<T extends object>(wrap: (r: T) => Record, before: T, fields: Partial<T>): Edit {
  return update(wrap(clone(before)), wrap(clone({ ...before, ...fields })));
}

export function inverseEdit(edit: Edit): Edit {
  switch (edit.op) {
    case 'add':
      return { op: 'remove', record: edit.record };
    case 'remove':
      return { op: 'add', record: edit.record };
    case 'update':
      return { op: 'update', before: edit.after, after: edit.before };
  }
}

export function inverse(c: Change): Change {
  return change(c.edits.map(inverseEdit).reverse());
}

function listOf(project: Project, kind: ListKind): Record['record'][] {
  return project[RECORD_KINDS[kind].list];
}

function indexIn(project: Project, record: Record): number {
  if (record.kind === 'project') return 0;
  const id = idOf(record);
  const key = RECORD_KINDS[record.kind].key;
  return listOf(project, record.kind).findIndex((r) => (r as unknown as { [field: string]: string })[key] === id);
}

/**
 * Applies a change the core has accepted to the front end's copy. It cannot fail for a change the
 * core applied to the same state; a mismatch means the copies diverged, which is reported so the
 * caller reloads rather than showing a wrong map.
 */
export function applyTo(project: Project, c: Change): void {
  for (const edit of c.edits) {
    const record = edit.op === 'update' ? edit.after : edit.record;
    if (record.kind === 'project') {
      if (edit.op === 'update') project.info = clone(edit.after.record as ProjectInfo);
      continue;
    }
    const list = listOf(project, record.kind) as unknown[];
    const i = indexIn(project, record);
    if (edit.op === 'add') {
      if (i >= 0) throw new Error(`the window's copy already has ${keyOf(record)}`);
      list.push(clone(record.record));
    } else if (i < 0) {
      throw new Error(`the window's copy has no ${keyOf(record)}`);
    } else if (edit.op === 'update') {
      list[i] = clone(record.record);
    } else {
      list.splice(i, 1);
    }
  }
}

/**
 * One step of history from two changes made one after the other: adjacent updates of the same
 * record fold into one (typing a word is one update, not one per keystroke).
 */
export function compose(first: Change, second: Change): Change {
  const edits = [...first.edits];
  for (const edit of second.edits) {
    const last = edits.length > 0 ? edits[edits.length - 1] : undefined;
    if (edit.op === 'update' && last?.op === 'update' && keyOf(last.after) === keyOf(edit.before)) {
      edits[edits.length - 1] = { op: 'update', before: last.before, after: edit.after };
    } else if (edit.op === 'update' && last?.op === 'add' && keyOf(last.record) === keyOf(edit.before)) {
      edits[edits.length - 1] = { op: 'add', record: edit.after };
    } else if (edit.op === 'remove' && last?.op === 'add' && keyOf(last.record) === keyOf(edit.record)) {
      // A card created and left empty: nothing happened.
      edits.pop();
    } else {
      edits.push(edit);
    }
  }
  return { id: first.id, edits };
}

/** True when applying the change would leave the project as it was (e.g. a drag back to its start). */
export function isNoop(c: Change): boolean {
  return c.edits.every((e) => e.op === 'update' && JSON.stringify(e.before) === JSON.stringify(e.after));
}
