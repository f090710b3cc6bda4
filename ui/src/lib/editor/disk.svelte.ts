// Changes made to the open file from outside Waymark (a sync tool, a mailed version saved over
// it, a colleague who took it over). The window asks the shell every two seconds and when it gets
// the focus back; once a change is seen it stays seen until the user reloads, and meanwhile the
// shell refuses every edit, so the outside change is never written over unseen.

import { t } from '../i18n/index.svelte';
import { checkDisk, reload, saveMine } from '../ipc';
import { editor } from './editor.svelte';
import { splitPath } from './files';
import { toasts } from './toasts.svelte';

export const POLL_MS = 2000;

class Disk {
  /** The open file was changed from outside and the window has not reloaded it yet. */
  changed = $state(false);
  private checking = false;

  /** Asks the shell once; a check still on its way is not doubled. */
  async check(): Promise<void> {
    if (this.checking || this.changed || !editor.opened) return;
    this.checking = true;
    try {
      if (await checkDisk()) this.changed = true;
    } catch {
      // The next check asks again; a failing check must not bury the window in toasts.
    } finally {
      this.checking = false;
    }
  }

  /** Polls until the returned function is called. */
  watch(target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): () => void {
    const check = () => void this.check();
    const timer = setInterval(check, POLL_MS);
    target.addEventListener('focus', check);
    return () => {
      clearInterval(timer);
      target.removeEventListener('focus', check);
    };
  }

  /** Shows the file as it is on disk now; the undo history belonged to the old state and goes. */
  async reload(): Promise<boolean> {
    await editor.settled();
    const journey = editor.journeyId;
    try {
      const view = await reload();
      editor.show(view);
      editor.journeyId = journey;
      this.changed = false;
      return true;
    } catch (error) {
      toasts.error(error);
      return false;
    }
  }

  /** Writes the project as this window has it to `path`, then reloads the changed file. */
  async keepMine(path: string): Promise<boolean> {
    try {
      const written = await saveMine(path.trim());
      if (!(await this.reload())) return false;
      toasts.info(t('file.mine_saved', { name: splitPath(written).name }));
      return true;
    } catch (error) {
      toasts.error(error);
      return false;
    }
  }

  /** Another file was shown: what was seen about the last one no longer applies. */
  forget(): void {
    this.changed = false;
  }
}

export const disk = new Disk();
