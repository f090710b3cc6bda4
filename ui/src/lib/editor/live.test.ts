// What the window tells the others it is editing (live co-editing): the one card selected, or the
// stage, step or lane header selected; nothing for several cards, a cell or no selection.

import { beforeEach, describe, expect, it, vi } from 'vitest';

const shell = vi.hoisted(() => ({ editing: [] as (string | null)[] }));

vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));
vi.mock('../ipc', () => ({
  followLive: async () => true,
  joinLive: async () => null,
  shareLive: async () => '',
  liveEditing: async (record: string | null) => {
    shell.editing.push(record);
    return null;
  },
}));
vi.mock('./editor.svelte', () => ({ editor: {} }));
vi.mock('./toasts.svelte', () => ({ toasts: { error: vi.fn() } }));

import { live } from './live.svelte';

beforeEach(() => {
  shell.editing = [];
  live.state = 'online';
});

describe('presence: what is being edited here', () => {
  it('is the one card or the header selected, and nothing otherwise', () => {
    live.selected({ kind: 'cards', ids: ['card-1'], lane: 'l', step: 's' });
    live.selected({ kind: 'stage', id: 'stage-1' });
    live.selected({ kind: 'step', id: 'step-1' });
    live.selected({ kind: 'lane', id: 'lane-1' });
    live.selected({ kind: 'cards', ids: ['card-1', 'card-2'], lane: 'l', step: 's' });
    live.selected({ kind: 'lane', id: 'lane-1' });
    live.selected({ kind: 'cell', lane: 'l', step: 's' });
    expect(shell.editing).toEqual(['card-1', 'stage-1', 'step-1', 'lane-1', null, 'lane-1', null]);
  });

  it('is told only when it changes, and not at all for a file that is not live', () => {
    live.selected({ kind: 'stage', id: 'stage-2' });
    live.selected({ kind: 'stage', id: 'stage-2' });
    live.state = 'off';
    live.selected({ kind: 'lane', id: 'lane-2' });
    expect(shell.editing).toEqual(['stage-2']);
  });
});
