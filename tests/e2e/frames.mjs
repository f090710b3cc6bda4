// What a frame costs in the real window, read from the user-timing entries the app records
// (ui/src/lib/editor/timing.ts). Shared by the performance spec and the perf.sh benchmark.
//
// A scripted drag cannot send moves faster than its driver does, so counting frames measures the
// driver. A frame's work is the script it runs for the events it shows (handlers plus Svelte's
// update) and its own rendering (style, layout, paint); 1000 / work is the rate the app could
// sustain.

/** Takes (and clears) the entries of one kind of interaction: `drag` or `scroll`. */
export function takeEntries(browser, kind) {
  return browser.execute((kind) => {
    const names = ['move', 'script', 'frame', 'render'].map((n) => `waymark:${kind}-${n}`);
    const taken = Object.fromEntries(
      names.map((n) => [n.slice(`waymark:${kind}-`.length), performance.getEntriesByName(n).map((e) => ({ start: e.startTime, duration: e.duration }))]),
    );
    for (const n of names) {
      performance.clearMarks(n);
      performance.clearMeasures(n);
    }
    return taken;
  }, kind);
}

/**
 * A drag as a hand makes it: many small pointer moves, one per 16 ms tick (the driver sends one
 * event per move; it does not interpolate a long move into many). Each leg is [dx, dy, moves];
 * dx and dy should divide by moves, or rounding changes where the drag ends.
 */
export async function handDrag(browser, element, legs) {
  let chain = browser.action('pointer', { parameters: { pointerType: 'mouse' } }).move({ origin: element }).down({ button: 0 });
  for (const [dx, dy, moves] of legs) {
    for (let i = 0; i < moves; i++) chain = chain.move({ origin: 'pointer', x: Math.round(dx / moves), y: Math.round(dy / moves), duration: 16 });
  }
  await chain.up({ button: 0 }).perform();
}

/**
 * Scrolls the map's scroller by (dx, dy) per frame for `frames` frames, from inside the page, and
 * records each frame as the app records a drag's: `waymark:scroll-frame` when the frame's
 * callbacks run, `waymark:scroll-render` until it has been rendered. The app adds its own
 * scroll handlers' script as `waymark:scroll-script` where it has any.
 */
export function scrollFrames(browser, dx, dy, frames) {
  return browser.executeAsync(
    (dx, dy, frames, done) => {
      const scroller = document.querySelector('.scroller');
      let left = frames;
      const step = () => {
        const frame = performance.now();
        performance.mark('waymark:scroll-frame', { startTime: frame });
        scroller.scrollBy(dx, dy);
        const channel = new MessageChannel();
        // A message posted from a frame callback is delivered once that frame has been rendered.
        channel.port1.onmessage = () => {
          channel.port1.close();
          performance.measure('waymark:scroll-render', { start: frame });
          if (--left > 0) requestAnimationFrame(step);
          else done(scroller.scrollLeft + scroller.scrollTop);
        };
        channel.port2.postMessage(null);
      };
      requestAnimationFrame(step);
    },
    dx,
    dy,
    frames,
  );
}

export const quantile = (sorted, q) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
const ms = (n) => `${n.toFixed(1)} ms`;

/**
 * Each frame's work from taken entries: the script measured since the frame before, plus its
 * rendering. Also the rates of frames and of input events, for the report.
 */
export function frameWork(e) {
  const frames = e.frame.map((f) => f.start).sort((a, b) => a - b);
  const work = frames.map((frame, i) => {
    const previous = i === 0 ? -Infinity : frames[i - 1];
    const script = e.script.filter((m) => m.start > previous && m.start <= frame).reduce((sum, m) => sum + m.duration, 0);
    const render = e.render.find((r) => Math.abs(r.start - frame) < 0.01)?.duration ?? 0;
    return { script, render, total: script + render };
  });
  const sorted = (key) => work.map((w) => w[key]).sort((a, b) => a - b);
  const rate = (times) => (times.length < 2 ? 0 : ((times.length - 1) * 1000) / (times[times.length - 1] - times[0]));
  const moves = e.move.map((m) => m.start).sort((a, b) => a - b);
  return {
    moves: moves.length,
    frames: frames.length,
    work,
    p50: quantile(sorted('total'), 0.5),
    p95: quantile(sorted('total'), 0.95),
    describe: (what) =>
      `${what}: ${moves.length} moves, ${frames.length} frames; work per frame p50 ${ms(quantile(sorted('total'), 0.5))}, p95 ${ms(quantile(sorted('total'), 0.95))} ` +
      `(script p50 ${ms(quantile(sorted('script'), 0.5))} p95 ${ms(quantile(sorted('script'), 0.95))}, ` +
      `render p50 ${ms(quantile(sorted('render'), 0.5))} p95 ${ms(quantile(sorted('render'), 0.95))}); ` +
      `observed ${rate(frames).toFixed(1)} frames/s` +
      (moves.length > 0 ? ` while the driver sent ${rate(moves).toFixed(1)} moves/s` : ''),
  };
}
