// Generated from the Rust types by src-tauri/src/bindings.rs; do not edit by hand.
// Regenerate: WAYMARK_BLESS=1 cargo test -p waymark-app bindings

export type OrderKey = string;

export type Project = { info: ProjectInfo, 
/**
 * RFC 3339; set by the store on every change. Not part of any record, so undoing an
 * edit never conflicts with the timestamp it caused.
 */
modified: string, channels: Array<Channel>, personas: Array<Persona>, journeys: Array<Journey>, stages: Array<Stage>, steps: Array<Step>, lanes: Array<Lane>, cards: Array<Card>, emotion_points: Array<EmotionPoint>, moments_of_truth: Array<MomentOfTruth>, 
/**
 * Workshop participants who vote with dots (schema 3; absent from older JSON).
 */
participants: Array<Participant>, dots: Array<Dot>, 
/**
 * Survey results per touchpoint (schema 4; absent from older JSON).
 */
measurements: Array<Measurement>, survey_imports: Array<SurveyImport>, 
/**
 * Cards sent from phones in a workshop room (schema 6; absent from older JSON).
 */
submissions: Array<Submission>, 
/**
 * How workshop participants felt about steps (schema 6; absent from older JSON).
 */
ratings: Array<Rating>, images: Array<Image>, };

export type ProjectInfo = { id: string, name: string, 
/**
 * BCP 47 tag of the content's language, e.g. `de-DE`.
 */
locale: string, 
/**
 * RFC 3339.
 */
created: string, };

export type Channel = { id: string, name: string, 
/**
 * Key of an icon in the shipped icon set (see `ChannelIcon`).
 */
icon: ChannelIcon, order: OrderKey, };

export type ChannelIcon = "call-centre" | "store" | "website" | "app" | "social" | "email" | "ads" | "post" | "chat" | "vending-machine" | "phone" | "other";

export type Persona = { id: string, name: string, role: string, quote: string, photo: string | null, goals: Array<string>, frustrations: Array<string>, needs: Array<string>, rational_mindset: string, emotional_mindset: string, 
/**
 * Channels this persona uses, by id.
 */
channels: Array<string>, colour: string, order: OrderKey, };

export type JourneyState = "current" | "future";

export type EmotionScale = { min: number, max: number, min_label: string, max_label: string, };

export type Journey = { id: string, name: string, primary_persona: string | null, 
/**
 * Further personas whose curves are shown, in display order.
 */
other_personas: Array<string>, state: JourneyState, 
/**
 * For a future-state journey: the current-state journey it redesigns.
 */
redesigns: string | null, scale: EmotionScale, order: OrderKey, };

export type Stage = { id: string, journey: string, name: string, colour: string, order: OrderKey, };

export type Step = { id: string, stage: string, title: string, order: OrderKey, };

export type LaneKind = "actions" | "thoughts" | "feelings" | "touchpoints" | "pain-points" | "delights" | "opportunities" | "backstage" | "kpis" | "images" | "notes";

export type Lane = { id: string, journey: string, kind: LaneKind, title: string, order: OrderKey, };

/**
 * A card in one lane × step cell. The optional fields are those its lane kind uses;
 * `validate` rejects a field that the lane kind does not have.
 */
export type Card = { id: string, lane: string, step: string, order: OrderKey, text: string, 
/**
 * Touchpoints: the channel used.
 */
channel: string | null, 
/**
 * Touchpoints: quality the customer expected and experienced, 1–5.
 */
expected: number | null, experienced: number | null, 
/**
 * Pain points and delights: 1–5.
 */
severity: number | null, 
/**
 * Opportunities: 1–5 each.
 */
impact: number | null, effort: number | null, 
/**
 * Opportunities: votes counted elsewhere (e.g. dots on a paper wall). The card's total is
 * these plus the `Dot` records on it (`Project::votes_on`).
 */
votes: number, 
/**
 * Opportunities: the pain-point cards this one answers.
 */
answers: Array<string>, 
/**
 * Images lane: the storyline picture.
 */
image: string | null, 
/**
 * Touchpoints: the short key survey responses name this touchpoint by (e.g. `TP-07`),
 * unique within its journey. Left out of JSON when unset, so files written before
 * touchpoints were measured keep their bytes and their history's origin.
 */
measure_key?: string | null, };

