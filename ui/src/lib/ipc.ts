// The shell's commands, typed. Every rejection becomes a WaymarkError.

import { invoke } from '@tauri-apps/api/core';
import type { OpenedProject } from './doc/model';
import type { ExportRequest } from './export/options';
import { toWaymarkError } from './doc/ipc-error';

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toWaymarkError(raw);
  }
}

export const openProject = () => call<OpenedProject>('open_project');

export interface Thumbnail {
  /** A PNG as a data: URL. */
  src: string;
  widthPt: number;
  heightPt: number;
}

export interface ExportPreview {
  pageCount: number;
  /** The first pages (at most 60), rasterised from the PDF itself. */
  pages: Thumbnail[];
  bytes: number;
  renderMs: number;
  thumbnailMs: number;
}

export interface Exported {
  path: string;
  pageCount: number;
  bytes: number;
  ms: number;
}

export const previewExport = (request: ExportRequest) => call<ExportPreview>('preview_export', { request });
export const exportPdf = (request: ExportRequest, path: string) => call<Exported>('export_pdf', { request, path });
export const revealExport = () => call<void>('reveal_export');
