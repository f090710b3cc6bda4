// A language's strings as one tree, from its locale files: `{ menu: {...}, map: {...} }`.
export type Tree = { [key: string]: string | Tree };

/** Files as import.meta.glob gives them (path → parsed JSON) → one tree keyed by feature. */
export function tree(files: Record<string, unknown>): Tree {
  const out: Tree = {};
  for (const [path, content] of Object.entries(files)) {
    const match = /locales\/[a-z]+\/([\w-]+)\.json$/.exec(path);
    if (match) out[match[1]] = content as Tree;
  }
  return out;
}
