// Modules of ui/src/lib import each other in one direction only: a circle means two files share an
// idea that belongs in a third (as the order-key helpers of edits.ts and voting.ts once did).

import { describe, expect, it } from 'vitest';

const sources = import.meta.glob(['./**/*.ts', '!./**/*.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** `./doc/edits.ts` importing `'./order'` → `./doc/order.ts` (only relative imports of lib's own modules). */
function resolve(from: string, spec: string): string | undefined {
  const parts = from.split('/').slice(0, -1);
  for (const part of spec.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  const path = parts.join('/');
  return [path, `${path}.ts`].find((p) => p in sources);
}

function importsOf(file: string): string[] {
  const found = [...sources[file].matchAll(/^(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/gm)];
  return found.map((m) => resolve(file, m[1])).filter((p): p is string => p !== undefined);
}

function circles(): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const found: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of importsOf(file)) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of Object.keys(sources)) if (!state.has(file)) visit(file);
  return found;
}

describe('imports in ui/src/lib', () => {
  it('reads the modules it checks', () => {
    expect(importsOf('./doc/edits.ts')).toContain('./doc/order.ts');
  });

  it('form no circle', () => {
    expect(circles()).toEqual([]);
  });
});
