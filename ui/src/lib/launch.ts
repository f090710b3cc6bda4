// The project and the preferences are asked for first thing, before the rest of the UI's script
// is evaluated: the shell reads and sends them while WebKit runs the bundle, instead of after.
// main.ts imports this module before any other, so it runs first; the first `call` of each command
// (lib/ipc.ts) takes the answer asked for here.
import { invoke } from '@tauri-apps/api/core';

const asked = new Map<string, Promise<unknown>>();

// Outside the shell (unit tests) there is nothing to ask.
if (typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window) {
  performance.mark('waymark:open-requested');
  for (const command of ['open_project', 'preferences']) {
    const answer = invoke(command);
    // A failure is the first caller's to handle; until then it is not unhandled.
    answer.catch(() => {});
    asked.set(command, answer);
  }
}

/** The answer to `command` asked for at launch, once; undefined after that or if never asked. */
export function takeAsked(command: string): Promise<unknown> | undefined {
  const answer = asked.get(command);
  asked.delete(command);
  return answer;
}
