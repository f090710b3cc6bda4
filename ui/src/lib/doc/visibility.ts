// The line of visibility of a service blueprint, for any journey: drawn above the first backstage
// lane when a lane the customer sees is above it (backstage is what the customer does not see).
// The core's `template::visibility_line` and the PDF map follow the same rule.
import type { LaneKind } from './model';

/** Index of the lane the line is drawn above, or null. */
export function visibilityLine(kinds: readonly LaneKind[]): number | null {
  const first = kinds.indexOf('backstage');
  return first > 0 ? first : null;
}
