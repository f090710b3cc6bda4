// The UI declares no type of its own for what crosses IPC: these hold the hand-written parts
// (the dialog's lists, the error class) to the types generated from Rust. A drift is a type
// error in `npm run check`, which includes this file.

import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as generated from './bindings/ipc';
import type { RecordKind } from './doc/change';
import { WaymarkError } from './doc/ipc-error';
import { PAPERS, toRequest } from './export/options';
import type { Toast } from './editor/toasts.svelte';

describe('the UI follows the generated types', () => {
  it('lists every paper the core prints on, once', () => {
    expectTypeOf<(typeof PAPERS)[number]['name']>().toEqualTypeOf<generated.Paper>();
    expect(new Set(PAPERS.map((p) => p.name)).size).toBe(PAPERS.length);
  });

  it('sends the export request the shell takes', () => {
    expectTypeOf(toRequest).returns.toEqualTypeOf<generated.ExportRequest>();
  });

  it('types every error and toast code as the shell’s codes', () => {
    expectTypeOf<WaymarkError['code']>().toEqualTypeOf<generated.ErrorCode>();
    expectTypeOf<NonNullable<Toast['code']>>().toEqualTypeOf<generated.ErrorCode>();
    expect(new WaymarkError('merge-changed', 'x').code).toBe('merge-changed');
  });

  it('knows the record kinds the core has', () => {
    expectTypeOf<RecordKind>().toEqualTypeOf<generated.RecordKey['kind']>();
  });
});
