/**
 * Marks the contents entry of the section being read (`aria-current="location"`), so the margin
 * contents on a wide screen show where the reader is, as Distill's do. Rendering stays static: this
 * only toggles an attribute, on scroll, at most once a frame.
 */

/** Index of the section being read: the last heading whose top has passed `line` px from the viewport top (-1: none yet). */
export function currentSection(headingTops: readonly number[], line: number): number {
  let current = -1;
  for (let i = 0; i < headingTops.length; i++) {
    if (headingTops[i] <= line) current = i;
    else break;
  }
  return current;
}

export function spyOnContents(doc: Document = document): () => void {
  const links = [...doc.querySelectorAll<HTMLAnchorElement>('.toc > ol > li > a[href^="#"]')];
  const headings = links.map((a) => doc.getElementById(decodeURIComponent(a.hash.slice(1))));
  if (links.length === 0 || headings.some((h) => !h)) return () => {};
  const win = doc.defaultView ?? window;
  let pending = false;
  let shown = -2;
  const update = () => {
    pending = false;
    const index = currentSection(
      headings.map((h) => (h as HTMLElement).getBoundingClientRect().top),
      win.innerHeight * 0.3,
    );
    if (index === shown) return;
    shown = index;
    links.forEach((a, i) => (i === index ? a.setAttribute('aria-current', 'location') : a.removeAttribute('aria-current')));
  };
  const onScroll = () => {
    if (pending) return;
    pending = true;
    win.requestAnimationFrame(update);
  };
  win.addEventListener('scroll', onScroll, { passive: true });
  update();
  return () => win.removeEventListener('scroll', onScroll);
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => spyOnContents(), { once: true });
  else spyOnContents();
}
