// What the persona panel needs beyond the edits themselves: what a delete takes with it, a photo
// change that brings its image along, list items, and which journey "this journey" is.

import { t } from '../i18n/index.svelte';
import { add, change, patch, rec, type Change } from './change';
import type { Image, Journey, Persona, Project } from './model';
import { byOrder } from './order';

/** The journey in view: the one chosen, else the first one. */
export function journeyInView(p: Project, journeyId: string | null): Journey | undefined {
  const journeys = [...p.journeys].sort(byOrder);
  return journeys.find((j) => j.id === journeyId) ?? journeys[0];
}

export function isShown(journey: Journey, persona: string): boolean {
  return journey.primary_persona === persona || journey.other_personas.includes(persona);
}

/** What deleting a persona removes besides the persona itself. */
export function footprint(p: Project, persona: string): { points: number; journeys: number } {
  return {
    points: p.emotion_points.filter((e) => e.persona === persona).length,
    journeys: p.journeys.filter((j) => isShown(j, persona)).length,
  };
}

/** The question before a delete: says what goes with the persona. */
export function deleteQuestion(name: string, { points, journeys }: { points: number; journeys: number }): string {
  const parts: string[] = [];
  if (points > 0) parts.push(t('persona.points_go', { count: points }));
  if (journeys > 0) parts.push(t('persona.taken_off', { count: journeys }));
  const rest = parts.length > 0 ? t('persona.delete_rest', { parts: parts.join(t('persona.delete_and')) }) : t('persona.delete_nothing');
  return t('persona.delete_question', { name, rest });
}

/** Sets a persona's photo to an imported image, adding the image unless the project has it. */
export function withPhoto(p: Project, persona: Persona, image: Image): Change {
  const edits = p.images.some((i) => i.hash === image.hash) ? [] : [add(rec.image(image))];
  edits.push(patch(rec.persona, persona, { photo: image.hash }));
  return change(edits);
}

/** One or two letters for a persona without a photo. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const letters = words.length === 1 ? [...words[0]].slice(0, 1) : [[...words[0]][0], [...words[words.length - 1]][0]];
  return letters.join('').toUpperCase();
}

/** A list without its blank items (kept while typing, dropped when the list is left). */
export function tidy(items: string[]): string[] {
  return items.filter((item) => item.trim() !== '');
}

/** A channel ticked or unticked, keeping the order of the others. */
export function toggleChannel(channels: string[], channel: string): string[] {
  return channels.includes(channel) ? channels.filter((c) => c !== channel) : [...channels, channel];
}
