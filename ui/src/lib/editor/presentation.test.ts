import { describe, expect, it } from 'vitest';
import demo from '../../../../assets/demo/demo.json';
import { card, sampleProject } from '../doc/fixture.test-util';
import { journeysOf } from '../doc/grid';
import type { Project } from '../doc/model';
import {
  adjust,
  askFullScreen,
  clock,
  deck,
  fitColumns,
  go,
  headingSize,
  phase,
  pointsIn,
  press,
  remaining,
  reset,
  setMinutes,
  shown,
  slidesOf,
  startOrPause,
  timer,
  tone,
  type Deck,
  type Slide,
} from './presentation';

const names = (slides: Slide[]) => slides.map((s) => (s.kind === 'stage' ? s.stage.name : s.kind));

describe('slides', () => {
  it('are the title, each stage in order (a stage without steps too), then the overview', () => {
    const { project } = sampleProject();
    const { slides } = slidesOf(project, project.journeys[0]);
    expect(names(slides)).toEqual(['title', 'Awareness', 'Purchase', 'Empty', 'overview']);
    const title = slides[0];
    expect(title.kind === 'title' && title.persona?.name).toBe('Ana');
    const empty = slides[3];
    expect(empty.kind === 'stage' && empty.steps.map((s) => s.step)).toEqual([null]);
    expect(empty.kind === 'stage' && [empty.number, empty.of]).toEqual([3, 3]);
  });

  it('put moments of truth first, then actions and pain points before other lanes; empty cards are left out', () => {
    const { project, ids } = sampleProject();
    const thoughts = { id: 'thoughts-lane', journey: ids.journey, kind: 'thoughts' as const, title: 'Thoughts', order: 'a0V' };
    const images = { id: 'images-lane', journey: ids.journey, kind: 'images' as const, title: 'Storyline', order: 'Z' };
    project.lanes.push(thoughts, images);
    const thought = card(thoughts.id, ids.see, 'a0', 'I wonder');
    const pain = card(ids.pains, ids.see, 'a0', 'Too slow');
    const later = card(ids.actions, ids.see, 'a1', 'Clicks');
    const first = card(ids.actions, ids.see, 'a0', 'Looks');
    const moment = card(thoughts.id, ids.see, 'a1', 'Now or never');
    project.cards.push(thought, pain, later, first, moment, card(ids.actions, ids.see, 'a2', '  '), card(images.id, ids.see, 'a0', 'A picture'));
    project.moments_of_truth.push({ id: 'm', target: { kind: 'card', id: moment.id }, title: 'Decides', why: '' });
    const { slides } = slidesOf(project, project.journeys[0]);
    const awareness = slides[1];
    if (awareness.kind !== 'stage') throw new Error('a stage slide');
    const see = awareness.steps[0];
    expect(see.step?.title).toBe('See an ad');
    expect(see.items.map((i) => i.card.text)).toEqual(['Now or never', 'Looks', 'Clicks', 'Too slow', 'I wonder']);
    expect(see.items[0].moment).toBe(true);
    expect(see.items[1].lane.kind).toBe('actions');
  });

  it('give a stage its own columns of the curve, per persona with points there', () => {
    const { project } = sampleProject();
    const { grid, slides } = slidesOf(project, project.journeys[0]);
    const purchase = slides[2];
    if (purchase.kind !== 'stage') throw new Error('a stage slide');
    const points = pointsIn(grid, purchase.steps[0].column, purchase.steps.length);
    expect(points.map((p) => p.persona.name)).toEqual(['Ana']);
    expect(points[0].points.map((p) => p?.value)).toEqual([-3]);
  });

  it('show the first items and count the rest', () => {
    expect(shown([1, 2, 3, 4], 2)).toEqual({ items: [1, 2], more: 2 });
    expect(shown([1, 2], 5)).toEqual({ items: [1, 2], more: 0 });
    expect(shown([1, 2], -1)).toEqual({ items: [], more: 2 });
  });

  it('of the demo: seven slides, every stage with its steps and actions first', () => {
    const project = (demo as unknown as { project: Project }).project;
    const { slides } = slidesOf(project, journeysOf(project)[0]);
    expect(names(slides)).toEqual(['title', 'Awareness', 'Consideration', 'Purchase', 'Retention', 'Advocacy', 'overview']);
    for (const slide of slides) {
      if (slide.kind !== 'stage') continue;
      expect(slide.steps.length).toBeGreaterThan(0);
      for (const column of slide.steps) {
        const kinds = column.items.filter((i) => !i.moment).map((i) => i.lane.kind);
        expect(kinds.includes('images')).toBe(false);
        if (kinds.includes('actions')) expect(kinds[0]).toBe('actions');
      }
    }
  });
});

