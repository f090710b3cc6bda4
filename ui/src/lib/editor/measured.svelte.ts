// The KPIs of the shown journey's measured touchpoints, read from the core after every change
// that lands (the map's gap row, the sparklines on touchpoint cards and the KPI view read them).
// A project without measurements asks nothing.

import type { Project } from '../doc/model';
import { touchpointKpis, type JourneyKpis, type Period, type TouchpointKpis } from '../ipc';

class Measured {
  kpis = $state.raw<JourneyKpis | null>(null);
  byCard = $derived(new Map<string, TouchpointKpis>((this.kpis?.touchpoints ?? []).map((t) => [t.card, t])));
  private asked = 0;

  /** Reads the KPIs of `journey` again; a slower answer to an earlier question is dropped. */
  refresh(project: Project, journey: string, period: Period = 'month'): void {
    const ticket = ++this.asked;
    if (project.measurements.length === 0) {
      this.kpis = null;
      return;
    }
    touchpointKpis(journey, period).then(
      (kpis) => ticket === this.asked && (this.kpis = kpis),
      () => ticket === this.asked && (this.kpis = null),
    );
  }
}

export const measured = new Measured();
