// The editor's ordering guarantee, against a stand-in for the core that refuses what the real one
// refuses: an update whose `before` is not what the file holds.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { add, applyTo, clone, rec, type Change } from '../doc/change';
import { updateCard, updateStage } from '../doc/edits';
import { card, sampleProject } from '../doc/fixture.test-util';
import type { Project } from '../doc/model';

const core = vi.hoisted(() => ({
  file: null as Project | null,
  sent: [] as string[],
  /** How long each write takes: the disk is slower than a held key. */
  delay: 5,
  /** What the core's undo of the window's own change answers (a live file). */
  undoOwn: vi.fn(),
  /** The file's last change number: every change it takes gets the next (its history row). */
  seq: 0,
  /** Runs after the file took the window's change and before its answer is sent. */
  beforeAnswer: null as null | (() => void),
}));

vi.mock('../ipc', () => ({
  applyChange: async (change: Change) => {
    await new Promise((r) => setTimeout(r, core.delay));
    const file = core.file!;
    for (const edit of change.edits) {
      if (edit.op !== 'update') continue;
      const held = (file[`${edit.before.kind}s` as 'cards' | 'stages'] as { id: string }[]).find((r) => r.id === (edit.before.record as { id: string }).id);
      if (JSON.stringify(held) !== JSON.stringify(edit.before.record)) throw new Error(`stale ${edit.before.kind}`);
    }
    applyTo(file, change);
    const seq = ++core.seq;
    const first = change.edits[0];
    core.sent.push(first.op === 'update' ? first.after.kind : first.record.kind);
    core.beforeAnswer?.();
    return { modified: '2026-01-02T00:00:00Z', seq };
  },
  openProject: async () => null,
  orderKeys: async () => [],
  undoOwn: core.undoOwn,
}));
const toasts = vi.hoisted(() => ({ error: vi.fn(), show: vi.fn(), info: vi.fn() }));
vi.mock('./toasts.svelte', () => ({ toasts }));

import { editor } from './editor.svelte';

const { project, ids } = sampleProject();
const note = card(ids.actions, ids.see, 'a0', 'Sees an ad');
project.cards.push(note);

const votes = () => editor.project!.cards.find((c) => c.id === note.id)!.votes;
function oneMoreVote(p: Project): Change {
  const shown = p.cards.find((c) => c.id === note.id)!;
  return updateCard(shown, { votes: shown.votes + 1 });
}

beforeEach(() => {
  vi.clearAllMocks();
  core.file = clone(project);
  core.sent = [];
  core.seq = 0;
  core.beforeAnswer = null;
  editor.show({ path: '/tmp/t.waymark', fileName: 't.waymark', readOnly: null, inUse: null, exportPath: '', project: clone(project), seq: 0 } as never);
});

