// Workshop views of one window: comparing a future-state journey with the current one it
// redesigns, and which personas' curves are shown. Neither is part of the file.

import type { CardDiff, CardField, FutureDiff } from '../bindings/ipc';
import { futureDiff } from '../ipc';
import { toWaymarkError } from '../doc/ipc-error';
import { formatList, t } from '../i18n/index.svelte';
import { editor } from './editor.svelte';

export { planFutureState } from '../ipc';

class Compare {
  /** Whether a future journey shows what changed against its current journey. */
  on = $state(false);
  diff = $state<FutureDiff | null>(null);
  /** What the last read of the diff failed with, for the bar to say. */
  error = $state<string | null>(null);
  #asked = 0;

  toggle() {
    this.on = !this.on;
  }

  /** Reads the diff of `journey` again; an answer to an older request is dropped. */
  async refresh(journey: string | null) {
    const ask = ++this.#asked;
    if (!journey) {
      this.diff = null;
      return;
    }
    try {
      const diff = await futureDiff(journey);
      if (ask === this.#asked) {
        this.diff = diff;
        this.error = null;
      }
    } catch (error) {
      if (ask === this.#asked) {
        this.diff = null;
        this.error = toWaymarkError(error).message;
      }
    }
  }
}

export const compare = new Compare();

class Curves {
  /** Per journey, the personas whose curves are hidden; for this window only. */
  #hidden = $state<Record<string, string[]>>({});

  shown(journey: string, persona: string): boolean {
    return !(this.#hidden[journey] ?? []).includes(persona);
  }

  toggle(journey: string, persona: string) {
    const list = this.#hidden[journey] ?? [];
    this.#hidden = {
      ...this.#hidden,
      [journey]: list.includes(persona) ? list.filter((p) => p !== persona) : [...list, persona],
    };
  }
}

export const curves = new Curves();

/** Switches the map to `journey`, keeping where the map was scrolled to. */
export function showJourney(journey: string, scroller: HTMLElement | undefined) {
  const at = scroller ? { left: scroller.scrollLeft, top: scroller.scrollTop } : null;
  editor.journeyId = journey;
  if (at && scroller) requestAnimationFrame(() => scroller.scrollTo(at.left, at.top));
}

const FIELD_KEYS: Record<CardField, string> = {
  text: 'future.field_text',
  channel: 'future.field_channel',
  expected: 'future.field_expected',
  experienced: 'future.field_experienced',
  severity: 'future.field_severity',
  impact: 'future.field_impact',
  effort: 'future.field_effort',
  image: 'future.field_image',
};

/** What became of a card, in words: the badge ("New") or the tooltip ("Changed: text, channel"). */
export function diffTitle(diff: CardDiff, short = false): string {
  if (diff.status === 'added') return short ? t('future.badge_new') : t('future.title_new');
  if (diff.status === 'moved') return short ? t('future.badge_moved') : t('future.title_moved');
  if (diff.status === 'changed') {
    if (short) return t('future.badge_changed');
    const fields = formatList(diff.fields.map((f) => t(FIELD_KEYS[f])));
    return diff.moved ? t('future.title_changed_moved', { fields }) : t('future.title_changed', { fields });
  }
  return '';
}
