// Order keys for tests. The app asks the core for its real keys (fractional_index); tests only
// need keys that sort as strings between their neighbours, fixture keys like "a0" included.

import type { KeySource } from './order';

function between(after: string | null, before: string | null): string {
  const low = after ?? '';
  const candidate = `${low}V`;
  if (before === null || candidate < before) return candidate;
  // `before` extends `low` with a small character: step just under its last one.
  const last = before.charCodeAt(before.length - 1);
  return `${before.slice(0, -1)}${String.fromCharCode(last - 1)}V`;
}

export const testKeys: KeySource = async (after, before, count) => {
  const keys: string[] = [];
  let low = after;
  for (let i = 0; i < count; i++) keys.push((low = between(low, before)));
  return keys;
};
