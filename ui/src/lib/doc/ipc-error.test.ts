import { describe, expect, it } from 'vitest';
import { WaymarkError, toWaymarkError } from './ipc-error';

describe('toWaymarkError', () => {
  it('keeps the shell’s code and message', () => {
    const error = toWaymarkError({ code: 'not-a-project', message: 'x.waymark is not a Waymark project' });
    expect(error).toBeInstanceOf(WaymarkError);
    expect([error.code, error.message]).toEqual(['not-a-project', 'x.waymark is not a Waymark project']);
  });

  it('turns anything else into an internal error with its text', () => {
    expect(toWaymarkError('command open_project not found').code).toBe('internal');
    expect(toWaymarkError('command open_project not found').message).toBe('command open_project not found');
    expect(toWaymarkError(new Error('boom')).message).toBe('boom');
    expect(toWaymarkError(undefined).message).toMatch(/went wrong/);
  });
});
