// A button that appears under the pointer (the tools of a header that the same click selected)
// must not take that click: it runs only for a press that began on it, or for the keyboard.

export function press(node: HTMLElement, run: () => void) {
  let pressed = false;
  const down = () => (pressed = true);
  const click = (event: MouseEvent) => {
    // detail 0: Enter or Space on the focused button.
    if (pressed || event.detail === 0) run();
    pressed = false;
  };
  node.addEventListener('pointerdown', down);
  node.addEventListener('click', click);
  return {
    update(next: () => void) {
      run = next;
    },
    destroy() {
      node.removeEventListener('pointerdown', down);
      node.removeEventListener('click', click);
    },
  };
}
