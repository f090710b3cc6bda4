// New, Open, Open Recent, Import and Save As: the flows the toolbar, the menus and the start screen share.
// A cancelled dialog does nothing; anything that fails shows in a toast and resolves false.

import { t } from '../i18n/index.svelte';
import { open, save } from '@tauri-apps/plugin-dialog';
import { documentDir } from '@tauri-apps/api/path';
import { importGrid, newProject, openCopy, openFile, saveAs, takeOver } from '../ipc';
import { confirmation } from './confirm.svelte';
import { editor } from './editor.svelte';
import { toasts } from './toasts.svelte';

/** The file dialogs' filter for project files, named in the UI's language. */
export const projectFilter = () => ({ name: t('file.filter_name'), extensions: ['waymark'] });
export const EXTENSION = '.waymark';
export const DEFAULT_TEMPLATE = 'blank';

// ---- Paths ------------------------------------------------------------------------------------

/** The folder and the file name of a path (either separator). */
export function splitPath(path: string): { folder: string; name: string } {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? { folder: '', name: path } : { folder: path.slice(0, cut) || path.slice(0, 1), name: path.slice(cut + 1) };
}

/** A file in a folder, joined with the separator the folder already uses. */
export function joinPath(folder: string, name: string): string {
  if (folder === '') return name;
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? folder + name : folder + sep + name;
}

/** Whether a path names one place whatever the working folder (`/…`, `C:\…`, `\\server\…`). */
export function isAbsolute(path: string): boolean {
  return /^(\/|[a-zA-Z]:[\\/]|\\\\)/.test(path.trim());
}

/** A typed path with the project extension (added when missing); '' for a blank path. */
export function projectPath(typed: string): string {
  const path = typed.trim();
  if (path === '') return '';
  return path.toLowerCase().endsWith(EXTENSION) ? path : path + EXTENSION;
}

/**
 * A file name for a project name: characters no file system takes become '-', so
 * "Retail / online" is saved as "Retail - online.waymark".
 */
export function projectFileName(name: string): string {
  const safe = name
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  return (safe || t('file.untitled')) + EXTENSION;
}

/** The file name without the project extension: a project's name when only a file was chosen. */
export function stem(path: string): string {
  const { name } = splitPath(path);
  return name.toLowerCase().endsWith(EXTENSION) ? name.slice(0, -EXTENSION.length) : name;
}

/** Where a new project is proposed: the documents folder, or beside nothing when that is unknown. */
export async function defaultFolder(): Promise<string> {
  try {
    return await documentDir();
  } catch {
    return '';
  }
}

/** The folder of the file that was last chosen in this window, so the next proposal starts there. */
let lastFolder: string | null = null;

/** The path proposed for a new project called `name`. */
export async function proposedPath(name: string): Promise<string> {
  return joinPath(lastFolder ?? (await defaultFolder()), projectFileName(name.trim()));
}

// ---- Dialogs ----------------------------------------------------------------------------------

/** The native save dialog for a project file; null when cancelled. */
export async function chooseSavePath(title: string, defaultPath: string): Promise<string | null> {
  try {
    const chosen = await save({ title, defaultPath: defaultPath || undefined, filters: [projectFilter()] });
    if (!chosen) return null;
    const path = projectPath(chosen);
    lastFolder = splitPath(path).folder;
    return path;
  } catch (error) {
    toasts.error(error);
    return null;
  }
}

/** The native open dialog for one file; null when cancelled. */
async function chooseOpenPath(title: string, filter: { name: string; extensions: string[] }): Promise<string | null> {
  try {
    const chosen = await open({ title, multiple: false, directory: false, defaultPath: lastFolder ?? undefined, filters: [filter] });
    return typeof chosen === 'string' ? chosen : null;
  } catch (error) {
    toasts.error(error);
    return null;
  }
}

// ---- Flows ------------------------------------------------------------------------------------

/** Writes what is still on its way to the current file, then shows what `load` returns. */
export async function switchTo(load: () => Promise<Parameters<typeof editor.show>[0]>, keepJourney = false): Promise<boolean> {
  await editor.settled();
  const journey = editor.journeyId;
  try {
    const view = await load();
    editor.show(view);
    if (keepJourney) editor.journeyId = journey;
    if (view) lastFolder = splitPath(view.path).folder;
    return true;
  } catch (error) {
    toasts.error(error);
    return false;
  }
}

