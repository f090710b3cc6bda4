// Icons as SVG path data on a 24 × 24 grid, drawn as 2px strokes. Drawn for Waymark.

import type { ChannelIcon, LaneKind } from './model';

export const LANE_ICONS: Record<LaneKind, string> = {
  // A footprint-like arrow: doing something.
  actions: 'M5 12h11 M12 6l6 6-6 6',
  // A thought bubble.
  thoughts: 'M7 17a5 5 0 0 1 0-10 6 6 0 0 1 11 2 4 4 0 0 1-1 8z M6 21h1',
  // A heart.
  feelings: 'M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.5A4 4 0 0 1 19 10c0 5.5-7 10-7 10z',
  // A pointer touching a surface.
  touchpoints: 'M9 11V5a2 2 0 0 1 4 0v6 M13 10a2 2 0 0 1 4 0v3 M9 11a2 2 0 0 0-4 1l3 6a4 4 0 0 0 4 2h2a4 4 0 0 0 4-4v-3',
  // A warning triangle.
  'pain-points': 'M12 4l9 16H3z M12 10v4 M12 17v.5',
  // A star.
  delights: 'M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z',
  // A light bulb.
  opportunities: 'M9 18h6 M10 21h4 M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z',
  // Gears behind the scenes: a cog.
  backstage: 'M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z M12 2v3 M12 19v3 M2 12h3 M19 12h3 M4.9 4.9l2.1 2.1 M17 17l2.1 2.1 M4.9 19.1L7 17 M17 7l2.1-2.1',
  // A rising bar chart.
  kpis: 'M4 20h16 M7 16v-4 M12 16V8 M17 16V5',
  // A picture frame with a mountain.
  images: 'M4 5h16v14H4z M4 16l5-5 4 4 3-3 4 4 M15 9.5v.5',
  // A page with lines.
  notes: 'M6 3h9l4 4v14H6z M9 11h7 M9 15h7 M9 7h3',
};

export const CHANNEL_ICONS: Record<ChannelIcon, string> = {
  // A headset.
  'call-centre': 'M4 14v-2a8 8 0 0 1 16 0v2 M4 14h3v5H4z M17 14h3v5h-3z M20 19c0 1.5-2 2-5 2',
  // A shop front with an awning.
  store: 'M4 10v10h16V10 M3 10l2-6h14l2 6z M10 20v-5h4v5',
  // A globe.
  website: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z M3 12h18 M12 3c3 3 3 15 0 18 M12 3c-3 3-3 15 0 18',
  // A phone with an app grid.
  app: 'M7 2h10v20H7z M10 6h1 M13 6h1 M10 9h1 M13 9h1 M11 18h2',
  // Three people in a network.
  social: 'M6 9a2 2 0 1 0 0-4 2 2 0 0 0 0 4z M18 9a2 2 0 1 0 0-4 2 2 0 0 0 0 4z M12 20a2 2 0 1 0 0-4 2 2 0 0 0 0 4z M7.5 8.5l3.5 7 M16.5 8.5l-3.5 7 M8 7h8',
  // An envelope.
  email: 'M3 6h18v12H3z M3 6l9 7 9-7',
  // A megaphone.
  ads: 'M4 10v4h3l8 4V6l-8 4z M18 9a4 4 0 0 1 0 6 M7 14l1 5h2l-1-5',
  // A letter box.
  post: 'M5 10a4 4 0 0 1 8 0v9H5z M13 10h6v9h-6 M9 19v3 M16 6V3h3',
  // Speech bubbles.
  chat: 'M4 5h12v8H9l-4 3v-3H4z M16 9h4v8h-1v3l-4-3h-4v-2',
  // A vending machine with a coin slot.
  'vending-machine': 'M6 2h12v20H6z M8 5h5v10H8z M15.5 6v2 M15.5 11v.5 M9 18h6',
  // A handset.
  phone: 'M5 4h4l2 5-3 2a11 11 0 0 0 5 5l2-3 5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z',
  // A dot in a circle.
  other: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z M12 11v2',
};

/** The marker of a moment of truth: a diamond with an exclamation mark. */
export const MOMENT_ICON = 'M12 2l10 10-10 10L2 12z M12 7v6 M12 16v.5';
