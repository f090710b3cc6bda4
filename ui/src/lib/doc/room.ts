// The workshop room's records in the window's copy: the inbox's submissions and the steps'
// ratings. Deleting a step, lane or participant takes them along in the same change, because the
// core refuses a change that leaves one pointing at nothing (and undo must bring them back too).

import { patch, rec, remove, type Edit } from './change';
import type { Project } from './model';

/** Removes the submissions and ratings on steps being deleted. */
export function roomRecordsOnSteps(p: Project, steps: Set<string>): Edit[] {
  return [
    ...p.submissions.filter((s) => steps.has(s.step)).map((s) => remove(rec.submission(s))),
    ...p.ratings.filter((r) => steps.has(r.step)).map((r) => remove(rec.rating(r))),
  ];
}

/** Removes the submissions in lanes being deleted. */
export function submissionsInLanes(p: Project, lanes: Set<string>): Edit[] {
  return p.submissions.filter((s) => lanes.has(s.lane)).map((s) => remove(rec.submission(s)));
}

/** Keeps what a participant wrote and rated, no longer naming them, when they are removed. */
export function unlinkParticipant(p: Project, participant: string): Edit[] {
  return [
    ...p.submissions.filter((s) => s.author === participant).map((s) => patch(rec.submission, s, { author: null })),
    ...p.ratings.filter((r) => r.participant === participant).map((r) => patch(rec.rating, r, { participant: null })),
  ];
}
