// What the widget element tests share: waiting for a widget's state, and finding its parts by test id.

/** Resolves once `check()` holds, polling every few ms; throws after `ms`. */
export async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The element with `data-testid="<id>"` inside `el`. */
export const q = <T extends Element = HTMLElement>(el: Element, id: string) => el.querySelector<T>(`[data-testid="${id}"]`)!;
