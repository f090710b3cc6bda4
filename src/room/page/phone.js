// The workshop room's phone page. Plain script, no library: it joins with the token from the
// link's fragment, keeps its own secret to resume after a reload, queues cards while the
// connection is gone and sends them again when it returns (the room ignores a card it already
// has). Participant text is only ever set as text, never parsed as HTML.
'use strict';

const WORDS = {
  en: {
    join: 'Join the workshop', name: 'Your name (optional)', joinButton: 'Join', joining: 'Joining…',
    capture: 'Add cards', step: 'Step', lane: 'Kind of card', text: 'Your card', add: 'Add card',
    yours: 'Your cards', sent: 'sent', waiting: 'waiting to send', vote: 'Vote',
    left: (n) => n === 1 ? '1 dot left' : n + ' dots left', rate: 'How does each step feel?',
    reveal: 'Results', votes: (n) => n === 1 ? '1 vote' : n + ' votes', rated: (n) => n === 1 ? '1 rating' : n + ' ratings',
    median: 'median', offline: 'offline', online: 'online', kicked: 'The facilitator removed you from the room.',
    closed: 'The room is closed. Thank you!', noOpportunities: 'Nothing to vote on yet.', badLink: 'This link is incomplete. Scan the QR code again.',
    refused: {
      'malformed': 'The room did not understand that.', 'too-large': 'That is too long.', 'rate-limited': 'Too fast — wait a moment.',
      'bad-token': 'This link is not valid any more.', 'bad-secret': 'Please join again.', 'kicked': 'You were removed from the room.',
      'room-full': 'The room is full.', 'not-now': 'Not in this phase.', 'unknown-step': 'That step is gone.', 'unknown-lane': 'That kind of card is closed.',
      'unknown-card': 'That opportunity is gone.', 'empty-text': 'The card is empty.', 'text-too-long': 'At most 500 characters.',
      'too-many-cards': 'You have sent 50 cards, the most one person may.', 'allowance-used': 'All your dots are placed.',
      'card-full': 'No more of your dots fit on this one.', 'no-dot-there': 'You have no dot there.', 'out-of-scale': 'Outside the scale.',
      'not-saved': 'Could not be saved — try again.',
    },
  },
  de: {
    join: 'Am Workshop teilnehmen', name: 'Dein Name (freiwillig)', joinButton: 'Teilnehmen', joining: 'Verbinde…',
    capture: 'Karten hinzufügen', step: 'Schritt', lane: 'Art der Karte', text: 'Deine Karte', add: 'Karte hinzufügen',
    yours: 'Deine Karten', sent: 'gesendet', waiting: 'wartet auf Verbindung', vote: 'Abstimmen',
    left: (n) => n === 1 ? 'noch 1 Punkt' : 'noch ' + n + ' Punkte', rate: 'Wie fühlt sich jeder Schritt an?',
    reveal: 'Ergebnisse', votes: (n) => n === 1 ? '1 Stimme' : n + ' Stimmen', rated: (n) => n === 1 ? '1 Bewertung' : n + ' Bewertungen',
    median: 'Median', offline: 'offline', online: 'online', kicked: 'Die Moderation hat dich aus dem Raum entfernt.',
    closed: 'Der Raum ist geschlossen. Danke!', noOpportunities: 'Noch nichts zum Abstimmen.', badLink: 'Dieser Link ist unvollständig. Scanne den QR-Code noch einmal.',
    refused: {
      'malformed': 'Das hat der Raum nicht verstanden.', 'too-large': 'Das ist zu lang.', 'rate-limited': 'Zu schnell – einen Moment bitte.',
      'bad-token': 'Dieser Link gilt nicht mehr.', 'bad-secret': 'Bitte tritt noch einmal bei.', 'kicked': 'Du wurdest aus dem Raum entfernt.',
      'room-full': 'Der Raum ist voll.', 'not-now': 'Nicht in dieser Phase.', 'unknown-step': 'Diesen Schritt gibt es nicht mehr.', 'unknown-lane': 'Diese Kartenart ist geschlossen.',
      'unknown-card': 'Diese Chance gibt es nicht mehr.', 'empty-text': 'Die Karte ist leer.', 'text-too-long': 'Höchstens 500 Zeichen.',
      'too-many-cards': 'Du hast 50 Karten gesendet, mehr geht nicht.', 'allowance-used': 'Alle deine Punkte sind vergeben.',
      'card-full': 'Hier passen keine weiteren Punkte von dir.', 'no-dot-there': 'Du hast dort keinen Punkt.', 'out-of-scale': 'Außerhalb der Skala.',
      'not-saved': 'Konnte nicht gespeichert werden – bitte noch einmal.',
    },
  },
  pl: {
    join: 'Dołącz do warsztatu', name: 'Twoje imię (opcjonalnie)', joinButton: 'Dołącz', joining: 'Łączenie…',
    capture: 'Dodaj karty', step: 'Krok', lane: 'Rodzaj karty', text: 'Twoja karta', add: 'Dodaj kartę',
    yours: 'Twoje karty', sent: 'wysłana', waiting: 'czeka na połączenie', vote: 'Głosowanie',
    left: (n) => n === 1 ? 'została 1 kropka' : (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 'zostały ' + n + ' kropki' : 'zostało ' + n + ' kropek'),
    rate: 'Jak odczuwasz każdy krok?', reveal: 'Wyniki',
    votes: (n) => n === 1 ? '1 głos' : (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? n + ' głosy' : n + ' głosów'),
    rated: (n) => n === 1 ? '1 ocena' : (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? n + ' oceny' : n + ' ocen'),
    median: 'mediana', offline: 'offline', online: 'online', kicked: 'Prowadzący usunął cię z pokoju.',
    closed: 'Pokój jest zamknięty. Dziękujemy!', noOpportunities: 'Na razie nie ma na co głosować.', badLink: 'Ten link jest niepełny. Zeskanuj kod QR jeszcze raz.',
    refused: {
      'malformed': 'Pokój tego nie zrozumiał.', 'too-large': 'To jest za długie.', 'rate-limited': 'Za szybko — chwileczkę.',
      'bad-token': 'Ten link już nie działa.', 'bad-secret': 'Dołącz jeszcze raz.', 'kicked': 'Zostałeś usunięty z pokoju.',
      'room-full': 'Pokój jest pełny.', 'not-now': 'Nie w tej fazie.', 'unknown-step': 'Tego kroku już nie ma.', 'unknown-lane': 'Ten rodzaj kart jest zamknięty.',
      'unknown-card': 'Tej szansy już nie ma.', 'empty-text': 'Karta jest pusta.', 'text-too-long': 'Najwyżej 500 znaków.',
      'too-many-cards': 'Wysłano 50 kart, więcej nie można.', 'allowance-used': 'Wszystkie twoje kropki są rozdane.',
      'card-full': 'Tu nie zmieści się więcej twoich kropek.', 'no-dot-there': 'Nie masz tu kropki.', 'out-of-scale': 'Poza skalą.',
      'not-saved': 'Nie udało się zapisać — spróbuj ponownie.',
    },
  },
};