export type EmotionPoint = { id: string, persona: string, step: string, 
/**
 * On the journey's scale (`EmotionScale::min..=max`).
 */
value: number, label: string | null, };

export type MomentTarget = { "kind": "step", "id": string } | { "kind": "card", "id": string };

export type MomentOfTruth = { id: string, target: MomentTarget, title: string, why: string, };

/**
 * Someone who votes in a workshop, with a number of dots to place on opportunities.
 */
export type Participant = { id: string, name: string, colour: string, 
/**
 * How many dots this participant may place, at least 1.
 */
dots: number, order: OrderKey, };

/**
 * One dot a participant placed on an opportunity card. A participant may stack several dots
 * on one card; each is its own record, so taking one back is one remove.
 */
export type Dot = { id: string, card: string, participant: string, };

/**
 * Survey answers about one touchpoint card in one calendar month. Ratings are whole points on
 * short scales, so a count per point keeps everything the KPIs need (n, sums, sums of squares,
 * the CSAT and NPS shares) in a few numbers, however many answers came in.
 */
export type Measurement = { id: string, card: string, 
/**
 * `YYYY-MM`.
 */
month: string, 
/**
 * Rows counted: each gave at least one rating.
 */
rows: number, 
/**
 * Answers per point: satisfaction 1–5, expectation 1–5, effort 1–7, recommend 0–10.
 */
satisfaction: Array<number>, expectation: Array<number>, effort: Array<number>, recommend: Array<number>, 
/**
 * Answers that also have the respondent's overall satisfaction: 25 counts, five rows of
 * this touchpoint's satisfaction 1–5, each with five columns of overall satisfaction 1–5.
 * The driver importance (a rank correlation) is computed exactly from this table.
 */
with_overall: Array<number>, };

/**
 * One imported file of survey responses. Its measurements are folded into `Measurement`
 * records by the same change that adds it, so undoing the import takes them out again.
 */
export type SurveyImport = { id: string, journey: string, 
/**
 * SHA-256 of the file's bytes, lower-case hex: the same file is refused a second time.
 */
hash: string, file_name: string, 
/**
 * RFC 3339.
 */
imported: string, 
/**
 * Rows whose answers were counted.
 */
rows: number, 
/**
 * Bad rows left out when the import was accepted anyway.
 */
skipped: number, 
/**
 * Rows whose `response` id had been imported before.
 */
duplicates: number, };

/**
 * Where a submission stands in the room's inbox.
 */
export type SubmissionState = "waiting" | "approved" | "hidden";

/**
 * A card a workshop participant sent from their phone. It waits in the room's inbox and reaches
 * the map only when the facilitator approves it, as a card of its own.
 */
export type Submission = { 
/**
 * Made on the phone, so a card sent twice (a lost reply, a reconnect) is one submission.
 */
id: string, lane: string, step: string, text: string, 
/**
 * The participant who sent it; none in an anonymous room or after "forget who said what".
 */
author: string | null, state: SubmissionState, 
/**
 * The card an approved submission became. A card removed later leaves its id here, so the
 * inbox can still say the submission was taken.
 */
card: string | null, 
/**
 * Arrival order in the inbox.
 */
order: OrderKey, };

/**
 * How one workshop participant felt at a step, on the journey's emotion scale. The map shows a
 * step's ratings as a band (median and spread) beside the persona curves.
 */
export type Rating = { id: string, step: string, 
/**
 * Who rated; none in an anonymous room or after "forget who said what".
 */
participant: string | null, 
/**
 * On the journey's scale (`EmotionScale::min..=max`).
 */
value: number, };

export type ImageMime = "image/png" | "image/jpeg" | "image/webp";

