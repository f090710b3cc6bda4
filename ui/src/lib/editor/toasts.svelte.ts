// Messages at the bottom of the window. Errors stay until dismissed: nothing fails silently.

import type { ErrorCode } from '../bindings/ipc';

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  message: string;
  /** Machine code of an error, shown small so a user can quote it. */
  code?: ErrorCode;
  action?: { label: string; run: () => void };
}

let next = 0;

class Toasts {
  list = $state<Toast[]>([]);

  show(toast: Omit<Toast, 'id'>): number {
    const id = ++next;
    this.list.push({ ...toast, id });
    if (toast.kind === 'info') setTimeout(() => this.dismiss(id), 4000);
    return id;
  }

  info(message: string, action?: Toast['action']): number {
    return this.show({ kind: 'info', message, action });
  }

  error(error: unknown): number {
    const { message, code } =
      typeof error === 'object' && error !== null && 'message' in error
        ? (error as { message: string; code?: ErrorCode })
        : { message: String(error), code: undefined };
    return this.show({ kind: 'error', message, code });
  }

  dismiss(id: number): void {
    this.list = this.list.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
