// Vote mode of a workshop: while it is on, a click on an opportunity places a dot for the active
// participant instead of selecting the card, and the map does not enter editing. The dots
// themselves are records in the file (see ../doc/voting.ts); this is only the window's state.

export interface VoteMessage {
  kind: 'info' | 'refused';
  text: string;
}

class VoteMode {
  active = $state(false);
  /** The participant whose dots the clicks place. */
  participant = $state<string | null>(null);
  /** What the last click did or why it did nothing, shown in the vote bar. */
  message = $state<VoteMessage | null>(null);
  private timer: ReturnType<typeof setTimeout> | undefined;

  enter(): void {
    this.active = true;
    this.message = null;
  }

  leave(): void {
    this.active = false;
    this.message = null;
  }

  toggle(): void {
    if (this.active) this.leave();
    else this.enter();
  }

  say(kind: VoteMessage['kind'], text: string): void {
    clearTimeout(this.timer);
    this.message = { kind, text };
    // A refusal stays a little longer: the room should read why nothing happened.
    this.timer = setTimeout(() => (this.message = null), kind === 'refused' ? 6000 : 2500);
  }
}

export const voteMode = new VoteMode();