const language = (navigator.languages || [navigator.language || 'en'])
  .map((l) => String(l).slice(0, 2).toLowerCase())
  .find((l) => l in WORDS) || 'en';
const W = WORDS[language];
document.documentElement.lang = language;

const token = location.hash.replace(/^#/, '');
const store = (() => {
  try { localStorage.setItem('waymark-probe', '1'); return localStorage; } catch { return null; }
})();
const memory = {};
const saved = (key, fallback) => {
  const text = store ? store.getItem(key) : memory[key];
  if (text == null) return fallback;
  try { return JSON.parse(text); } catch { return fallback; }
};
const keep = (key, value) => {
  const text = JSON.stringify(value);
  if (store) { try { store.setItem(key, text); } catch { memory[key] = text; } } else memory[key] = text;
};
// A new link (a new room) starts afresh.
if (token && saved('token', '') !== token) {
  keep('token', token); keep('secret', null); keep('queue', []); keep('cards', []);
}

const state = {
  secret: saved('secret', null),
  queue: saved('queue', []), // cards written but not yet acknowledged by the room
  cards: saved('cards', []), // cards the room has: {id, text}
  welcome: null, phase: null, board: null, totals: null,
  dots: [], left: 0, ratings: {}, lane: null, step: null, draft: '',
  socket: null, online: false, retry: 1000, over: null,
};

const main = document.getElementById('main');

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else if (value !== false && value != null) node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return node;
}

function show(...nodes) { main.replaceChildren(...nodes); }

let toastTimer = 0;
function toast(text) {
  const box = document.getElementById('toast');
  box.textContent = text;
  box.className = 'show';
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.className = ''; }, 3500);
}

function uuid() {
  // crypto.randomUUID needs a secure context, which a room on the local network is not.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
}

function header() {
  document.getElementById('code').textContent = state.welcome ? state.welcome.code : '';
  document.getElementById('who').textContent = state.welcome ? state.welcome.name : '';
  const net = document.getElementById('net');
  net.textContent = state.online ? W.online : W.offline;
  net.className = state.online ? '' : 'off';
}

