import { beforeEach, describe, expect, it, vi } from 'vitest';

const dialog = vi.hoisted(() => ({ open: vi.fn(), save: vi.fn() }));
const ipc = vi.hoisted(() => ({ importGrid: vi.fn(), newProject: vi.fn(), openFile: vi.fn(), saveAs: vi.fn() }));
const shown = vi.hoisted(() => ({
  editor: {
    opened: null as { path: string } | null,
    journeyId: null as string | null,
    show: vi.fn(),
    settled: vi.fn(() => Promise.resolve()),
  },
  toasts: { error: vi.fn(), info: vi.fn() },
}));

vi.mock('@tauri-apps/plugin-dialog', () => dialog);
vi.mock('@tauri-apps/api/path', () => ({ documentDir: () => Promise.resolve('/home/ana/Documents') }));
vi.mock('../ipc', () => ipc);
vi.mock('./editor.svelte', () => ({ editor: shown.editor }));
vi.mock('./toasts.svelte', () => ({ toasts: shown.toasts }));

import {
  createProject,
  importGridFlow,
  isAbsolute,
  joinedPath,
  joinPath,
  newProjectFlow,
  openFlow,
  openRecent,
  projectFileName,
  projectPath,
  proposedPath,
  saveAsFlow,
  splitPath,
  stem,
} from './files';

const view = (path: string) => ({ path, fileName: splitPath(path).name, readOnly: null, exportPath: '', project: {} });

beforeEach(() => {
  vi.clearAllMocks();
  shown.editor.opened = null;
  shown.editor.journeyId = null;
});

describe('paths', () => {
  it('names a file after a project, without characters file systems refuse', () => {
    expect(projectFileName('Retail / online')).toBe('Retail - online.waymark');
    expect(projectFileName('  Onboarding  ')).toBe('Onboarding.waymark');
    expect(projectFileName('a:b*c?"d"<e>|f')).toBe('a-b-c--d--e--f.waymark');
    expect(projectFileName('...')).toBe('Untitled.waymark');
    expect(projectFileName('')).toBe('Untitled.waymark');
  });

  it('adds the extension once', () => {
    expect(projectPath(' /tmp/map ')).toBe('/tmp/map.waymark');
    expect(projectPath('/tmp/map.WAYMARK')).toBe('/tmp/map.WAYMARK');
    expect(projectPath('  ')).toBe('');
  });

  it('tells absolute paths from bare file names', () => {
    expect(isAbsolute('/home/ana/a.waymark')).toBe(true);
    expect(isAbsolute('C:\\maps\\a.waymark')).toBe(true);
    expect(isAbsolute('\\\\server\\maps\\a.waymark')).toBe(true);
    expect(isAbsolute('a.waymark')).toBe(false);
    expect(isAbsolute('maps/a.waymark')).toBe(false);
  });

  it('joins with the separator the folder uses', () => {
    expect(joinPath('/home/ana', 'a.waymark')).toBe('/home/ana/a.waymark');
    expect(joinPath('/home/ana/', 'a.waymark')).toBe('/home/ana/a.waymark');
    expect(joinPath('C:\\Users\\ana', 'a.waymark')).toBe('C:\\Users\\ana\\a.waymark');
    expect(joinPath('', 'a.waymark')).toBe('a.waymark');
  });

  it('splits folder and name, and takes the stem', () => {
    expect(splitPath('/home/ana/Map.waymark')).toEqual({ folder: '/home/ana', name: 'Map.waymark' });
    expect(splitPath('C:\\maps\\Map.waymark')).toEqual({ folder: 'C:\\maps', name: 'Map.waymark' });
    expect(splitPath('/Map.waymark')).toEqual({ folder: '/', name: 'Map.waymark' });
    expect(stem('/home/ana/Map.waymark')).toBe('Map');
    expect(stem('Map')).toBe('Map');
  });
});