describe('fitting a slide', () => {
  /** Columns of items one line high at `size`, in a column `room` high. */
  const screen = (room: number, calls: number[] = []) => async ({ size, limits }: { size: number; limits: number[] }) => {
    calls.push(size);
    return limits.map((n, i) => n * size + (n < lengths[i] ? size : 0) > room);
  };
  let lengths: number[] = [];

  it('keeps the largest type when everything fits', async () => {
    lengths = [3, 2];
    const calls: number[] = [];
    expect(await fitColumns(lengths, { max: 2.4, min: 1.8, step: 0.2 }, screen(100, calls))).toEqual({ size: 2.4, limits: [3, 2] });
    expect(calls).toEqual([2.4]);
  });

  it('shrinks the type before it leaves items out', async () => {
    lengths = [10, 2];
    expect(await fitColumns(lengths, { max: 2.4, min: 1.8, step: 0.2 }, screen(20))).toEqual({ size: 2, limits: [10, 2] });
  });

  it('at the smallest type, leaves out items of the columns that still overflow, with room for "and N more"', async () => {
    lengths = [20, 4];
    const fit = await fitColumns(lengths, { max: 2.4, min: 1.8, step: 0.2 }, screen(18));
    expect(fit.size).toBe(1.8);
    expect(fit.limits).toEqual([9, 4]);
  });

  it('stops when the slide is no longer shown', async () => {
    lengths = [20];
    const calls: number[] = [];
    await fitColumns(lengths, { max: 2.4, min: 1.8, step: 0.2 }, screen(1, calls), () => calls.length >= 2);
    expect(calls.length).toBe(2);
  });

  it('gives long headings smaller type, never below half', () => {
    expect(headingSize('Purchase', 9, 40)).toBe(9);
    expect(headingSize('x'.repeat(80), 9, 40)).toBe(4.5);
    expect(headingSize('x'.repeat(200), 9, 40)).toBe(4.5);
    expect(headingSize('x'.repeat(60), 9, 40)).toBe(6);
  });
});

describe('full screen', () => {
  it('is asked for once; a refusal is told and the slides stay in the window', async () => {
    const asked: boolean[] = [];
    const reasons: string[] = [];
    const granted = await askFullScreen(() => ({ setFullscreen: async (on) => void asked.push(on) }), (r) => reasons.push(r));
    expect([granted, asked, reasons]).toEqual([true, [true], []]);

    const refused = await askFullScreen(() => ({ setFullscreen: () => Promise.reject('window.set_fullscreen not allowed') }), (r) => reasons.push(r));
    expect([refused, reasons]).toEqual([false, ['window.set_fullscreen not allowed']]);

    const none = await askFullScreen(() => {
      throw new TypeError('no window here');
    }, (r) => reasons.push(r));
    expect(none).toBe(false);
    expect(reasons.at(-1)).toBe('no window here');
  });
});

describe('moving through the slides', () => {
  const keys = (d: Deck, ...pressed: string[]) => pressed.reduce((x, k) => press(x, k).deck, d);

  it('next and previous keys stop at the first and last slide', () => {
    const d = deck(4);
    expect(keys(d, 'ArrowRight').index).toBe(1);
    for (const key of ['ArrowDown', 'PageDown', ' ', 'Enter']) expect(press(d, key).deck.index, key).toBe(1);
    expect(keys(d, 'PageDown', 'PageDown', 'PageDown', 'PageDown', 'PageDown').index).toBe(3);
    expect(keys(d, 'PageUp').index).toBe(0);
    for (const key of ['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']) expect(press(go(d, 2), key).deck.index, key).toBe(1);
    expect(keys(d, 'End').index).toBe(3);
    expect(keys(d, 'End', 'Home').index).toBe(0);
  });

  it('a number and Enter jump to that slide, clamped; digits alone do not move', () => {
    const d = deck(7);
    expect(keys(d, '3').index).toBe(0);
    expect(keys(d, '3', 'Enter').index).toBe(2);
    expect(keys(d, '4', '2', 'Enter').index).toBe(6);
    expect(keys(d, '0', 'Enter').index).toBe(0);
    expect(keys(d, '3', 'Enter', 'Enter').index).toBe(3);
  });

  it('b or . blanks the screen; the next key brings it back without moving', () => {
    const blank = keys(deck(5), 'PageDown', 'b');
    expect(blank.blank).toBe(true);
    const back = press(blank, 'PageDown').deck;
    expect(back).toMatchObject({ blank: false, index: 1 });
    expect(keys(deck(5), '.').blank).toBe(true);
  });

  it('Escape leaves, timer keys are passed on, other keys are not taken', () => {
    expect(press(deck(3), 'Escape').leave).toBe(true);
    expect(press({ ...deck(3), blank: true }, 'Escape').leave).toBe(true);
    expect(press(deck(3), 't').timer).toBe('toggle');
    expect(press(deck(3), 'S').timer).toBe('start-pause');
    expect(press(deck(3), 'r').timer).toBe('reset');
    expect(press(deck(3), '+').timer).toBe('more');
    expect(press(deck(3), '-').timer).toBe('less');
    expect(press(deck(3), 'x').handled).toBe(false);
    expect(press(deck(3), 'F5')).toEqual({ deck: deck(3), handled: true });
  });

  it('a deck of nothing still has one slide', () => {
    expect(keys(deck(0), 'ArrowRight').index).toBe(0);
  });
});

