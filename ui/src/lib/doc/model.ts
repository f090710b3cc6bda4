// The project as the core serialises it. Every type is generated from the Rust records
// (src/model.rs → ./bindings/ipc.ts), so the window's copy cannot drift from the file's.

export type {
  Card,
  Channel,
  ChannelIcon,
  Dot,
  EmotionPoint,
  EmotionScale,
  Image,
  ImageMime,
  Journey,
  JourneyState,
  Lane,
  LaneKind,
  MomentOfTruth,
  MomentTarget,
  OrderKey,
  Participant,
  Persona,
  Project,
  ProjectInfo,
  Rating,
  Stage,
  Step,
  Submission,
  SubmissionState,
} from '../bindings/ipc';

/** A record's UUID, as text. */
export type Id = string;
