// Changes as the core defines them (src/edit.rs, generated into ../bindings/ipc.ts), and their
// mirror on the front end's copy of the project. The core applies a change first (one
// transaction, durable); only then is the same change applied here, so what the window shows is
// always what the file holds.

import type { Change, Edit, Record } from '../bindings/ipc';
import type {
  Channel,
  Card,
  Dot,
  EmotionPoint,
  Image,
  Journey,
  Lane,
  MomentOfTruth,
  Participant,
  Persona,
  Project,
  ProjectInfo,
  Stage,
  Step,
} from './model';

export type { Change, Edit, Record };

export type RecordKind = Record['kind'];

/** The list of a project holding each kind of record (the project record is `info`). */
const LISTS = {
  channel: 'channels',
  persona: 'personas',
  journey: 'journeys',
  stage: 'stages',
  step: 'steps',
  lane: 'lanes',
  card: 'cards',
  'emotion-point': 'emotion_points',
  'moment-of-truth': 'moments_of_truth',
  participant: 'participants',
  dot: 'dots',
  image: 'images',
} as const satisfies { [K in Exclude<RecordKind, 'project'>]: keyof Project };

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

/** A record's identity: kind and id (images: their hash). */
export function keyOf(record: Record): string {
  const id = record.kind === 'image' ? record.record.hash : record.record.id;
  return `${record.kind}:${id}`;
}

// Typed constructors, so call sites read `add(card('…'))` instead of object literals.
export const rec = {
  persona: (record: Persona): Record => ({ kind: 'persona', record }),
  journey: (record: Journey): Record => ({ kind: 'journey', record }),
  stage: (record: Stage): Record => ({ kind: 'stage', record }),
  step: (record: Step): Record => ({ kind: 'step', record }),
  lane: (record: Lane): Record => ({ kind: 'lane', record }),
  card: (record: Card): Record => ({ kind: 'card', record }),
  point: (record: EmotionPoint): Record => ({ kind: 'emotion-point', record }),
  moment: (record: MomentOfTruth): Record => ({ kind: 'moment-of-truth', record }),
  participant: (record: Participant): Record => ({ kind: 'participant', record }),
  dot: (record: Dot): Record => ({ kind: 'dot', record }),
  image: (record: Image): Record => ({ kind: 'image', record }),
  project: (record: ProjectInfo): Record => ({ kind: 'project', record }),
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

function listOf(project: Project, kind: Exclude<RecordKind, 'project'>): { id?: string; hash?: string }[] {
  return project[LISTS[kind]] as { id?: string; hash?: string }[];
}

function indexIn(project: Project, record: Record): number {
  if (record.kind === 'project') return 0;
  const list = listOf(project, record.kind);
  const key = record.kind === 'image' ? record.record.hash : record.record.id;
  return list.findIndex((r) => (record.kind === 'image' ? r.hash : r.id) === key);
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
