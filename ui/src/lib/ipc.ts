// The shell's commands, typed. Every rejection becomes a WaymarkError.

import { invoke } from '@tauri-apps/api/core';
import type { OpenedProject } from './doc/model';
import { toWaymarkError } from './doc/ipc-error';

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toWaymarkError(raw);
  }
}

export const openProject = () => call<OpenedProject>('open_project');
