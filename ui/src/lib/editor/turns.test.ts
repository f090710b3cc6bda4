import { describe, expect, it } from 'vitest';
import { editor } from './editor.svelte';

describe('edits built from the project take turns', () => {
  it('runs each work after the one before it has finished, even when the first fails', async () => {
    const seen: string[] = [];
    let landed = 0;
    const slow = editor.inTurn(async () => {
      await new Promise((r) => setTimeout(r, 20));
      landed += 1;
      seen.push(`first saw ${landed - 1}`);
    });
    const failing = editor.inTurn(async () => {
      seen.push(`second saw ${landed}`);
      throw new Error('refused');
    });
    const third = editor.inTurn(async () => {
      seen.push(`third saw ${landed}`);
      return 'done';
    });
    await slow;
    await expect(failing).rejects.toThrow('refused');
    expect(await third).toBe('done');
    expect(seen).toEqual(['first saw 0', 'second saw 1', 'third saw 1']);
  });
});
