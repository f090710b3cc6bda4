// Order among siblings. Records sort as the core sorts them: by fractional order key, then id; keys
// compare as plain strings (byte order), never with locale rules. New keys come from the core
// (fractional_index), so placing a record asks a KeySource for keys between its neighbours.

type Ordered = { order: string; id: string };

/** Order keys from the core: `count` increasing keys strictly between two neighbours (null = open). */
export type KeySource = (after: string | null, before: string | null, count: number) => Promise<string[]>;

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function byOrder<T extends Ordered>(a: T, b: T): number {
  return compareKeys(a.order, b.order) || compareKeys(a.id, b.id);
}

/** A sorted copy; the list given is left as it was. */
export const sorted = <T extends Ordered>(items: T[]): T[] => [...items].sort(byOrder);

/** Keys for `count` records placed right after `after` among `siblings` (null: at the start). */
export async function keysAfter<T extends Ordered>(keys: KeySource, siblings: T[], after: T | null, count = 1): Promise<string[]> {
  const list = sorted(siblings);
  const i = after ? list.findIndex((s) => s.id === after.id) : -1;
  const left = i >= 0 ? list[i].order : null;
  const right = list[i + 1]?.order ?? null;
  return keys(left, right, count);
}

/** Keys for `count` records placed at `index` among `siblings` (those being moved left out). */
export async function keysAt<T extends Ordered>(keys: KeySource, siblings: T[], index: number, count = 1): Promise<string[]> {
  const list = sorted(siblings);
  const at = Math.max(0, Math.min(index, list.length));
  return keys(list[at - 1]?.order ?? null, list[at]?.order ?? null, count);
}

/** Keys for `count` records placed after all of `siblings`. */
export async function keysAtEnd<T extends Ordered>(keys: KeySource, siblings: T[], count = 1): Promise<string[]> {
  return keysAt(keys, siblings, siblings.length, count);
}
