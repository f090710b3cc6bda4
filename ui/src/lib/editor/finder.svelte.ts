// The window's find bar (Ctrl/Cmd+F): whether it is open, what is typed, and the match jumped to.
// Matching is ../doc/find.ts; a jump selects the match and brings it into view like the keyboard.

import type { Found } from '../doc/find';
import { editor } from './editor.svelte';
import { mapView } from './map-view.svelte';

class Finder {
  open = $state(false);
  query = $state('');
  /** The match jumped to last, as its place among the matches; -1 before the first jump. */
  at = $state(-1);
  /** A persona jumped to: it has no selection of its own, so its legend entry is marked. */
  persona = $state<string | null>(null);
  /** Bumped by every Ctrl/Cmd+F, so an open bar takes the keyboard again. */
  asked = $state(0);

  show(): void {
    this.open = true;
    this.asked++;
  }

  close(): void {
    this.open = false;
    this.persona = null;
  }

  search(query: string): void {
    this.query = query;
    this.at = -1;
    this.persona = null;
  }

  /** Jumps `by` matches on (1: next, -1: previous), wrapping round, and selects that match. */
  jump(matches: Found[], by: number): void {
    if (matches.length === 0) return;
    this.at = this.at < 0 ? (by > 0 ? 0 : matches.length - 1) : (this.at + by + matches.length) % matches.length;
    select(matches[this.at]);
  }
}

function select(found: Found): void {
  finder.persona = null;
  editor.editing = null;
  switch (found.kind) {
    case 'card':
      editor.selection = { kind: 'cards', ids: [found.id], lane: found.lane, step: found.step };
      break;
    case 'step':
      editor.selection = { kind: 'step', id: found.id };
      break;
    case 'stage':
      editor.selection = { kind: 'stage', id: found.id };
      break;
    case 'persona':
      // The legend of the curve, at the top of the map.
      editor.selection = { kind: 'none' };
      finder.persona = found.id;
      mapView.revealTop();
      return;
  }
  mapView.revealSelection(editor.selection);
}

export const finder = new Finder();
