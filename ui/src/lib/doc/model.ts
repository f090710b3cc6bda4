// The project as the core serialises it (src/model.rs). Field names are the Rust ones.

export type Id = string;

export type LaneKind =
  | 'actions'
  | 'thoughts'
  | 'feelings'
  | 'touchpoints'
  | 'pain-points'
  | 'delights'
  | 'opportunities'
  | 'backstage'
  | 'kpis'
  | 'images'
  | 'notes';

export type ChannelIcon =
  | 'call-centre'
  | 'store'
  | 'website'
  | 'app'
  | 'social'
  | 'email'
  | 'ads'
  | 'post'
  | 'chat'
  | 'vending-machine'
  | 'phone'
  | 'other';

export interface ProjectInfo {
  id: Id;
  name: string;
  locale: string;
  created: string;
}

export interface Channel {
  id: Id;
  name: string;
  icon: ChannelIcon;
  order: string;
}

export interface Persona {
  id: Id;
  name: string;
  role: string;
  quote: string;
  photo: string | null;
  goals: string[];
  frustrations: string[];
  needs: string[];
  rational_mindset: string;
  emotional_mindset: string;
  channels: Id[];
  colour: string;
  order: string;
}

export interface EmotionScale {
  min: number;
  max: number;
  min_label: string;
  max_label: string;
}

export interface Journey {
  id: Id;
  name: string;
  primary_persona: Id | null;
  other_personas: Id[];
  state: 'current' | 'future';
  redesigns: Id | null;
  scale: EmotionScale;
  order: string;
}

export interface Stage {
  id: Id;
  journey: Id;
  name: string;
  colour: string;
  order: string;
}

export interface Step {
  id: Id;
  stage: Id;
  title: string;
  order: string;
}

export interface Lane {
  id: Id;
  journey: Id;
  kind: LaneKind;
  title: string;
  order: string;
}

export interface Card {
  id: Id;
  lane: Id;
  step: Id;
  order: string;
  text: string;
  channel: Id | null;
  expected: number | null;
  experienced: number | null;
  severity: number | null;
  impact: number | null;
  effort: number | null;
  /** Votes counted elsewhere (e.g. on paper); the total adds the dots on the card. */
  votes: number;
  answers: Id[];
  image: string | null;
}

export interface EmotionPoint {
  id: Id;
  persona: Id;
  step: Id;
  value: number;
  label: string | null;
}

export type MomentTarget = { kind: 'step'; id: Id } | { kind: 'card'; id: Id };

export interface MomentOfTruth {
  id: Id;
  target: MomentTarget;
  title: string;
  why: string;
}

/** Someone who votes in a workshop, with `dots` (at least 1) to place on opportunities. */
export interface Participant {
  id: Id;
  name: string;
  colour: string;
  dots: number;
  order: string;
}

/** One dot a participant placed on an opportunity card; several may sit on one card. */
export interface Dot {
  id: Id;
  card: Id;
  participant: Id;
}

export interface Image {
  hash: string;
  mime: 'image/png' | 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
  /** Base64. */
  data: string;
}

export interface Project {
  info: ProjectInfo;
  modified: string;
  channels: Channel[];
  personas: Persona[];
  journeys: Journey[];
  stages: Stage[];
  steps: Step[];
  lanes: Lane[];
  cards: Card[];
  emotion_points: EmotionPoint[];
  moments_of_truth: MomentOfTruth[];
  participants: Participant[];
  dots: Dot[];
  images: Image[];
}

/** What the shell's `open_project` command returns. */
export interface OpenedProject {
  path: string;
  fileName: string;
  readOnly: string | null;
  /** Where the export dialog proposes to write: `<project name>.pdf` beside the file. */
  exportPath: string;
  project: Project;
}
