// A file that is not a Waymark project: the window says so, by name, instead of showing nothing.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openApp } from '../harness.mjs';

test('a file that is not a project shows the core’s message', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'waymark-e2e-'));
  const file = path.join(dir, 'notes.waymark');
  writeFileSync(file, 'shopping list: milk, bread\n');
  const app = await openApp({ file });
  try {
    const alert = await app.browser.$('[role="alert"]');
    await alert.waitForExist({ timeout: 15000 });
    const text = await alert.getText();
    assert.match(text, /notes\.waymark/);
    assert.match(text, /not a Waymark project/);
    assert.match(text, /Error code: not-a-project/);
    await app.screenshot('bad-file');
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
