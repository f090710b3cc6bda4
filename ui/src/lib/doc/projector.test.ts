import { describe, expect, it } from 'vitest';
import type { RoomEvent } from '../bindings/ipc';
import { countsOf, follow, proposedAddress, qrImage } from './projector';

describe('the projector', () => {
  it('shows the QR code as an image source that holds the SVG encoded, never as markup', () => {
    const svg = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>';
    const src = qrImage(svg);
    expect(src.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(src).not.toContain('<');
    expect(decodeURIComponent(src.slice(src.indexOf(',') + 1))).toBe(svg);
  });

  it('proposes a LAN address, and loopback only when there is nothing else', () => {
    const lan = { name: 'wlan0', address: '192.168.1.20', loopback: false };
    const lo = { name: 'lo', address: '127.0.0.1', loopback: true };
    expect(proposedAddress([lo, lan])).toBe('192.168.1.20');
    expect(proposedAddress([lo])).toBe('127.0.0.1');
    expect(proposedAddress([])).toBeNull();
  });

  it('counts who joined, who voted and rated, and follows the phase', () => {
    let counts = countsOf({ phase: 'capture', joined: 1, connected: 1, votes: { voted: 0, started: 0, of: 1 }, waiting: 0 });
    const events: RoomEvent[] = [
      { type: 'joined', participant: 'p2', name: 'Ben', joined: 2 },
      { type: 'presence', joined: 2, connected: 1 },
      { type: 'phase', phase: 'vote' },
      { type: 'vote-progress', progress: { voted: 1, started: 2, of: 2 } },
      { type: 'changed', change: { id: 'c1', edits: [] }, seq: 1 },
      { type: 'ratings', rated: 2, of: 2 },
    ];
    for (const event of events) counts = follow(counts, event);
    expect(counts).toEqual({ phase: 'vote', joined: 2, connected: 1, voted: 1, of: 2, rated: 2 });
  });
});