describe('commitFromLatest', () => {
  it('builds each change from the project the one before it left, however quickly they come', async () => {
    const presses = [1, 2, 3, 4].map(() => editor.commitFromLatest(oneMoreVote, { label: 'vote', group: 'votes' }));
    expect(await Promise.all(presses)).toEqual([true, true, true, true]);
    expect(votes()).toBe(4);
    expect(core.file!.cards[0].votes).toBe(4);
    expect(toasts.error).not.toHaveBeenCalled();
  });

  it('is needed: changes built from the project as shown go stale while the first is on its way', async () => {
    const presses = [1, 2].map(() => editor.commit(oneMoreVote(editor.project!), { label: 'vote' }));
    expect(await Promise.all(presses)).toEqual([true, false]);
    expect(toasts.error).toHaveBeenCalledWith(new Error('stale card'));
    expect(votes()).toBe(1);
  });

  it('keeps its place among plain commits while its build waits', async () => {
    const stage = () => editor.project!.stages.find((s) => s.id === ids.awareness)!;
    const built = editor.commitFromLatest(async (p) => {
      // A build that asks the core something (order keys, a future state plan) before it is done.
      await new Promise((r) => setTimeout(r, 20));
      return updateStage(p.stages.find((s) => s.id === ids.awareness)!, { name: 'First' });
    }, { label: 'rename' });
    const plain = editor.commit(updateCard(note, { text: 'Second' }), { label: 'text' });
    const after = editor.commitFromLatest((p) => updateStage(p.stages.find((s) => s.id === ids.awareness)!, { name: `${stage().name}, third` }), { label: 'rename' });
    expect(await Promise.all([built, plain, after])).toEqual([true, true, true]);
    expect(core.sent).toEqual(['stage', 'card', 'stage']);
    expect(stage().name).toBe('First, third');
    expect(editor.undoLabel).toBe('rename');
  });

  it('commits nothing for a null build, reports a failed build, and goes on with the next', async () => {
    const nothing = editor.commitFromLatest(() => null, { label: 'none' });
    const failing = editor.commitFromLatest(async () => {
      throw new Error('no keys');
    }, { label: 'fails' });
    const next = editor.commitFromLatest(oneMoreVote, { label: 'vote' });
    expect(await Promise.all([nothing, failing, next])).toEqual([false, false, true]);
    expect(toasts.error).toHaveBeenCalledWith(new Error('no keys'));
    expect(core.sent).toEqual(['card']);
    expect(editor.undoLabel).toBe('vote');
  });

  it('settles only once every change made before has landed', async () => {
    void editor.commitFromLatest(oneMoreVote, { label: 'vote' });
    void editor.commitFromLatest(oneMoreVote, { label: 'vote' });
    await editor.settled();
    expect(core.file!.cards[0].votes).toBe(2);
  });
});

describe("the room's changes", () => {
  it('show once whichever way they come, keep a window edit in flight, and an approval undoes like an edit', async () => {
    const approved = card(ids.pains, ids.buy, 'a0', 'Surprise fees');
    const approval: Change = { id: 'room-approval', edits: [add(rec.card(approved))] };
    const typing = editor.commitFromLatest(oneMoreVote, { label: 'vote' });
    // The room wrote its card while the window's edit was on its way to the file.
    applyTo(core.file!, approval);
    const approvedAt = ++core.seq;
    editor.absorb(approval, approvedAt);
    editor.adoptFromRoom(approval, approvedAt, { label: 'Approve' });
    expect(await typing).toBe(true);
    expect(editor.project!.cards.filter((c) => c.id === approved.id)).toHaveLength(1);
    expect(votes()).toBe(1);

    expect(await editor.undo()).toBe(true);
    expect(editor.undoLabel).toBe('Approve');
    expect(await editor.undo()).toBe(true);
    expect(core.file!.cards.some((c) => c.id === approved.id)).toBe(false);
    expect(editor.project!.cards.some((c) => c.id === approved.id)).toBe(false);
    expect(editor.canUndo).toBe(false);
  });

  it('a phone’s change is shown without becoming an undo step', () => {
    const sent = card(ids.pains, ids.see, 'a0', 'From a phone');
    editor.absorb({ id: 'room-phone', edits: [add(rec.card(sent))] }, ++core.seq);
    expect(editor.project!.cards.some((c) => c.id === sent.id)).toBe(true);
    expect(editor.canUndo).toBe(false);
  });
});

