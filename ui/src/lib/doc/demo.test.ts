// The real demo project, as the core exports it, goes through the same code as in the app: a
// renamed or retyped field in the Rust model shows up here.

import { describe, expect, it } from 'vitest';
import demo from '../../../../assets/demo/demo.json';
import { buildGrid, journeysOf } from './grid';
import type { Project } from './model';
import { placePoints, smoothPath } from './curve';

const project = (demo as unknown as { project: Project }).project;

describe('the demo project', () => {
  it('builds a grid of five phases with cards in every lane kind it uses', () => {
    const [journey] = journeysOf(project);
    const grid = buildGrid(project, journey);
    expect(grid.stages.map((s) => s.stage.name)).toEqual(['Awareness', 'Consideration', 'Purchase', 'Retention', 'Advocacy']);
    expect(grid.columns.every((c) => c.step !== null)).toBe(true);
    const placed = grid.rows.flatMap((r) => r.cells.flat()).length;
    expect(placed).toBe(project.cards.filter((c) => grid.rows.some((r) => r.lane.id === c.lane)).length);
    expect(grid.moments.length).toBe(project.moments_of_truth.length);
  });

  it('draws a curve for each persona it shows', () => {
    const [journey] = journeysOf(project);
    const grid = buildGrid(project, journey);
    expect(grid.personas.length).toBe(2);
    for (const persona of grid.personas) {
      const points = placePoints(grid.emotions.get(persona.id)!, 224, journey.scale, { top: 24, height: 148 });
      expect(points.length).toBeGreaterThan(5);
      expect(smoothPath(points)).toMatch(/^M[\d.]+,[\d.]+ C/);
    }
  });
});