export type Image = { hash: string, mime: ImageMime, width: number, height: number, 
/**
 * Base64 in JSON.
 */
data: string, };

/**
 * Any record of a project, tagged by its kind.
 */
export type Record = { "kind": "project", "record": ProjectInfo } | { "kind": "channel", "record": Channel } | { "kind": "persona", "record": Persona } | { "kind": "journey", "record": Journey } | { "kind": "stage", "record": Stage } | { "kind": "step", "record": Step } | { "kind": "lane", "record": Lane } | { "kind": "card", "record": Card } | { "kind": "emotion-point", "record": EmotionPoint } | { "kind": "moment-of-truth", "record": MomentOfTruth } | { "kind": "participant", "record": Participant } | { "kind": "dot", "record": Dot } | { "kind": "survey-import", "record": SurveyImport } | { "kind": "measurement", "record": Measurement } | { "kind": "submission", "record": Submission } | { "kind": "rating", "record": Rating } | { "kind": "image", "record": Image };

/**
 * What identifies a record: its kind and id (images: their hash).
 */
export type RecordKey = { "kind": "project", "id": string } | { "kind": "channel", "id": string } | { "kind": "persona", "id": string } | { "kind": "journey", "id": string } | { "kind": "stage", "id": string } | { "kind": "step", "id": string } | { "kind": "lane", "id": string } | { "kind": "card", "id": string } | { "kind": "emotion-point", "id": string } | { "kind": "moment-of-truth", "id": string } | { "kind": "participant", "id": string } | { "kind": "dot", "id": string } | { "kind": "survey-import", "id": string } | { "kind": "measurement", "id": string } | { "kind": "submission", "id": string } | { "kind": "rating", "id": string } | { "kind": "image", "id": string };

/**
 * A kind of record, as `Record` and `RecordKey` name it in their `kind` tag.
 */
export type RecordKind = "project" | "channel" | "persona" | "journey" | "stage" | "step" | "lane" | "card" | "emotion-point" | "moment-of-truth" | "participant" | "dot" | "survey-import" | "measurement" | "submission" | "rating" | "image";

export type Edit = { "op": "add", record: Record, } | { "op": "update", before: Record, after: Record, } | { "op": "remove", record: Record, };

/**
 * Edits applied together or not at all.
 */
export type Change = { id: string, edits: Array<Edit>, };

/**
 * Where a change came from, as a file's history records it: the editor (a keystroke, an undo,
 * an import, a merge), the workshop room (a phone's card, dot or rating, an approval), or
 * another replica of a live project, received through the sync engine.
 */
export type Origin = "editor" | "room" | "remote";

/**
 * What kind of problem an error is, stable across versions and languages.
 */
export type ErrorCode = "io" | "is-directory" | "output-is-project" | "not-a-file" | "not-a-project" | "corrupt" | "newer-version" | "read-only" | "locked" | "already-exists" | "json" | "json-version" | "invalid" | "database" | "csv" | "usage" | "image" | "changed-on-disk" | "different-projects" | "no-common-history" | "merge-conflicts" | "sync" | "room" | "internal" | "no-file" | "merge-changed" | "bad-language" | "preferences-unwritable" | "reveal";

export type IpcError = { code: ErrorCode, message: string, };

/**
 * What the front end needs to show a project.
 */
export type OpenedView = { path: string, fileName: string, 
/**
 * Why the file cannot be edited, if it cannot.
 */
readOnly: string | null, 
/**
 * Who has the file open, when that is why it is read-only.
 */
inUse: InUseView | null, 
/**
 * The live session the project belongs to, when it went live (shared or joined).
 */
live: LiveSessionView | null, 
/**
 * Where the export dialog proposes to write: `<project name>.pdf` beside the file.
 */
exportPath: string, project: Project, 
/**
 * The last change in `project` (`ProjectFile::last_change`): a change heard of later with a
 * number up to this one is in it already.
 */
seq: number, };

/**
 * Someone else's in-use mark, as the read-only banner names it.
 */
