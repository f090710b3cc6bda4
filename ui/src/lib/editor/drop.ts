// Pictures dropped from the file manager onto the map. The shell sees the drop (the webview gets
// no file bytes) and reports the paths and the position; the cell under that position decides
// which step's storyline the picture becomes. The core checks, downscales and strips the file.

import { t } from '../i18n/index.svelte';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { importImage } from '../ipc';
import { setStepImage, storylineLane } from '../doc/properties';
import { editor } from './editor.svelte';
import { toasts } from './toasts.svelte';

/** Where a drop at window coordinates lands: the step under it, if any. */
function stepAt(x: number, y: number): string | null {
  const el = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-step]');
  const step = el?.dataset.step;
  // Cells carry the step id; step headers carry the title in data-step and the id in data-step-id.
  return el?.dataset.stepId ?? (step && editor.project?.steps.some((s) => s.id === step) ? step : null);
}

export async function dropPictures(paths: string[], x: number, y: number): Promise<void> {
  const project = editor.project;
  if (!project || paths.length === 0) return;
  if (editor.readOnly) {
    toasts.show({ kind: 'error', message: t('errors.read_only', { reason: editor.readOnly }), code: 'read-only' });
    return;
  }
  const step = stepAt(x, y);
  if (!step) {
    toasts.info(t('edit.drop_on_step'));
    return;
  }
  const journey = editor.journeyId ?? [...project.journeys].sort((a, b) => (a.order < b.order ? -1 : 1))[0]?.id;
  const lane = journey ? storylineLane(project, journey) : undefined;
  if (!lane) {
    toasts.show({ kind: 'error', message: t('edit.no_images_lane'), code: 'usage' });
    return;
  }
  if (paths.length > 1) toasts.info(t('edit.several_dropped'));
  try {
    const image = await importImage(paths[0]);
    const current = editor.project;
    if (!current) return;
    const change = await setStepImage(current, editor.keys, lane, step, image);
    if (change) await editor.commit(change, { label: t('edit.storyline_image') });
  } catch (error) {
    toasts.error(error);
  }
}

/** Listens for file drops on the window; returns the function that stops listening. */
export async function listenForDrops(): Promise<() => void> {
  return getCurrentWebview().onDragDropEvent((event) => {
    if (event.payload.type !== 'drop') return;
    const ratio = window.devicePixelRatio || 1;
    const { x, y } = event.payload.position;
    void dropPictures(event.payload.paths, x / ratio, y / ratio);
  });
}
