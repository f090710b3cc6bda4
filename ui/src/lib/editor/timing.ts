// User-timing entries read by tests/e2e/specs/performance.test.mjs; nothing else reads them.
//
// Launch: waymark:map-mounted once the first map's DOM is built, waymark:map-painted once the
// frame showing it has been rendered.
//
// Drags: a scripted drag cannot send moves faster than its driver does, so counting frames
// measures the driver; these entries measure the app's own work, from which the rate it could
// sustain follows:
//   waymark:drag-move    a handled pointer move (mark)
//   waymark:drag-script  that move's handler and the view update Svelte runs after it (measure)
//   waymark:drag-frame   the next animation frame's callbacks (mark)
//   waymark:drag-render  from those callbacks until the frame's style, layout and paint are done (measure)
//
// Scrolling: waymark:scroll-script, the map's scroll handler and the view update it causes
// (measure); tests/e2e/frames.mjs marks the scroll's frames itself.

/**
 * Runs `during` in the next animation frame's callbacks and `after` once that frame has been
 * rendered (style, layout, paint); both get the time the frame's callbacks began.
 */
function nextFrame(during: (frame: number) => void, after: (frame: number) => void): void {
  requestAnimationFrame(() => {
    const frame = performance.now();
    during(frame);
    // A message posted from a frame callback is delivered once that frame has been rendered.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      after(frame);
    };
    channel.port2.postMessage(null);
  });
}

let mapShown = false;

/** Called from an effect once a map is in the DOM; only the first call marks. */
export function mapMounted(): void {
  if (mapShown) return;
  mapShown = true;
  performance.mark('waymark:map-mounted');
  nextFrame(
    () => {},
    () => performance.mark('waymark:map-painted'),
  );
}

let frameAsked = false;

/** Called by a drag's pointer-move handler; `start` is when the handler began. */
export function dragMoved(start: number = performance.now()): void {
  performance.mark('waymark:drag-move', { startTime: start });
  // Svelte applies the handler's state changes in a microtask queued during the handler; a
  // microtask queued from a microtask runs after it.
  queueMicrotask(() => queueMicrotask(() => performance.measure('waymark:drag-script', { start })));
  if (frameAsked) return;
  frameAsked = true;
  nextFrame(
    (frame) => {
      frameAsked = false;
      performance.mark('waymark:drag-frame', { startTime: frame });
    },
    (frame) => performance.measure('waymark:drag-render', { start: frame }),
  );
}

/** Called by the map's scroll handler; `start` is when the handler began. */
export function scrolled(start: number): void {
  queueMicrotask(() => queueMicrotask(() => performance.measure('waymark:scroll-script', { start })));
}
