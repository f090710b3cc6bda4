// Records sort as the core sorts them: by fractional order key, then id. Keys compare as plain
// strings (byte order), never with locale rules.

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function byOrder<T extends { order: string; id: string }>(a: T, b: T): number {
  return compareKeys(a.order, b.order) || compareKeys(a.id, b.id);
}
