// A small project built in code for the tests: two stages, three steps, two lanes, two personas.

import type { Card, Project } from './model';

let next = 0;
const id = () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;

export function card(lane: string, step: string, order: string, text: string, extra: Partial<Card> = {}): Card {
  return {
    id: id(), lane, step, order, text, channel: null, expected: null, experienced: null, severity: null,
    impact: null, effort: null, votes: 0, answers: [], image: null, ...extra,
  };
}

export function sampleProject() {
  const journey = id();
  const [ana, ben] = [id(), id()];
  const [awareness, purchase, empty] = [id(), id(), id()];
  const [see, compare, buy] = [id(), id(), id()];
  const [actions, pains] = [id(), id()];
  const project: Project = {
    info: { id: id(), name: 'Test', locale: 'en', created: '2026-01-01T00:00:00Z' },
    modified: '2026-01-01T00:00:00Z',
    channels: [],
    personas: [
      { id: ben, name: 'Ben', role: '', quote: '', photo: null, goals: [], frustrations: [], needs: [],
        rational_mindset: '', emotional_mindset: '', channels: [], colour: '#aa0000', order: 'a1' },
      { id: ana, name: 'Ana', role: '', quote: '', photo: null, goals: [], frustrations: [], needs: [],
        rational_mindset: '', emotional_mindset: '', channels: [], colour: '#0000aa', order: 'a0' },
    ],
    journeys: [{ id: journey, name: 'Switching', primary_persona: ana, other_personas: [ben], state: 'current',
      redesigns: null, scale: { min: -5, max: 5, min_label: 'Frustrated', max_label: 'Delighted' }, order: 'a0' }],
    // Deliberately out of order: the grid must sort by order key.
    stages: [
      { id: purchase, journey, name: 'Purchase', colour: '#336699', order: 'a1' },
      { id: awareness, journey, name: 'Awareness', colour: '#ffcc00', order: 'a0' },
      { id: empty, journey, name: 'Empty', colour: '#cccccc', order: 'a2' },
    ],
    steps: [
      { id: buy, stage: purchase, title: 'Buy', order: 'a0' },
      { id: compare, stage: awareness, title: 'Compare', order: 'a1' },
      { id: see, stage: awareness, title: 'See an ad', order: 'a0' },
    ],
    lanes: [
      { id: pains, journey, kind: 'pain-points', title: 'Pain points', order: 'a1' },
      { id: actions, journey, kind: 'actions', title: 'Actions', order: 'a0' },
    ],
    cards: [],
    emotion_points: [
      { id: id(), persona: ana, step: buy, value: -3, label: 'Hidden fees' },
      { id: id(), persona: ana, step: see, value: 2, label: null },
      { id: id(), persona: ben, step: compare, value: 4, label: null },
    ],
    moments_of_truth: [],
    participants: [],
    dots: [],
    measurements: [],
    survey_imports: [],
    submissions: [],
    ratings: [],
    images: [],
  };
  const ids = { journey, ana, ben, awareness, purchase, empty, see, compare, buy, actions, pains };
  return { project, ids };
}