describe('the workshop timer', () => {
  const MIN = 60_000;

  it('counts down from its start, pauses and goes on where it stopped', () => {
    let t = setMinutes(timer(), 3);
    expect(phase(t, 0)).toBe('ready');
    expect(clock(remaining(t, 0))).toBe('3:00');
    t = startOrPause(t, 1000);
    expect(phase(t, 1000)).toBe('running');
    expect(clock(remaining(t, 1000 + 500))).toBe('3:00');
    expect(clock(remaining(t, 1000 + 1000))).toBe('2:59');
    t = startOrPause(t, 1000 + 30_000);
    expect(phase(t, 999_999)).toBe('paused');
    expect(remaining(t, 999_999)).toBe(3 * MIN - 30_000);
    t = startOrPause(t, 2_000_000);
    expect(remaining(t, 2_000_000 + 10_000)).toBe(3 * MIN - 40_000);
  });

  it('turns amber in the last minute and red at 0, where it stays', () => {
    let t = startOrPause(setMinutes(timer(), 2), 0);
    expect(tone(t, 59_000)).toBe('normal');
    expect(tone(t, 60_000)).toBe('warning');
    expect(tone(t, 119_999)).toBe('warning');
    expect(tone(t, 120_000)).toBe('over');
    expect(phase(t, 500_000)).toBe('done');
    expect(clock(remaining(t, 500_000))).toBe('0:00');
    // Pressing S at 0 stops it there; again starts a new round.
    t = startOrPause(t, 500_000);
    expect(phase(t, 900_000)).toBe('done');
    t = startOrPause(t, 900_000);
    expect(phase(t, 900_000)).toBe('running');
    expect(remaining(t, 900_000)).toBe(2 * MIN);
  });

  it('a one-minute timer that was not started is not amber yet', () => {
    expect(tone(setMinutes(timer(), 1), 0)).toBe('normal');
  });

  it('reset goes back to the full length, stopped', () => {
    const t = reset(startOrPause(timer(5), 0));
    expect(phase(t, 100_000)).toBe('ready');
    expect(remaining(t, 100_000)).toBe(5 * MIN);
  });

  it('+ and − change the length by a minute, while running too, within 1–99 minutes', () => {
    let t = startOrPause(setMinutes(timer(), 3), 0);
    t = adjust(t, 1, 30_000);
    expect(remaining(t, 30_000)).toBe(4 * MIN - 30_000);
    t = adjust(adjust(adjust(adjust(t, -1, 30_000), -1, 30_000), -1, 30_000), -1, 30_000);
    expect(t.duration).toBe(MIN);
    expect(setMinutes(timer(), 500).duration).toBe(99 * MIN);
    expect(adjust(setMinutes(timer(), 99), 1, 0).duration).toBe(99 * MIN);
    expect(setMinutes(timer(), 0).duration).toBe(MIN);
  });

  it('one more minute on a finished countdown gives a minute from now', () => {
    const done = startOrPause(setMinutes(timer(), 1), 0);
    const more = adjust(done, 1, 5 * MIN);
    expect(phase(more, 5 * MIN)).toBe('running');
    expect(remaining(more, 5 * MIN)).toBe(MIN);
  });

  it('a clock that goes backwards never adds time', () => {
    const t = startOrPause(timer(1), 10_000);
    expect(remaining(t, 5_000)).toBe(MIN);
  });

  it('shows minutes and seconds', () => {
    expect(clock(10 * MIN)).toBe('10:00');
    expect(clock(61_000)).toBe('1:01');
    expect(clock(1)).toBe('0:01');
    expect(clock(-5)).toBe('0:00');
  });
});
