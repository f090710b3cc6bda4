// The live connection as the window shows it: whether the server is reached, how many of this
// window's changes it has not acknowledged, who else is here and which card or header each edits. Others'
// edits are already in the file when the window hears of them; the editor only shows them
// (absorb), as it shows the workshop room's.

import { listen } from '@tauri-apps/api/event';
import type { LiveEvent, Presence } from '../bindings/ipc';
import { followLive, joinLive, liveEditing, shareLive } from '../ipc';
import { editor, type Selection } from './editor.svelte';
import { toasts } from './toasts.svelte';

export type LiveState = 'off' | 'connecting' | 'online' | 'offline';

class LiveProject {
  state = $state<LiveState>('off');
  waiting = $state(0);
  people = $state.raw<Presence[]>([]);
  /** The link others join with, after Share live… in this window. */
  link = $state<string | null>(null);
  shareDialog = $state(false);
  joinDialog = $state(false);
  private listening: Promise<unknown> | null = null;
  private editingNow: string | null = null;

  /** Which other person is editing `record` (a card, stage, step or lane), for its outline. */
  editorOf(record: string): Presence | undefined {
    return this.people.find((p) => p.editing === record);
  }

  /** The outline a header takes while someone else edits it (drawn inside: headers abut). */
  outline(person: Presence | undefined): string | undefined {
    return person ? `2px solid ${person.colour}` : undefined;
  }

  hear(event: LiveEvent): void {
    switch (event.type) {
      case 'connected':
        this.state = 'online';
        break;
      case 'offline':
        this.state = 'offline';
        break;
      case 'stopped':
        this.state = 'off';
        toasts.error({ code: 'sync', message: event.reason });
        break;
      case 'received':
        editor.absorb(event.change, event.seq);
        break;
      case 'waiting':
        this.waiting = event.count;
        break;
      case 'presence':
        this.people = event.people;
        break;
    }
  }

  /** The window shows another file (or the same again): follow its server if it is live. */
  async fileShown(path: string | null): Promise<void> {
    this.people = [];
    this.waiting = 0;
    this.editingNow = null;
    if (!path) {
      this.state = 'off';
      return;
    }
    try {
      await this.listen();
      this.state = (await followLive()) ? (this.state === 'online' ? 'online' : 'connecting') : 'off';
    } catch {
      // Outside the real shell there is no server to follow.
      this.state = 'off';
    }
  }

  async share(server: string): Promise<boolean> {
    try {
      await this.listen();
      await editor.settled();
      this.link = await shareLive(server);
      if (this.state === 'off') this.state = 'connecting';
      await editor.wentLive();
      return true;
    } catch (error) {
      toasts.error(error);
      return false;
    }
  }

  async join(link: string, path: string): Promise<boolean> {
    try {
      await this.listen();
      editor.show(await joinLive(link, path));
      return true;
    } catch (error) {
      toasts.error(error);
      return false;
    }
  }

  /** What is selected here for editing, told to the others (only when it changes). */
  selected(selection: Selection): void {
    if (selection.kind === 'cards') this.editing(selection.ids.length === 1 ? selection.ids[0] : null);
    else if (selection.kind === 'stage' || selection.kind === 'step' || selection.kind === 'lane') this.editing(selection.id);
    else this.editing(null);
  }

  /** The card or header selected for editing here, told to the others (only when it changes). */
  editing(record: string | null): void {
    if (this.state === 'off' || record === this.editingNow) return;
    this.editingNow = record;
    liveEditing(record).catch(() => {});
  }

  private listen(): Promise<unknown> {
    this.listening ??= Promise.all([
      listen<LiveEvent>('live', (event) => this.hear(event.payload)),
      listen('live-lagged', () => void editor.refresh()),
    ]).catch((error) => {
      this.listening = null;
      throw error;
    });
    return this.listening;
  }
}

export const live = new LiveProject();
