import { afterEach, describe, expect, it, vi } from 'vitest';

const core = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock('@tauri-apps/api/core', () => core);

import { importGrid, newProject } from './ipc';
import { setLanguage } from './i18n/index.svelte';

afterEach(() => setLanguage('en'));

describe('commands that make a project', () => {
  it('pass the UI language, so an imported grid speaks it as a new project does', async () => {
    core.invoke.mockResolvedValue({});
    setLanguage('de');
    await importGrid('/sheets/grid.csv', '/maps/grid.waymark');
    expect(core.invoke).toHaveBeenLastCalledWith('import_grid', { grid: '/sheets/grid.csv', path: '/maps/grid.waymark', locale: 'de' });
    setLanguage('pl');
    await newProject('/maps/a.waymark', 'A', 'blank');
    expect(core.invoke).toHaveBeenLastCalledWith('new_project', { path: '/maps/a.waymark', name: 'A', template: 'blank', locale: 'pl' });
  });

  it('turns a refusal into a WaymarkError with its code', async () => {
    core.invoke.mockRejectedValue({ code: 'csv', message: 'grid.csv: line 1: row 1 must start with "stage"' });
    await expect(importGrid('/sheets/grid.csv', '/maps/grid.waymark')).rejects.toMatchObject({ code: 'csv' });
  });
});