export type InUseView = { user: string, host: string, 
/**
 * RFC 3339: when they opened it.
 */
since: string, 
/**
 * No sign of life for hours: probably a crash on their machine, so taking over is safe.
 */
stale: boolean, };

/**
 * The live session of a project that went live: what the window needs to name it and to join
 * it from another file. Several people are expected on a live project, so a second opener of the
 * same file is offered this session rather than only a copy (docs/sync.md).
 */
export type LiveSessionView = { 
/**
 * The project's link, token included: what File → Join… takes.
 */
link: string, 
/**
 * The server's address without a path or token (`ws://host:7878`), to name it.
 */
server: string, 
/**
 * The project's id on that server.
 */
project: string, };

/**
 * An undo of the window's own change on a live file, as far as it is still the window's own:
 * `change` is what was applied (empty when nothing of it was left to undo).
 */
export type Undone = { change: Change, modified: string, 
/**
 * The change's place in the file (see `Applied`); the file's last change when it is empty.
 */
seq: number, };

/**
 * A change that is in the file: `modified` is the project's new timestamp, `seq` the change's
 * place in the file (`ProjectFile::last_change`). On a live file others' changes reach the
 * window as events that may arrive after this answer though the file took them before; the
 * window orders both by `seq`.
 */
export type Applied = { modified: string, seq: number, };

/**
 * A template a new project can start from, as the New dialog lists it.
 */
export type TemplateInfo = { 
/**
 * The key `new_project` takes, e.g. `cx-phases`, or `user/<file>` for one of the user's.
 */
name: string, title: string, description: string, stageNames: Array<string>, laneTitles: Array<string>, laneKinds: Array<LaneKind>, 
/**
 * Index of the lane the line of visibility is drawn above, if any.
 */
visibilityLine: number | null, 
/**
 * The placeholder persona's name, when the template makes one.
 */
persona: string | null, 
/**
 * One the user saved, listed after the built-in ones.
 */
user: boolean, };

/**
 * One entry of the start screen's and the File menu's list.
 */
export type RecentFile = { path: string, fileName: string, 
/**
 * False when the file was moved or deleted since; the list still shows it, greyed.
 */
exists: boolean, 
/**
 * When the file was last written, in milliseconds since 1970 (the UI formats it per locale);
 * `None` when the file is gone or the system does not say.
 */
modifiedMs: number | null, };

/**
 * What the UI needs to pick its language on start.
 */
export type PreferencesView = { 
/**
 * The language the user chose ("de"), `None` until they choose one.
 */
language: string | null, 
/**
 * The OS locale as a BCP 47 tag ("de-DE"); "en-US" when the OS does not say.
 */
systemLocale: string, };

/**
 * The dialog's choices, as the front end sends them.
 */
export type ExportRequest = { 
/**
 * The journey's name; all journeys when absent.
 */
journey: string | null, paper: Paper, orientation: Orientation, mode: ExportMode, 
/**
 * The poster's scale (1.0 = the map at full size) and the sheets' overlap.
 */
scale: number, overlapMm: number, marginMm: number, personas: boolean, opportunities: boolean, };

/**
 * Over IPC by its lower-case name (`a3`, `letter`), as the CLI takes it.
 */
export type Paper = "a4" | "a3" | "a2" | "a1" | "a0" | "letter" | "tabloid";

export type Orientation = "portrait" | "landscape";

/**
 * One page per journey, or a poster tiled at the request's scale.
 */
export type ExportMode = "fit" | "poster";

export type Thumbnail = { 
/**
 * `data:image/png;base64,…`, allowed by the CSP's `img-src data:`.
 */
src: string, widthPt: number, heightPt: number, };

export type Preview = { pageCount: number, pages: Array<Thumbnail>, bytes: number, 
/**
 * How long the PDF took to lay out and write, and the thumbnails to draw.
 */
renderMs: number, thumbnailMs: number, 
/**
 * Cards with characters no installed font has: the PDF shows boxes there.
 */
missingGlyphs: Array<MissingGlyphs>, };

