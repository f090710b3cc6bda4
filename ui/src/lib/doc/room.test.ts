import { describe, expect, it } from 'vitest';
import { applyTo, inverse } from './change';
import { deleteJourney, deleteLane, deleteStep } from './edits';
import { sampleProject } from './fixture.test-util';
import type { Participant, Rating, Submission } from './model';
import { removeParticipant } from './voting';

/** The sample project with a participant who sent a card and rated a step in a workshop room. */
function withRoom() {
  const { project, ids } = sampleProject();
  const ana: Participant = { id: '20000000-0000-4000-8000-000000000001', name: 'Ana', colour: '#1971c2', dots: 3, order: 'a0' };
  const submission: Submission = {
    id: '20000000-0000-4000-8000-000000000002', lane: ids.pains, step: ids.see, text: 'Hidden fees',
    author: ana.id, state: 'waiting', card: null, order: 'a0',
  };
  const rating: Rating = { id: '20000000-0000-4000-8000-000000000003', step: ids.see, participant: ana.id, value: -2 };
  project.participants.push(ana);
  project.submissions.push(submission);
  project.ratings.push(rating);
  return { project, ids, ana, submission, rating };
}

describe('room records in cascades', () => {
  it('a deleted step takes its submissions and ratings along, and undo brings them back', () => {
    const { project, ids } = withRoom();
    const step = project.steps.find((s) => s.id === ids.see)!;
    const c = deleteStep(project, step);
    applyTo(project, c);
    expect(project.submissions).toEqual([]);
    expect(project.ratings).toEqual([]);
    applyTo(project, inverse(c));
    expect(project.submissions.map((s) => s.text)).toEqual(['Hidden fees']);
    expect(project.ratings.map((r) => r.value)).toEqual([-2]);
  });

  it('a deleted lane takes its submissions, a deleted journey everything of the room on it once', () => {
    const { project, ids } = withRoom();
    const lane = project.lanes.find((l) => l.id === ids.pains)!;
    const c = deleteLane(project, lane);
    expect(c.edits.filter((e) => e.op === 'remove' && e.record.kind === 'submission')).toHaveLength(1);
    const journey = deleteJourney(project, project.journeys[0]);
    const removed = journey.edits.filter((e) => e.op === 'remove' && (e.record.kind === 'submission' || e.record.kind === 'rating'));
    expect(removed).toHaveLength(2);
  });

  it('a removed participant no longer names what they sent or rated, which stays', () => {
    const { project, ana } = withRoom();
    applyTo(project, removeParticipant(project, ana));
    expect(project.participants).toEqual([]);
    expect(project.submissions[0].author).toBeNull();
    expect(project.ratings[0].participant).toBeNull();
  });
});