function joinForm() {
  if (!token) return show(el('p', { class: 'hint' }, W.badLink));
  const name = el('input', { type: 'text', id: 'name', maxlength: 40, autocomplete: 'nickname' });
  const button = el('button', { type: 'submit' }, W.joinButton);
  const form = el('form', {
    onsubmit: async (event) => {
      event.preventDefault();
      button.disabled = true; button.textContent = W.joining;
      try {
        const response = await fetch('/join', {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token, name: name.value }),
        });
        const answer = await response.json();
        if (!response.ok) throw answer;
        state.secret = answer.secret; keep('secret', state.secret);
        connect();
      } catch (error) {
        toast((error && W.refused[error.code]) || W.refused['bad-token']);
        button.disabled = false; button.textContent = W.joinButton;
      }
    },
  }, el('h1', {}, W.join), el('label', { for: 'name' }, W.name), name, el('div', { class: 'row' }, button));
  show(form);
}

function connect() {
  if (state.over) return;
  const socket = new WebSocket('ws://' + location.host + '/ws');
  state.socket = socket;
  socket.onopen = () => { socket.send(JSON.stringify({ type: 'hello', secret: state.secret })); };
  socket.onmessage = (event) => {
    let message;
    try { message = JSON.parse(event.data); } catch { return; }
    receive(message);
  };
  socket.onclose = () => {
    if (state.socket !== socket) return;
    state.online = false; state.socket = null; header();
    if (state.over || !state.secret) return;
    setTimeout(connect, state.retry);
    state.retry = Math.min(state.retry * 2, 10000);
  };
}

function send(message) {
  if (state.socket && state.online) state.socket.send(JSON.stringify(message));
}

function flushQueue() {
  const have = new Set(state.cards.map((c) => c.id));
  state.queue = state.queue.filter((c) => !have.has(c.id));
  keep('queue', state.queue);
  for (const card of state.queue) send({ type: 'card', id: card.id, lane: card.lane, step: card.step, text: card.text });
}

function receive(message) {
  switch (message.type) {
    case 'welcome': {
      state.online = true; state.retry = 1000; state.welcome = message;
      state.phase = message.phase; state.board = message.board; state.totals = message.totals;
      state.dots = message.mine.dots;
      state.left = message.board.allowance - message.mine.dots.reduce((n, d) => n + d.dots, 0);
      state.ratings = Object.fromEntries(message.mine.ratings.map((r) => [r.step, r.value]));
      const mine = new Set(message.mine.cards);
      const queued = state.queue.filter((c) => mine.has(c.id));
      state.cards = state.cards.concat(queued.filter((c) => !state.cards.some((k) => k.id === c.id)));
      keep('cards', state.cards);
      flushQueue();
      break;
    }
    case 'phase':
      state.phase = message.phase; state.board = message.board; state.totals = message.totals;
      break;
    case 'accepted': {
      const card = state.queue.find((c) => c.id === message.id);
      state.queue = state.queue.filter((c) => c.id !== message.id); keep('queue', state.queue);
      if (card && !state.cards.some((c) => c.id === card.id)) { state.cards.push({ id: card.id, text: card.text }); keep('cards', state.cards); }
      break;
    }
    case 'dots': state.dots = message.placed; state.left = message.left; break;
    case 'rated': state.ratings[message.step] = message.value; break;
    case 'refused':
      toast(W.refused[message.code] || message.message);
      // A card the room will never take leaves the queue; one refused for now stays to be resent.
      if (message.about && !['rate-limited', 'not-saved'].includes(message.code)) {
        state.queue = state.queue.filter((c) => c.id !== message.about); keep('queue', state.queue);
      }
      if (message.code === 'bad-secret') { state.secret = null; keep('secret', null); state.welcome = null; }
      if (message.code === 'kicked') { state.over = W.kicked; keep('secret', null); }
      break;
    case 'kicked': state.over = W.kicked; keep('secret', null); break;
    case 'closed': state.over = W.closed; keep('secret', null); break;
    default: return;
  }
  render();
}

function render() {
  header();
  if (state.over) return show(el('h1', {}, state.over));
  if (!state.secret) return joinForm();
  if (!state.welcome || !state.board) return show(el('p', { class: 'hint' }, W.joining));
  if (state.phase === 'capture') return capture();
  if (state.phase === 'vote') return vote();
  if (state.phase === 'rate') return rate();
  return reveal();
}

