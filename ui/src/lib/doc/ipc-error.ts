// Errors from the shell arrive as `{code, message}` (src-tauri/src/error.rs); the code is one of
// the generated `ErrorCode` union. Anything else that rejects an invoke (a missing command, a
// crash) becomes an `internal` error with its text.

import type { ErrorCode } from '../bindings/ipc';
import { t } from '../i18n/index.svelte';

export type { ErrorCode };

export class WaymarkError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WaymarkError';
  }
}

export function toWaymarkError(raw: unknown): WaymarkError {
  if (raw instanceof WaymarkError) return raw;
  if (typeof raw === 'object' && raw !== null) {
    const { code, message } = raw as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && typeof message === 'string') return new WaymarkError(code as ErrorCode, message);
    if (raw instanceof Error) return new WaymarkError('internal', raw.message);
  }
  return new WaymarkError('internal', typeof raw === 'string' ? raw : t('errors.internal'));
}