describe('flows', () => {
  it('proposes a new project in the documents folder', async () => {
    expect(await proposedPath(' Bank onboarding ')).toBe('/home/ana/Documents/Bank onboarding.waymark');
  });

  it('does nothing when a dialog is cancelled', async () => {
    dialog.save.mockResolvedValue(null);
    dialog.open.mockResolvedValue(null);
    expect(await newProjectFlow()).toBe(false);
    expect(await openFlow()).toBe(false);
    shown.editor.opened = { path: '/maps/a.waymark' };
    expect(await saveAsFlow()).toBe(false);
    expect(ipc.newProject).not.toHaveBeenCalled();
    expect(ipc.openFile).not.toHaveBeenCalled();
    expect(ipc.saveAs).not.toHaveBeenCalled();
    expect(shown.editor.show).not.toHaveBeenCalled();
    expect(shown.toasts.error).not.toHaveBeenCalled();
  });

  it('names a new project after the file chosen, and shows it', async () => {
    dialog.save.mockResolvedValue('/maps/Checkout');
    ipc.newProject.mockImplementation((path: string) => Promise.resolve(view(path)));
    expect(await newProjectFlow('cx-phases')).toBe(true);
    expect(ipc.newProject).toHaveBeenCalledWith('/maps/Checkout.waymark', 'Checkout', 'cx-phases');
    expect(shown.editor.show).toHaveBeenCalledWith(view('/maps/Checkout.waymark'));
    // The next proposal starts in the folder just used.
    expect(await proposedPath('Next')).toBe('/maps/Next.waymark');
  });

  it('imports a grid chosen in the open dialog into a project named after it, saved where chosen', async () => {
    dialog.open.mockResolvedValue('/sheets/Tarifwechsel.CSV');
    dialog.save.mockResolvedValue('/maps/Tarifwechsel');
    ipc.importGrid.mockImplementation((_grid: string, path: string) => Promise.resolve(view(path)));
    expect(await importGridFlow()).toBe(true);
    expect(dialog.open).toHaveBeenCalledWith(expect.objectContaining({ filters: [expect.objectContaining({ extensions: ['csv'] })] }));
    // Proposed beside the grid, under its name.
    expect(dialog.save).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: '/sheets/Tarifwechsel.waymark' }));
    expect(ipc.importGrid).toHaveBeenCalledWith('/sheets/Tarifwechsel.CSV', '/maps/Tarifwechsel.waymark');
    expect(shown.editor.show).toHaveBeenCalledWith(view('/maps/Tarifwechsel.waymark'));

    vi.clearAllMocks();
    dialog.open.mockResolvedValue(null);
    expect(await importGridFlow()).toBe(false);
    expect(dialog.save).not.toHaveBeenCalled();
    expect(ipc.importGrid).not.toHaveBeenCalled();
  });

  it('writes pending edits before switching files', async () => {
    const order: string[] = [];
    shown.editor.settled.mockImplementation(async () => void order.push('settled'));
    ipc.openFile.mockImplementation(async (path: string) => (order.push('open'), view(path)));
    expect(await openRecent('/maps/b.waymark')).toBe(true);
    expect(order).toEqual(['settled', 'open']);
  });

  it('shows an error and keeps the current file when the core refuses', async () => {
    ipc.openFile.mockRejectedValue({ code: 'io', message: 'There is no file at /x.waymark' });
    expect(await openRecent('/x.waymark')).toBe(false);
    expect(shown.toasts.error).toHaveBeenCalledWith({ code: 'io', message: 'There is no file at /x.waymark' });
    expect(shown.editor.show).not.toHaveBeenCalled();
  });

  it('refuses a blank name or path before asking the core', async () => {
    expect(await createProject('/maps/a', '   ')).toBe(false);
    expect(await createProject('  ', 'A')).toBe(false);
    expect(ipc.newProject).not.toHaveBeenCalled();
    expect(shown.toasts.error).toHaveBeenCalledTimes(2);
  });

  it('goes on editing the copy after Save As, on the same journey', async () => {
    shown.editor.opened = { path: '/maps/Checkout.waymark' };
    shown.editor.journeyId = 'j2';
    shown.editor.show.mockImplementation(() => (shown.editor.journeyId = null));
    dialog.save.mockResolvedValue('/maps/Checkout v2.waymark');
    ipc.saveAs.mockImplementation((path: string) => Promise.resolve(view(path)));
    expect(await saveAsFlow()).toBe(true);
    expect(dialog.save.mock.calls[0][0].defaultPath).toBe('/maps/Checkout copy.waymark');
    expect(ipc.saveAs).toHaveBeenCalledWith('/maps/Checkout v2.waymark');
    expect(shown.editor.journeyId).toBe('j2');
  });
});

describe('joining a live file open elsewhere', () => {
  it("proposes the joiner's own file in their documents folder, not beside the shared one", async () => {
    expect(await joinedPath('/share/team/Team map.waymark', 'mine')).toBe('/home/ana/Documents/Team map (mine).waymark');
  });
});