function capture() {
  const board = state.board;
  if (!board.lanes.some((l) => l.id === state.lane)) state.lane = board.lanes.length ? board.lanes[0].id : null;
  if (!board.steps.some((s) => s.id === state.step)) state.step = board.steps.length ? board.steps[0].id : null;
  const step = el('select', { id: 'step', onchange: (e) => { state.step = e.target.value; } },
    board.steps.map((s) => el('option', { value: s.id, selected: s.id === state.step }, s.stage + ' › ' + s.title)));
  const lanes = el('div', { class: 'lanes', role: 'group' }, board.lanes.map((l) => el('button', {
    type: 'button', 'aria-pressed': l.id === state.lane ? 'true' : 'false',
    onclick: () => { state.draft = text.value; state.lane = l.id; render(); },
  }, l.title)));
  const text = el('textarea', { id: 'text', maxlength: 500, oninput: (e) => { state.draft = e.target.value; } });
  text.value = state.draft;
  const add = el('button', {
    type: 'button', id: 'add',
    onclick: () => {
      const words = text.value.trim();
      if (!words) return toast(W.refused['empty-text']);
      const card = { id: uuid(), lane: state.lane, step: state.step, text: words };
      state.queue.push(card); keep('queue', state.queue);
      state.draft = '';
      send({ type: 'card', id: card.id, lane: card.lane, step: card.step, text: card.text });
      render();
    },
  }, W.add);
  const list = el('ul', { class: 'cards', id: 'mine' },
    state.cards.map((c) => el('li', {}, el('span', { class: 'text' }, c.text), el('span', { class: 'mark' }, W.sent))),
    state.queue.map((c) => el('li', {}, el('span', { class: 'text' }, c.text), el('span', { class: 'mark' }, W.waiting))));
  show(el('h1', {}, W.capture), el('label', { for: 'step' }, W.step), step, el('label', {}, W.lane), lanes,
    el('label', { for: 'text' }, W.text), text, el('div', { class: 'row' }, add), el('h2', {}, W.yours), list);
}

function vote() {
  const mine = (id) => (state.dots.find((d) => d.card === id) || { dots: 0 }).dots;
  const items = state.board.opportunities.map((o) => el('li', {},
    el('span', { class: 'text' }, o.text),
    el('button', { type: 'button', class: 'quiet', 'aria-label': '−', disabled: mine(o.id) === 0, onclick: () => send({ type: 'undot', card: o.id }) }, '−'),
    el('span', { class: 'count' }, mine(o.id)),
    el('button', { type: 'button', 'aria-label': '+', disabled: state.left === 0, onclick: () => send({ type: 'dot', card: o.id }) }, '+')));
  show(el('h1', {}, W.vote), el('p', { class: 'hint', id: 'left' }, W.left(state.left)),
    items.length ? el('ul', { class: 'cards', id: 'opportunities' }, items) : el('p', { class: 'hint' }, W.noOpportunities));
}

function rate() {
  const scale = state.board.scale;
  const rows = state.board.steps.map((s) => {
    const shown = el('span', { class: 'value' }, s.id in state.ratings ? state.ratings[s.id] : '–');
    const slider = el('input', {
      type: 'range', min: scale.min, max: scale.max, step: 1, value: s.id in state.ratings ? state.ratings[s.id] : 0,
      'aria-label': s.title,
      oninput: (e) => { shown.textContent = e.target.value; },
      onchange: (e) => send({ type: 'rate', step: s.id, value: Number(e.target.value) }),
    });
    return el('div', {}, el('div', { class: 'row' }, el('span', { class: 'grow' }, s.stage + ' › ' + s.title), shown), slider,
      el('div', { class: 'scale' }, el('span', {}, scale.min_label), el('span', {}, scale.max_label)));
  });
  show(el('h1', {}, W.rate), ...rows);
}

function reveal() {
  const totals = state.totals || { votes: [], ratings: [] };
  const votes = new Map(totals.votes.map((v) => [v.card, v.dots]));
  const most = Math.max(1, ...totals.votes.map((v) => v.dots));
  const ranked = state.board.opportunities.slice().sort((a, b) => (votes.get(b.id) || 0) - (votes.get(a.id) || 0));
  const steps = new Map(state.board.steps.map((s) => [s.id, s]));
  show(el('h1', {}, W.reveal),
    el('ul', { class: 'cards', id: 'totals' }, ranked.map((o) => el('li', {},
      el('span', { class: 'text' }, o.text, el('div', { class: 'bar', style: false, 'data-share': (votes.get(o.id) || 0) / most })),
      el('span', { class: 'mark' }, W.votes(votes.get(o.id) || 0))))),
    el('ul', { class: 'cards', id: 'ratings' }, totals.ratings.map((r) => el('li', {},
      el('span', { class: 'text' }, steps.has(r.step) ? steps.get(r.step).title : ''),
      el('span', { class: 'mark' }, W.median + ' ' + r.median + ' (' + r.lowest + '…' + r.highest + '), ' + W.rated(r.count))))));
  // Bar widths are set through the style object, which the policy allows (no inline style text).
  for (const bar of main.querySelectorAll('.bar')) bar.style.width = Math.round(Number(bar.dataset.share) * 100) + '%';
}

window.addEventListener('online', () => { if (!state.socket && state.secret) connect(); });
render();
if (state.secret) connect();