describe('undo on a live file', () => {
  const session = { link: 'ws://127.0.0.1:7878/p?token=t', server: 'ws://127.0.0.1:7878', project: 'p' };
  const modified = '2026-01-03T00:00:00Z';
  const shown = () => editor.project!.cards.find((c) => c.id === note.id)!;
  const showLive = () =>
    editor.show({ path: '/tmp/t.waymark', fileName: 't.waymark', readOnly: null, inUse: null, live: session, exportPath: '', project: clone(project), seq: 0 } as never);

  it("asks the core to undo only what is still the window's own, shows what it did, and redoes from there", async () => {
    showLive();
    const step = updateCard(note, { text: 'Mine', votes: 1 });
    expect(await editor.commit(step, { label: 'Edit card' })).toBe(true);
    // Someone else retyped the text since; the core's undo takes back only the vote.
    const theirs = { id: 'remote', edits: updateCard(shown(), { text: 'Theirs' }).edits };
    applyTo(core.file!, theirs);
    editor.absorb(theirs, ++core.seq);
    const undone = updateCard(shown(), { votes: 0 });
    core.undoOwn.mockResolvedValueOnce({ change: undone, modified, seq: ++core.seq });
    core.sent = [];

    expect(await editor.undo()).toBe(true);
    expect(core.undoOwn).toHaveBeenLastCalledWith(step);
    expect(core.sent).toEqual([]);
    expect([shown().text, shown().votes]).toEqual(['Theirs', 0]);
    expect(editor.canRedo).toBe(true);

    const redone = updateCard(shown(), { votes: 1 });
    core.undoOwn.mockResolvedValueOnce({ change: redone, modified, seq: ++core.seq });
    expect(await editor.redo()).toBe(true);
    expect(core.undoOwn.mock.lastCall![0].edits).toEqual(undone.edits);
    expect([shown().text, shown().votes]).toEqual(['Theirs', 1]);

    // Nothing of the step left to undo: said so, and the step goes.
    core.undoOwn.mockResolvedValueOnce({ change: { id: 'none', edits: [] }, modified, seq: core.seq });
    expect(await editor.undo()).toBe(false);
    expect(toasts.info).toHaveBeenCalledOnce();
    expect(editor.canUndo).toBe(false);
    expect(editor.canRedo).toBe(false);
    expect(shown().votes).toBe(1);
  });

  it('a file that is not live undoes by the inverse, as before', async () => {
    expect(await editor.commit(updateCard(note, { text: 'Mine' }), { label: 'Edit card' })).toBe(true);
    expect(await editor.undo()).toBe(true);
    expect(core.undoOwn).not.toHaveBeenCalled();
    expect(core.file!.cards.find((c) => c.id === note.id)!.text).toBe(note.text);
  });

  it("a co-editor's change heard after the answer of the window's later undo leaves the undo shown", async () => {
    showLive();
    const step = updateCard(note, { votes: 1 });
    expect(await editor.commit(step, { label: 'Vote' })).toBe(true);
    // Someone else retypes the card: the file takes it, its `live` event is still on its way.
    const theirs = { id: 'remote-heard-late', edits: updateCard(core.file!.cards.find((c) => c.id === note.id)!, { text: 'Theirs' }).edits };
    applyTo(core.file!, theirs);
    const theirsAt = ++core.seq;
    // The window's undo: the core takes back the vote from the card as the file has it, text and all.
    const undone = updateCard(core.file!.cards.find((c) => c.id === note.id)!, { votes: 0 });
    applyTo(core.file!, undone);
    core.undoOwn.mockResolvedValueOnce({ change: undone, modified, seq: ++core.seq });
    expect(await editor.undo()).toBe(true);
    expect([shown().text, shown().votes]).toEqual(['Theirs', 0]);

    // Their event arrives now, with the card as it was before the undo.
    editor.absorb(theirs, theirsAt);
    expect(shown()).toEqual(core.file!.cards.find((c) => c.id === note.id));
    expect([shown().text, shown().votes]).toEqual(['Theirs', 0]);
  });

  it("the answer of the window's own edit, arriving after a co-editor's later change to the same card, leaves theirs shown", async () => {
    showLive();
    let theirs: { change: Change; seq: number } | null = null;
    core.beforeAnswer = () => {
      // The file took the window's edit, then someone else's; their event beats the answer.
      const held = core.file!.cards.find((c) => c.id === note.id)!;
      const change = { id: 'remote-heard-early', edits: updateCard(held, { text: 'Theirs' }).edits };
      applyTo(core.file!, change);
      theirs = { change, seq: ++core.seq };
      editor.absorb(theirs.change, theirs.seq);
    };
    expect(await editor.commit(updateCard(note, { votes: 2 }), { label: 'Vote' })).toBe(true);
    expect(theirs).not.toBeNull();
    expect(shown()).toEqual(core.file!.cards.find((c) => c.id === note.id));
    expect([shown().text, shown().votes]).toEqual(['Theirs', 2]);
  });
});
