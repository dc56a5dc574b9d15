/**
 * The language switch keeps the reader's place: the header's link to the other edition (a plain
 * link without JavaScript, template.ts) gets, when followed, the section being read as `?at=<n>`
 * (the n-th h2/h3 of the text, counted from 0 with the fraction of it scrolled past: heading ids
 * differ between languages, their order does not) and the page's hash, which holds every widget's
 * state under ids shared by both editions. The page opened with `?at=` scrolls there and drops it.
 * Other query parameters (`?backend=`) travel too.
 */
const HEADINGS = '.prose h2, .prose h3';

function headings(doc: Document): HTMLElement[] {
  return [...doc.querySelectorAll<HTMLElement>(HEADINGS)];
}

/** Where the reader is: heading index + the fraction of its section above the top of the viewport (−1: before the first). */
export function readingPlace(doc: Document = document): number {
  const hs = headings(doc);
  const win = doc.defaultView!;
  const line = 8;
  let i = -1;
  for (let k = 0; k < hs.length; k++) {
    if (hs[k].getBoundingClientRect().top <= line) i = k;
    else break;
  }
  if (i < 0) return -1;
  const top = hs[i].getBoundingClientRect().top;
  const end = i + 1 < hs.length ? hs[i + 1].getBoundingClientRect().top : doc.documentElement.scrollHeight - win.scrollY;
  const fraction = end > top ? Math.min(0.99, Math.max(0, (line - top) / (end - top))) : 0;
  return i + Math.floor(fraction * 100) / 100;
}

/** Scroll to a place read by readingPlace (in this page's own headings). */
export function goToPlace(place: number, doc: Document = document): void {
  const hs = headings(doc);
  const i = Math.floor(place);
  if (!(i >= 0 && i < hs.length)) return;
  const win = doc.defaultView!;
  const top = hs[i].getBoundingClientRect().top + win.scrollY;
  const end = i + 1 < hs.length ? hs[i + 1].getBoundingClientRect().top + win.scrollY : doc.documentElement.scrollHeight;
  win.scrollTo(0, Math.max(0, top + (place - i) * (end - top) - 8));
}

function follow(link: HTMLAnchorElement, doc: Document): void {
  const win = doc.defaultView!;
  const target = new URL(link.getAttribute('href')!, doc.baseURI);
  const params = new URLSearchParams(win.location.search);
  params.delete('at');
  const place = readingPlace(doc);
  if (place >= 0) params.set('at', String(place));
  target.search = params.toString();
  target.hash = win.location.hash;
  link.href = target.href;
}

export function watchLanguageSwitch(doc: Document = document): void {
  const win = doc.defaultView!;
  for (const link of doc.querySelectorAll<HTMLAnchorElement>('a.lang-switch')) {
    // Mouse, keyboard (Enter fires click) and middle-click / context menu all see the current place.
    for (const type of ['click', 'auxclick', 'contextmenu', 'focus', 'pointerenter']) link.addEventListener(type, () => follow(link, doc));
  }
  const url = new URL(win.location.href);
  const at = url.searchParams.get('at');
  if (at === null) return;
  const place = Number(at);
  url.searchParams.delete('at');
  // Drop ?at= (the hash, the widgets' state, stays as it is).
  win.history.replaceState(win.history.state, '', url.href);
  if (!Number.isFinite(place)) return;
  goToPlace(place, doc);
  // Again once fonts and late layout (widgets reserving their height) have settled.
  void doc.fonts?.ready.then(() => goToPlace(place, doc));
  win.addEventListener('load', () => goToPlace(place, doc), { once: true });
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => watchLanguageSwitch(), { once: true });
  else watchLanguageSwitch();
}
