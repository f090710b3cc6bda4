// The window's side of the workshop room, against stand-ins for the shell: what it does with the
// room's events, and that the facilitator's approvals and the forgetting of names are undo steps.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Change } from '../doc/change';
import type { RoomChange, RoomView } from '../bindings/ipc';

const shell = vi.hoisted(() => ({
  listeners: new Map<string, (event: { payload: unknown }) => void>(),
  closed: [] as boolean[],
  forgotten: null as RoomChange | null,
}));

vi.mock('@tauri-apps/api/event', () => ({
  listen: async (name: string, handler: (event: { payload: unknown }) => void) => {
    shell.listeners.set(name, handler);
    return () => shell.listeners.delete(name);
  },
}));
vi.mock('../ipc', () => ({
  openRoom: async (bind: string): Promise<RoomView> => ({
    link: `http://${bind}:41000/#token`,
    code: 'K7QF',
    address: `${bind}:41000`,
    qrSvg: '<svg/>',
    options: { journey: null, lanes: [], anonymous: false, approve_all: false, allowance: 3, cap_per_card: null },
  }),
  roomStatus: async () => ({ phase: 'capture', joined: 2, connected: 2, votes: { voted: 0, started: 0, of: 2 }, waiting: 0 }),
  approveSubmissions: async (ids: string[]): Promise<RoomChange> => ({ change: { id: `approve-${ids.join()}`, edits: [] }, seq: 7 }),
  closeRoom: async (forget: boolean) => {
    shell.closed.push(forget);
    return forget ? shell.forgotten : null;
  },
  setRoomPhase: async () => null,
}));
const editor = vi.hoisted(() => ({
  opened: { path: '/w/a.waymark' } as { path: string } | null,
  absorb: vi.fn(),
  adoptFromRoom: vi.fn(),
  settled: async () => undefined,
  refresh: vi.fn(),
}));
vi.mock('./editor.svelte', () => ({ editor }));
const toasts = vi.hoisted(() => ({ error: vi.fn(), info: vi.fn() }));
vi.mock('./toasts.svelte', () => ({ toasts }));

import { room } from './room.svelte';

const tell = (payload: unknown) => shell.listeners.get('room')!({ payload });

beforeEach(async () => {
  vi.clearAllMocks();
  shell.closed = [];
  editor.opened = { path: '/w/a.waymark' };
  if (room.open) await room.close(false);
  shell.closed = [];
  expect(await room.start('127.0.0.1', { journey: null, lanes: [], anonymous: false, approve_all: false, allowance: 3, cap_per_card: null })).toBe(true);
});

describe('the window’s room', () => {
  it('opens on the address asked for, shows the projector and starts from the room’s status', () => {
    expect(room.view?.link).toBe('http://127.0.0.1:41000/#token');
    expect(room.projector).toBe(true);
    expect(room.counts.joined).toBe(2);
  });

  it('shows the room’s changes in the editor and counts the rest', () => {
    const change: Change = { id: 'from-a-phone', edits: [] };
    tell({ type: 'changed', change, seq: 4 });
    expect(editor.absorb).toHaveBeenCalledWith(change, 4);
    tell({ type: 'joined', participant: 'p3', name: 'Cleo', joined: 3 });
    tell({ type: 'vote-progress', progress: { voted: 1, started: 2, of: 3 } });
    expect(room.counts).toMatchObject({ joined: 3, voted: 1, of: 3 });
    expect(room.people).toEqual([{ id: 'p3', name: 'Cleo' }]);
    tell({ type: 'kicked', participant: 'p3' });
    expect(room.people).toEqual([]);
    shell.listeners.get('room-lagged')!({ payload: null });
    expect(editor.refresh).toHaveBeenCalled();
  });

  it('records an approval as one undo step', async () => {
    expect(await room.approve(['s1', 's2'])).toBe(true);
    expect(editor.adoptFromRoom).toHaveBeenCalledWith({ id: 'approve-s1,s2', edits: [] }, 7, { label: 'Approve 2 cards' });
  });

  it('closes with "forget who said what" as an undo step, and stops listening', async () => {
    shell.forgotten = { change: { id: 'forget', edits: [] }, seq: 9 };
    await room.close(true);
    expect(shell.closed).toEqual([true]);
    expect(editor.adoptFromRoom).toHaveBeenCalledWith(shell.forgotten.change, 9, { label: 'Forget who said what' });
    expect(room.open).toBe(false);
    expect(shell.listeners.has('room')).toBe(false);
  });

  it('closes when the window moves on to another file, and not before', async () => {
    room.fileShown('/w/a.waymark');
    expect(shell.closed).toEqual([]);
    room.fileShown('/w/b.waymark');
    await vi.waitFor(() => expect(room.open).toBe(false));
    expect(shell.closed).toEqual([false]);
  });
});