/** Creates a project at a path the user typed or chose (the start screen's form). */
export function createProject(path: string, name: string, template = DEFAULT_TEMPLATE): Promise<boolean> {
  const target = projectPath(path);
  const title = name.trim();
  if (!target || !title) {
    toasts.error({ code: 'usage', message: t('file.needs_name_and_place') });
    return Promise.resolve(false);
  }
  return switchTo(() => newProject(target, title, template));
}

/**
 * New project from a menu or Mod+N: the save dialog asks where, and the file's name is the
 * project's name unless one is given.
 */
export async function newProjectFlow(template = DEFAULT_TEMPLATE, name?: string): Promise<boolean> {
  const path = await chooseSavePath(t('file.new_title'), await proposedPath(name ?? t('file.untitled')));
  if (!path) return false;
  return createProject(path, name?.trim() || stem(path), template);
}

/** Opens a project file at a path (typed, recent, or from the command line). */
export function openPath(path: string): Promise<boolean> {
  const target = path.trim();
  if (!target) return Promise.resolve(false);
  return switchTo(() => openFile(target));
}

export const openRecent = openPath;

/** Open… : the open dialog, then the file. */
export async function openFlow(): Promise<boolean> {
  const path = await chooseOpenPath(t('file.open_title'), projectFilter());
  return path ? openPath(path) : false;
}

/** Import CSV grid…: the grid from the open dialog, then where its project goes (named after it). */
export async function importGridFlow(): Promise<boolean> {
  const grid = await chooseOpenPath(t('file.import_grid_title'), { name: t('file.grid_filter_name'), extensions: ['csv'] });
  if (!grid) return false;
  const { folder, name } = splitPath(grid);
  lastFolder = folder;
  const path = await chooseSavePath(t('file.import_grid_save_title'), await proposedPath(name.replace(/\.csv$/i, '')));
  if (!path) return false;
  return switchTo(() => importGrid(grid, path));
}

/** Save As… : a copy of the open project at a new path; the window goes on editing the copy. */
export async function saveAsFlow(): Promise<boolean> {
  const opened = editor.opened;
  if (!opened) return false;
  const { folder } = splitPath(opened.path);
  const path = await chooseSavePath(t('file.save_as_title'), joinPath(folder, `${stem(opened.path)} ${t('file.copy_suffix')}${EXTENSION}`));
  if (!path) return false;
  const ok = await switchTo(() => saveAs(path), true);
  if (ok) toasts.info(t('file.saved_as', { name: splitPath(path).name }));
  return ok;
}

/** Where "Open a copy" proposes to write: `<name> (copy).waymark` beside the file. */
export function copyPath(path: string, label = 'copy'): string {
  const { folder } = splitPath(path);
  return joinPath(folder, `${stem(path)} (${label})${EXTENSION}`);
}

/**
 * Where Join live session proposes the joiner's own file: `<name> (<label>).waymark` in their
 * documents folder, the file's own folder being someone else's (a shared drive) where the next
 * person to join would propose the same name; beside the file when there is no documents folder.
 */
export async function joinedPath(path: string, label: string): Promise<string> {
  const folder = await defaultFolder();
  return folder ? joinPath(folder, `${stem(path)} (${label})${EXTENSION}`) : copyPath(path, label);
}

/** Open a copy: a read-only file is copied to `path` (typed or chosen) and the window edits the copy. */
export async function openCopyFlow(path: string): Promise<boolean> {
  const target = projectPath(path);
  if (!target) {
    toasts.error({ code: 'usage', message: t('file.copy_needs_place') });
    return false;
  }
  const ok = await switchTo(() => openCopy(target), true);
  if (ok) toasts.info(t('file.opened_copy', { name: splitPath(target).name }));
  return ok;
}

/**
 * Take over a file someone else has marked in use, after the user confirmed. If they are still
 * editing, their next edit is refused, but anything they have not saved elsewhere is lost to them.
 */
export async function takeOverFlow(): Promise<boolean> {
  const inUse = editor.opened?.inUse;
  if (!inUse) return false;
  const who = t('file.user_on_host', { user: inUse.user, host: inUse.host });
  const message = inUse.stale ? t('file.take_over_stale', { who }) : t('file.take_over_live', { who });
  if (!(await confirmation.ask(t('file.take_over_question'), message, t('file.take_over')))) return false;
  const ok = await switchTo(() => takeOver(), true);
  if (ok) toasts.info(t('file.taken_over'));
  return ok;
}
