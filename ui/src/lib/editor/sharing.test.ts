// A file shared with others: the copy and take-over flows of the read-only banner, and the
// watch for changes made from outside.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const ipc = vi.hoisted(() => ({
  newProject: vi.fn(),
  openFile: vi.fn(),
  saveAs: vi.fn(),
  openCopy: vi.fn(),
  takeOver: vi.fn(),
  checkDisk: vi.fn(),
  reload: vi.fn(),
  saveMine: vi.fn(),
}));
const shown = vi.hoisted(() => ({
  editor: {
    opened: null as { path: string; inUse?: unknown } | null,
    journeyId: null as string | null,
    show: vi.fn(),
    settled: vi.fn(() => Promise.resolve()),
  },
  toasts: { error: vi.fn(), info: vi.fn() },
  confirmation: { ask: vi.fn() },
}));

vi.mock('@tauri-apps/plugin-dialog', () => ({ open: vi.fn(), save: vi.fn() }));
vi.mock('@tauri-apps/api/path', () => ({ documentDir: () => Promise.resolve('/home/ana/Documents') }));
vi.mock('../ipc', () => ipc);
vi.mock('./editor.svelte', () => ({ editor: shown.editor }));
vi.mock('./toasts.svelte', () => ({ toasts: shown.toasts }));
vi.mock('./confirm.svelte', () => ({ confirmation: shown.confirmation }));

import { copyPath, openCopyFlow, takeOverFlow } from './files';
import { disk, POLL_MS } from './disk.svelte';

const alice = { user: 'alice', host: 'laptop-7', since: '2026-03-01T09:12:00Z', stale: false };
const view = (path: string) => ({ path, fileName: path.split('/').pop(), readOnly: null, inUse: null, exportPath: '', project: {} });

beforeEach(() => {
  vi.clearAllMocks();
  shown.editor.opened = { path: '/share/Map.waymark', inUse: alice };
  shown.editor.journeyId = 'j1';
  disk.forget();
});

describe('open a copy', () => {
  it('proposes "<name> (copy).waymark" beside the file', () => {
    expect(copyPath('/share/Map.waymark')).toBe('/share/Map (copy).waymark');
    expect(copyPath('C:\\share\\Map.waymark', 'my version')).toBe('C:\\share\\Map (my version).waymark');
  });

  it('copies to the typed path, with the extension, and stays on the journey', async () => {
    ipc.openCopy.mockResolvedValue(view('/tmp/mine.waymark'));
    expect(await openCopyFlow(' /tmp/mine ')).toBe(true);
    expect(ipc.openCopy).toHaveBeenCalledWith('/tmp/mine.waymark');
    expect(shown.editor.show).toHaveBeenCalledWith(view('/tmp/mine.waymark'));
    expect(shown.editor.journeyId).toBe('j1');
  });

  it('refuses a blank path and shows what the shell refuses', async () => {
    expect(await openCopyFlow('  ')).toBe(false);
    expect(ipc.openCopy).not.toHaveBeenCalled();
    ipc.openCopy.mockRejectedValue({ code: 'already-exists', message: 'exists' });
    expect(await openCopyFlow('/share/Map')).toBe(false);
    expect(shown.toasts.error).toHaveBeenLastCalledWith({ code: 'already-exists', message: 'exists' });
    expect(shown.editor.show).not.toHaveBeenCalled();
  });
});

describe('take over', () => {
  it('asks first, warning that a live holder may lose work; no means nothing happens', async () => {
    shown.confirmation.ask.mockResolvedValue(false);
    expect(await takeOverFlow()).toBe(false);
    const [, message, button] = shown.confirmation.ask.mock.calls[0];
    expect(message).toMatch(/alice on laptop-7 may still be editing/);
    expect(message).toMatch(/may be lost/);
    expect(button).toBe('Take over');
    expect(ipc.takeOver).not.toHaveBeenCalled();
  });

  it('takes over after yes, and says a stale mark has shown no sign of life', async () => {
    shown.editor.opened = { path: '/share/Map.waymark', inUse: { ...alice, stale: true } };
    shown.confirmation.ask.mockResolvedValue(true);
    ipc.takeOver.mockResolvedValue(view('/share/Map.waymark'));
    expect(await takeOverFlow()).toBe(true);
    expect(shown.confirmation.ask.mock.calls[0][1]).toMatch(/no sign of life/);
    expect(shown.editor.show).toHaveBeenCalled();
  });

  it('is not offered for a file nobody else holds', async () => {
    shown.editor.opened = { path: '/share/Map.waymark', inUse: null };
    expect(await takeOverFlow()).toBe(false);
    expect(shown.confirmation.ask).not.toHaveBeenCalled();
  });
});

describe('changes from outside', () => {
  it('polls and on focus; once seen it stays seen until reloaded', async () => {
    vi.useFakeTimers();
    const target = new EventTarget() as unknown as Window;
    ipc.checkDisk.mockResolvedValue(false);
    const stop = disk.watch(target);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(ipc.checkDisk).toHaveBeenCalledTimes(1);
    expect(disk.changed).toBe(false);

    ipc.checkDisk.mockResolvedValue(true);
    target.dispatchEvent(new Event('focus'));
    await vi.advanceTimersByTimeAsync(0);
    expect(disk.changed).toBe(true);
    await vi.advanceTimersByTimeAsync(POLL_MS * 3);
    expect(ipc.checkDisk).toHaveBeenCalledTimes(2);

    ipc.reload.mockResolvedValue(view('/share/Map.waymark'));
    expect(await disk.reload()).toBe(true);
    expect(disk.changed).toBe(false);
    expect(shown.editor.show).toHaveBeenCalledWith(view('/share/Map.waymark'));
    expect(shown.editor.journeyId).toBe('j1');

    stop();
    await vi.advanceTimersByTimeAsync(POLL_MS * 3);
    expect(ipc.checkDisk).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
  });

  it('keeps my version as a copy, then reloads; a refused copy reloads nothing', async () => {
    disk.changed = true;
    ipc.saveMine.mockRejectedValue({ code: 'already-exists', message: 'exists' });
    expect(await disk.keepMine('/share/Map (my version).waymark')).toBe(false);
    expect(ipc.reload).not.toHaveBeenCalled();
    expect(disk.changed).toBe(true);

    ipc.saveMine.mockResolvedValue('/share/Map (my version).waymark');
    ipc.reload.mockResolvedValue(view('/share/Map.waymark'));
    expect(await disk.keepMine(' /share/Map (my version).waymark ')).toBe(true);
    expect(ipc.saveMine).toHaveBeenLastCalledWith('/share/Map (my version).waymark');
    expect(disk.changed).toBe(false);
    expect(shown.toasts.info.mock.calls[0][0]).toMatch(/Map \(my version\)\.waymark/);
  });
});
