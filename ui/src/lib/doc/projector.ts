// What the projector view shows of an open room, kept up to date from the room's events.
// Framework-free so the counting can be tested without a window.

import type { Interface, Phase, RoomEvent, RoomStatus } from '../bindings/ipc';

export const PHASES: Phase[] = ['capture', 'vote', 'rate', 'reveal'];

/**
 * The QR code as an image source. The SVG comes from the core, but it is still shown as an
 * image and never parsed into the page: an image cannot run script or take the page's styles.
 */
export function qrImage(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * The address the "Open room" dialog proposes: the first one phones in the room can reach (a
 * LAN address, IPv4 first as the core lists them), else loopback, which reaches this computer only.
 */
export function proposedAddress(list: Interface[]): string | null {
  return (list.find((i) => !i.loopback) ?? list[0])?.address ?? null;
}

/** The room's counts as the projector shows them. */
export interface RoomCounts {
  phase: Phase;
  joined: number;
  connected: number;
  voted: number;
  /** Everyone in the room, for "14 of 18 have voted". */
  of: number;
  rated: number;
}

export function countsOf(status: RoomStatus): RoomCounts {
  return {
    phase: status.phase,
    joined: status.joined,
    connected: status.connected,
    voted: status.votes.voted,
    of: status.votes.of,
    rated: 0,
  };
}

/**
 * The counts after one event. What waits in the inbox is read from the project, not counted here:
 * approvals and their undo change it too.
 */
export function follow(counts: RoomCounts, event: RoomEvent): RoomCounts {
  switch (event.type) {
    case 'joined':
      return { ...counts, joined: event.joined, of: Math.max(counts.of, event.joined) };
    case 'presence':
      return { ...counts, joined: event.joined, connected: event.connected };
    case 'vote-progress':
      return { ...counts, voted: event.progress.voted, of: event.progress.of };
    case 'ratings':
      return { ...counts, rated: event.rated, of: Math.max(counts.of, event.of) };
    case 'phase':
      return { ...counts, phase: event.phase };
    default:
      return counts;
  }
}