export type Exported = { path: string, pageCount: number, bytes: number, ms: number, 
/**
 * Cards with characters no installed font has: the PDF shows boxes there.
 */
missingGlyphs: Array<MissingGlyphs>, };

/**
 * A card, or another printed line, with characters that print as empty boxes.
 */
export type MissingGlyphs = { 
/**
 * The card, when the text is a card's.
 */
card: string | null, 
/**
 * The card's text, or the printed line when it is not a card's.
 */
text: string, 
/**
 * The characters no font has, as code points, each once in order of appearance.
 */
codepoints: Array<number>, };

/**
 * One opportunity in the ranking.
 */
export type RankedOpportunity = { 
/**
 * The opportunity card.
 */
card: string, 
/**
 * 1 is fixed first.
 */
rank: number, score: number, 
/**
 * As counted: an unrated impact or effort is 3 here and `unrated` is set.
 */
impact: number, effort: number, 
/**
 * The card's votes counted elsewhere plus the dots on it.
 */
votes: number, 
/**
 * It answers a pain point that is, or sits on a step that is, a moment of truth.
 */
at_moment_of_truth: boolean, unrated: boolean, 
/**
 * The pain-point cards it answers.
 */
answers: Array<string>, };

/**
 * What an import would do, for the user to accept or not.
 */
export type SurveyPreview = { file_name: string, bytes: number, 
/**
 * Rows below the header.
 */
rows: number, matched: number, unmatched: number, ambiguous: number, malformed: number, 
/**
 * Rows skipped because their `response` id was imported before (or earlier in this file).
 */
duplicates: number, 
/**
 * The first problems, in file order (`LISTED_PROBLEMS` at most).
 */
problems: Array<Problem>, touchpoints: Array<MatchedTouchpoint>, };

/**
 * A row that cannot be imported.
 */
export type Problem = { 
/**
 * The row's line in the file (the header is line 1).
 */
row: number, kind: ProblemKind, reason: string, };

export type ProblemKind = "unmatched" | "ambiguous" | "malformed";

/**
 * Rows counted for one touchpoint.
 */
export type MatchedTouchpoint = { card: string, text: string, key: string | null, rows: number, };

/**
 * How far the survey file has been read, in bytes.
 */
export type SurveyProgress = { read: number, total: number, };

/**
 * A journey's measured touchpoints, in map order, and the averages the importance ×
 * performance chart divides its quadrants at.
 */
export type JourneyKpis = { touchpoints: Array<TouchpointKpis>, 
/**
 * Mean satisfaction over the touchpoints that have one: "par".
 */
par_satisfaction: number | null, 
/**
 * Mean importance over the touchpoints that have one.
 */
par_importance: number | null, 
/**
 * The importance × performance chart's axes, the same on screen and on paper.
 */
chart: ChartAxes, };

/**
 * The ends of the chart's axes: importance (ρ) across, satisfaction up. Each spans the data
 * with some room around it, so touchpoints that differ by a tenth do not sit on one spot; the
 * importance axis always shows 0 and never passes 1, satisfaction stays within 1–5.
 */
export type ChartAxes = { importance: [number, number], satisfaction: [number, number], };

/**
 * The figures of one touchpoint over all its answers, and per period.
 */
export type TouchpointKpis = { card: string, touchpoint: string, key: string | null, n: number, expectation: Figure | null, satisfaction: Figure | null, gap: Figure | null, csat: Figure | null, effort: Figure | null, nps: Figure | null, importance: Importance | null, periods: Array<PeriodKpis>, };

/**
 * The figures of one touchpoint in one period.
 */
export type PeriodKpis = { 
/**
 * `YYYY-MM` or `YYYY-Qn`.
 */
period: string, n: number, expectation: Figure | null, satisfaction: Figure | null, gap: Figure | null, csat: Figure | null, effort: Figure | null, nps: Figure | null, };

/**
 * One figure with its 95 % confidence interval (where one can be given) and its answers.
 */
