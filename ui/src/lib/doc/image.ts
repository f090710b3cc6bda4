import type { Image, Project } from './model';

/** A data: URL for an image of the project (the CSP allows data: images and nothing remote). */
export function imageUrl(image: Image): string {
  return `data:${image.mime};base64,${image.data}`;
}

export function findImage(project: Project, hash: string | null): Image | undefined {
  return hash === null ? undefined : project.images.find((i) => i.hash === hash);
}
