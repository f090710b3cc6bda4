// A picture chosen in the system's file dialog (a storyline image, a persona's photo); the core
// checks, downscales and strips the file into an image record.

import { open } from '@tauri-apps/plugin-dialog';
import type { Image } from '../doc/model';
import { importImage } from '../ipc';

const EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp'];

/**
 * The picture the user chose, or null when they cancelled. `importing` is told once a file was
 * chosen, while the core reads it (a large photo takes a moment).
 */
export async function chooseImage(title: string, filterName: string, importing: () => void = () => {}): Promise<Image | null> {
  const path = await open({ title, multiple: false, directory: false, filters: [{ name: filterName, extensions: EXTENSIONS }] });
  if (typeof path !== 'string') return null;
  importing();
  return importImage(path);
}