export type Figure = { value: number, low: number | null, high: number | null, n: number, 
/**
 * Fewer than 30 answers: read with care.
 */
few: boolean, };

/**
 * How strongly a touchpoint's satisfaction goes with overall satisfaction.
 */
export type Importance = { 
/**
 * Spearman's ρ, −1 … 1.
 */
value: number, low: number | null, high: number | null, 
/**
 * Answers with both ratings.
 */
n: number, few: boolean, 
/**
 * 1 = the strongest driver of the journey.
 */
rank: number, };

export type Period = "month" | "quarter";

/**
 * What merging `theirs` into the open file does before any choice: what comes over on its
 * own, and what the user has to choose.
 */
export type MergePlanView = { theirs: string, theirsName: string, 
/**
 * Records of theirs that come over without a question.
 */
added: number, changed: number, removed: number, 
/**
 * Those records in words, e.g. `card "Calls the hotline" added`.
 */
automatic: Array<string>, conflicts: Array<ConflictView>, };

/**
 * One conflict, in words.
 */
export type ConflictView = { 
/**
 * Names the conflict in `MergeChoice`.
 */
key: string, kind: MergeConflictKind, 
/**
 * E.g. `card "Finds the shop"`.
 */
record: string, 
/**
 * The whole conflict as one sentence.
 */
description: string, fields: Array<FieldView>, };

export type MergeConflictKind = "changed-on-both" | "reordered-on-both" | "deleted-in-mine" | "deleted-in-theirs";

export type FieldView = { field: string, mine: string, theirs: string, };

export type MergeSide = "mine" | "theirs";

/**
 * Which side a conflict takes.
 */
export type MergeChoice = { key: string, prefer: MergeSide, };

/**
 * The merge as applied to the open file: one change, which the window can undo.
 */
export type MergeResult = { change: Change, 
/**
 * Records kept although one side deleted them, because the merge still uses them.
 */
kept: Array<string>, };

/**
 * What a future-state journey changes against the current-state journey it redesigns.
 */
export type FutureDiff = { journey: string, redesigns: string, matching: Matching, 
/**
 * Future steps left to right, then the removed current steps.
 */
steps: Array<StepDiff>, 
/**
 * Future cards in map order, then the removed current cards.
 */
cards: Array<CardDiff>, };

/**
 * How the future journey's records were paired with the current journey's.
 */
export type Matching = "derived" | "by-name";

export type DiffStatus = "added" | "removed" | "changed" | "moved" | "unchanged";

/**
 * A card field a redesign can change.
 */
export type CardField = "text" | "channel" | "expected" | "experienced" | "severity" | "impact" | "effort" | "image";

export type CardDiff = { status: DiffStatus, 
/**
 * The card in the current journey; absent for an added card.
 */
current: string | null, 
/**
 * The card in the future journey; absent for a removed card.
 */
future: string | null, 
/**
 * What differs, for a card on both sides (a changed card may also have moved).
 */
fields: Array<CardField>, 
/**
 * In another step or lane than its current card's counterpart.
 */
moved: boolean, };

export type StepDiff = { 
/**
 * Added, Removed, Changed (renamed), Moved (to another stage or place) or Unchanged.
 */
status: DiffStatus, current: string | null, future: string | null, 
/**
 * Personas with a point at this step on both sides.
 */
emotions: Array<EmotionDelta>, };

/**
 * One persona's emotion at a step on both sides; `delta` is future − current.
 */
export type EmotionDelta = { persona: string, current: number, future: number, delta: number, };

/**
 * How a room runs; fixed while it is open.
 */
export type RoomOptions = { 
/**
 * The journey participants work on; none: the first journey.
 */
journey: string | null, 
/**
 * The lanes open for cards; empty: `default_lanes`.
 */
lanes: Array<string>, 
/**
 * Nobody's name is asked for or kept with what they write or rate.
 */
anonymous: boolean, 
/**
 * Every card goes on the map as it arrives (the inbox is skipped).
 */
approve_all: boolean, 
/**
 * Dots each participant may place.
 */
allowance: number, 
/**
 * The most dots one participant may place on one opportunity.
 */
cap_per_card: number | null, };

