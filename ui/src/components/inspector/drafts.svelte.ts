// The inspector's text fields: what is typed is committed a moment after the keys stop and when the
// field is left, one undo step per field; until the file holds it, the field shows what was typed.

import { onDestroy } from 'svelte';
import { editor } from '../../lib/editor/editor.svelte';

const DEBOUNCE_MS = 300;

export interface TextOptions {
  /** The core refuses a blank value: while blank, nothing is written and leaving restores it. */
  required?: boolean;
}

type Write = (value: string) => Promise<unknown>;

export class Drafts {
  /** What the user typed and the file does not hold yet, by field key (`card:<id>:text`). */
  values = $state<Record<string, string>>({});
  #focused = new Set<string>();
  #pending = new Map<string, { timer: ReturnType<typeof setTimeout>; write: Write }>();

  /** Props for an input or textarea bound to a record's text field. */
  text(key: string, current: string, write: Write, options: TextOptions = {}) {
    const value = this.shown(key, current);
    return {
      value,
      'aria-invalid': options.required && value.trim() === '' ? true : undefined,
      oninput: (e: Event) => this.#typed(key, (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value, write, options),
      onfocus: () => this.#focused.add(key),
      onblur: () => this.#left(key),
    };
  }

  /** The draft while there is one, else the file's value. */
  shown(key: string, current: string): string {
    return key in this.values ? this.values[key] : current;
  }

  /** A required field typed empty (its hint shows). */
  blank(key: string): boolean {
    return key in this.values && this.values[key].trim() === '';
  }

  /** Writes what is still waiting in the fields whose keys start with `prefix` (all of them by default). */
  async flush(prefix = ''): Promise<void> {
    // Each write takes its place in the commit queue as it starts: nothing later overtakes them.
    await Promise.all([...this.#pending.keys()].filter((key) => key.startsWith(prefix)).map((key) => this.#write(key)));
  }

  #typed(key: string, value: string, write: Write, options: TextOptions) {
    this.values[key] = value;
    const before = this.#pending.get(key);
    if (before) clearTimeout(before.timer);
    this.#pending.delete(key);
    if (options.required && value.trim() === '') return;
    this.#pending.set(key, { write, timer: setTimeout(() => void this.#write(key), DEBOUNCE_MS) });
  }

  async #write(key: string): Promise<void> {
    const entry = this.#pending.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.#pending.delete(key);
    await entry.write(this.values[key]);
  }

  async #left(key: string) {
    this.#focused.delete(key);
    await this.#write(key);
    editor.seal();
    // Show the file's value again, unless the field was re-entered meanwhile.
    if (!this.#focused.has(key) && !this.#pending.has(key)) delete this.values[key];
  }
}

/** Drafts for a component's fields; what is still waiting is written when the component goes. */
export function fieldDrafts(): Drafts {
  const drafts = new Drafts();
  onDestroy(() => {
    void drafts.flush();
    editor.seal();
  });
  return drafts;
}
