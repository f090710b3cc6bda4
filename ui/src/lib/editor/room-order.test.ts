// The workshop room's changes keep the file's order in the window's copy: the room's event and
// the answer of the window's own edit are not ordered, so each change carries its number in the
// file (see FileOrder), through the window's room (room.svelte.ts) into the editor. Stand-ins for
// the core number every change the file takes, as its history rows do.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { applyTo, clone, patch, rec, type Change } from '../doc/change';
import { sampleProject } from '../doc/fixture.test-util';
import type { Participant, Project } from '../doc/model';

const core = vi.hoisted(() => ({
  file: null as Project | null,
  seq: 0,
  /** Runs after the file took the window's change and before its answer is sent. */
  beforeAnswer: null as null | (() => void),
  undoOwn: vi.fn(),
  listeners: new Map<string, (event: { payload: unknown }) => void>(),
}));

vi.mock('@tauri-apps/api/event', () => ({
  listen: async (name: string, handler: (event: { payload: unknown }) => void) => {
    core.listeners.set(name, handler);
    return () => core.listeners.delete(name);
  },
}));
vi.mock('../ipc', () => ({
  applyChange: async (change: Change) => {
    await new Promise((r) => setTimeout(r, 5));
    applyTo(core.file!, change);
    const seq = ++core.seq;
    core.beforeAnswer?.();
    return { modified: '2026-01-02T00:00:00Z', seq };
  },
  undoOwn: core.undoOwn,
  openProject: async () => null,
  orderKeys: async () => [],
  openRoom: async (bind: string) => ({ link: `http://${bind}:41000/#token`, code: 'K7QF', address: `${bind}:41000`, qrSvg: '<svg/>', options: {} }),
  roomStatus: async () => null,
  closeRoom: async () => null,
}));
const toasts = vi.hoisted(() => ({ error: vi.fn(), show: vi.fn(), info: vi.fn() }));
vi.mock('./toasts.svelte', () => ({ toasts }));

import { editor } from './editor.svelte';
import { room } from './room.svelte';

const { project } = sampleProject();
const ana: Participant = { id: 'p-ana', name: 'Ana', colour: '#c0392b', dots: 3, order: 'a0' };
project.participants.push(ana);

const inFile = () => core.file!.participants.find((p) => p.id === ana.id)!;
const shown = () => editor.project!.participants.find((p) => p.id === ana.id)!;
/** The room tells the window what it wrote, as the shell sends every RoomEvent. */
const tell = (payload: unknown) => core.listeners.get('room')!({ payload });

/** The room forgets who said what: built from the participant as the file has it, numbered by the file. */
let forgotten = 0;
function roomForgetsNames(): { change: Change; seq: number } {
  const change: Change = { id: `forget-names-${++forgotten}`, edits: [patch(rec.participant, inFile(), { name: 'Participant 1' })] };
  applyTo(core.file!, change);
  return { change, seq: ++core.seq };
}

async function showWithRoom(live: boolean) {
  core.file = clone(project);
  core.seq = 0;
  core.beforeAnswer = null;
  const session = live ? { link: 'ws://127.0.0.1:7878/p?token=t', server: 'ws://127.0.0.1:7878', project: 'p' } : null;
  editor.show({ path: '/tmp/t.waymark', fileName: 't.waymark', readOnly: null, inUse: null, live: session, exportPath: '', project: clone(project), seq: 0 } as never);
  expect(await room.start('127.0.0.1', { journey: null, lanes: [], anonymous: false, approve_all: false, allowance: 3, cap_per_card: null })).toBe(true);
}

beforeEach(() => {
  vi.clearAllMocks();
});

describe("the room's changes in the file's order", () => {
  it("a room change heard before the answer of the window's earlier edit to the same record stays shown", async () => {
    await showWithRoom(false);
    core.beforeAnswer = () => {
      // The file took the window's rename, then the room's change to the same participant; the
      // room's event beats the rename's answer.
      const theirs = roomForgetsNames();
      tell({ type: 'changed', ...theirs });
    };
    expect(await editor.commit({ id: 'rename', edits: [patch(rec.participant, ana, { name: 'Ana K.', dots: 5 })] }, { label: 'Rename' })).toBe(true);
    expect(inFile()).toEqual({ ...ana, name: 'Participant 1', dots: 5 });
    expect(shown()).toEqual(inFile());
  });

  it("a room change heard after the answer of the window's later undo leaves the undo shown", async () => {
    await showWithRoom(true);
    expect(await editor.commit({ id: 'more-dots', edits: [patch(rec.participant, ana, { dots: 5 })] }, { label: 'Dots' })).toBe(true);
    // The room writes the same participant; its event is still on its way.
    const theirs = roomForgetsNames();
    // The window's undo: the core takes back the dots from the participant as the file has it.
    const undone: Change = { id: 'undo-dots', edits: [patch(rec.participant, inFile(), { dots: 3 })] };
    applyTo(core.file!, undone);
    core.undoOwn.mockResolvedValueOnce({ change: undone, modified: '2026-01-03T00:00:00Z', seq: ++core.seq });
    expect(await editor.undo()).toBe(true);
    expect(shown()).toEqual(inFile());

    // The room's event arrives now, with the participant as it was before the undo.
    tell({ type: 'changed', ...theirs });
    expect(shown()).toEqual(inFile());
    expect([shown().name, shown().dots]).toEqual(['Participant 1', 3]);
  });

  it('the room event and the answer of the facilitator’s approval bring one change, shown once and one undo step', async () => {
    await showWithRoom(false);
    const approval: Change = { id: 'approve', edits: [patch(rec.participant, inFile(), { name: 'Ana (approved)' })] };
    applyTo(core.file!, approval);
    const seq = ++core.seq;
    tell({ type: 'changed', change: approval, seq });
    editor.adoptFromRoom(approval, seq, { label: 'Approve' });
    expect(shown()).toEqual(inFile());
    expect(editor.undoLabel).toBe('Approve');
    // The window's own edit after it, then the room's event once more: the edit stays.
    expect(await editor.commit({ id: 'after', edits: [patch(rec.participant, inFile(), { dots: 4 })] }, { label: 'Dots' })).toBe(true);
    tell({ type: 'changed', change: approval, seq });
    expect(shown()).toEqual(inFile());
    expect(shown().dots).toBe(4);
  });
});