/**
 * The stage of the workshop the facilitator has the room in; phones show what it allows.
 */
export type Phase = "capture" | "vote" | "rate" | "reveal";

/**
 * What happens in the room, for the facilitator's window and the projector.
 */
export type RoomEvent = { "type": "joined", participant: string, name: string, joined: number, } | { "type": "presence", joined: number, connected: number, } | { "type": "kicked", participant: string, } | { "type": "submitted", submission: Submission, } | { "type": "changed", change: Change, seq: number, } | { "type": "vote-progress", progress: VoteProgress, } | { "type": "ratings", rated: number, of: number, } | { "type": "phase", phase: Phase, } | { "type": "closed" };

/**
 * A change the facilitator made through the room, as the file took it: `seq` is its place in
 * the file, as in `RoomEvent::Changed` (which brings the same change too, in either order).
 */
export type RoomChange = { change: Change, seq: number, };

/**
 * The room at a glance, as the projector shows it.
 */
export type RoomStatus = { phase: Phase, 
/**
 * Participants in the room (joined and not removed).
 */
joined: number, 
/**
 * Of those, how many have a phone connected now.
 */
connected: number, votes: VoteProgress, 
/**
 * Submissions waiting in the inbox.
 */
waiting: number, };

/**
 * "14 of 18 have voted": who placed all their dots, who placed some, of everyone in the room.
 */
export type VoteProgress = { voted: number, started: number, of: number, };

/**
 * An address of this machine the room could be opened on, for the facilitator's picker.
 */
export type Interface = { 
/**
 * The system's name of the network interface, e.g. `wlan0`.
 */
name: string, address: string, loopback: boolean, };

export type RatingSpread = { step: string, 
/**
 * How many participants rated the step.
 */
count: number, 
/**
 * The middle value; between two values when the count is even.
 */
median: number, lowest: number, highest: number, };

/**
 * What the projector shows of a room that just opened.
 */
export type RoomView = { 
/**
 * The join link; its fragment holds the join token.
 */
link: string, code: string, 
/**
 * Where the room listens, e.g. `192.168.1.20:49152`.
 */
address: string, 
/**
 * The join link as a QR code: an SVG document, shown as an image (never parsed into the page).
 */
qrSvg: string, options: RoomOptions, };

/**
 * What the connection tells the window.
 */
export type LiveEvent = { "type": "connected" } | { "type": "offline", reason: string, } | { "type": "received", change: Change, seq: number, } | { "type": "waiting", count: number, } | { "type": "presence", people: Array<Presence>, } | { "type": "stopped", reason: string, };

/**
 * One other person with the project open.
 */
export type Presence = { 
/**
 * One open window: the same person may be here twice.
 */
session: string, name: string, 
/**
 * A CSS colour for their outline.
 */
colour: string, 
/**
 * The record they have selected now (a card, or a stage, step or lane header), if any.
 */
editing: string | null, };

/**
 * Each kind of record: the project's list holding it (none for the project's own record, its `info`) and the field that identifies it.
 */
export const RECORD_KINDS = { "project": { list: null, key: "id" }, "channel": { list: "channels", key: "id" }, "persona": { list: "personas", key: "id" }, "journey": { list: "journeys", key: "id" }, "stage": { list: "stages", key: "id" }, "step": { list: "steps", key: "id" }, "lane": { list: "lanes", key: "id" }, "card": { list: "cards", key: "id" }, "emotion-point": { list: "emotion_points", key: "id" }, "moment-of-truth": { list: "moments_of_truth", key: "id" }, "participant": { list: "participants", key: "id" }, "dot": { list: "dots", key: "id" }, "survey-import": { list: "survey_imports", key: "id" }, "measurement": { list: "measurements", key: "id" }, "submission": { list: "submissions", key: "id" }, "rating": { list: "ratings", key: "id" }, "image": { list: "images", key: "hash" } } as const;
