// The room's moderation inbox and the Reveal totals, read from the window's copy of the project.
// Submissions are records in the file, so the inbox is whatever the file says is waiting: a card
// that arrived while the inbox was closed is there when it opens, and an undone approval is back.

import type { Card, Project, Submission } from './model';
import { byOrder } from './order';
import { totalVotes } from './voting';

export interface InboxEntry {
  submission: Submission;
  stage: string;
  step: string;
  lane: string;
  /** The participant's name; null in an anonymous room or after "forget who said what". */
  author: string | null;
}

/** What waits for the facilitator on `journey`, in the order it arrived. */
export function waiting(project: Project, journey: string): InboxEntry[] {
  const stages = new Map(project.stages.filter((s) => s.journey === journey).map((s) => [s.id, s]));
  const steps = new Map(project.steps.filter((s) => stages.has(s.stage)).map((s) => [s.id, s]));
  const lanes = new Map(project.lanes.filter((l) => l.journey === journey).map((l) => [l.id, l]));
  const names = new Map(project.participants.map((p) => [p.id, p.name]));
  return project.submissions
    .filter((s) => s.state === 'waiting' && steps.has(s.step) && lanes.has(s.lane))
    .sort(byOrder)
    .map((submission) => {
      const step = steps.get(submission.step)!;
      return {
        submission,
        stage: stages.get(step.stage)!.name,
        step: step.title,
        lane: lanes.get(submission.lane)!.title,
        author: submission.author ? (names.get(submission.author) ?? null) : null,
      };
    });
}

/** Whether the chosen submissions can be merged into one card: two or more, all in one cell. */
export function canMerge(entries: InboxEntry[], chosen: Set<string>): boolean {
  const picked = entries.filter((e) => chosen.has(e.submission.id));
  if (picked.length < 2) return false;
  const [first] = picked;
  return picked.every((e) => e.submission.step === first.submission.step && e.submission.lane === first.submission.lane);
}

export interface Total {
  card: Card;
  step: string;
  votes: number;
}

/** The journey's opportunities with their votes, most first; ties keep the map's order. */
export function totals(project: Project, journey: string): Total[] {
  const stages = project.stages.filter((s) => s.journey === journey).sort(byOrder);
  const steps = stages.flatMap((stage) => project.steps.filter((s) => s.stage === stage.id).sort(byOrder));
  const opportunityLanes = new Set(project.lanes.filter((l) => l.journey === journey && l.kind === 'opportunities').map((l) => l.id));
  const out: Total[] = [];
  for (const step of steps) {
    const cards = project.cards.filter((c) => c.step === step.id && opportunityLanes.has(c.lane)).sort(byOrder);
    for (const card of cards) out.push({ card, step: step.title, votes: totalVotes(project, card) });
  }
  // Array.prototype.sort is stable, so equal totals stay in map order.
  return out.sort((a, b) => b.votes - a.votes);
}
