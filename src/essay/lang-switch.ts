/**
 * The language switch keeps the reader's place: the header's link to the other edition (a plain
 * link without JavaScript, template.ts) gets, when followed, the section being read as `?at=<n>`
 * (the n-th h2/h3 of the text, counted from 0 with the fraction of it scrolled past: heading ids
 * differ between languages, their order does not) and the page's hash, which holds every widget's
 * state under ids shared by both editions. The page opened with `?at=` scrolls there and drops it.
 * Other query parameters (`?backend=`) travel too. Below a wide screen the switch scrolls away with
 * the header, so the place is the last one the page rested at in the text (see watchLanguageSwitch).
 */
const HEADINGS = '.prose h2, .prose h3';

function headings(doc: Document): HTMLElement[] {
  return [...doc.querySelectorAll<HTMLElement>(HEADINGS)];
}

/** A heading at the top of the text sits this far below the viewport's top (as scroll-margin puts it). */
const MARGIN = 16;

/**
 * Where the reader is: the index of the last heading in the top quarter of the viewport, plus the
 * fraction of its section already scrolled past the top (−1: before the first heading).
 */
export function readingPlace(doc: Document = document): number {
  const hs = headings(doc);
  const win = doc.defaultView!;
  const line = win.innerHeight * 0.25;
  let i = -1;
  for (let k = 0; k < hs.length; k++) {
    if (hs[k].getBoundingClientRect().top <= line) i = k;
    else break;
  }
  if (i < 0) return -1;
  const top = hs[i].getBoundingClientRect().top;
  const end = i + 1 < hs.length ? hs[i + 1].getBoundingClientRect().top : doc.documentElement.scrollHeight - win.scrollY;
  const fraction = end > top ? Math.min(0.99, Math.max(0, (MARGIN - top) / (end - top))) : 0;
  return i + Math.floor(fraction * 100) / 100;
}

/** Scroll, at once, to a place read by readingPlace (in this page's own headings). */
export function goToPlace(place: number, doc: Document = document): void {
  const hs = headings(doc);
  const i = Math.floor(place);
  if (!(i >= 0 && i < hs.length)) return;
  const win = doc.defaultView!;
  const top = hs[i].getBoundingClientRect().top + win.scrollY;
  const end = i + 1 < hs.length ? hs[i + 1].getBoundingClientRect().top + win.scrollY : doc.documentElement.scrollHeight;
  win.scrollTo({ top: Math.max(0, top + (place - i) * (end - top) - MARGIN), behavior: 'instant' });
}

function follow(link: HTMLAnchorElement, doc: Document, place: number): void {
  const win = doc.defaultView!;
  const target = new URL(link.getAttribute('href')!, doc.baseURI);
  const params = new URLSearchParams(win.location.search);
  params.delete('at');
  if (place >= 0) params.set('at', String(place));
  target.search = params.toString();
  target.hash = win.location.hash;
  link.href = target.href;
}

/** A place counts as read once the page has rested there this long; it is remembered this long after the reader scrolled up to the header. */
const SETTLE_MS = 400;
const REMEMBER_MS = 60_000;

export function watchLanguageSwitch(doc: Document = document, now: () => number = () => performance.now()): void {
  const win = doc.defaultView!;
  // Below a wide screen the switch scrolls away with the header: a reader who scrolls up (or tabs)
  // to it from section 3 means section 3. So the last place the page rested at in the text is kept,
  // and used when the switch is followed from the top of the page (above the first heading).
  let kept = -1;
  let topSince = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settle = () => {
    const place = readingPlace(doc);
    if (place >= 0) {
      kept = place;
      topSince = -Infinity;
    } else if (topSince === -Infinity) topSince = now();
  };
  win.addEventListener('scroll', () => {
    clearTimeout(timer);
    timer = setTimeout(settle, SETTLE_MS);
  }, { passive: true });
  settle();
  const placeNow = () => {
    const place = readingPlace(doc);
    if (place >= 0) return place;
    return kept >= 0 && (topSince === -Infinity || now() - topSince < REMEMBER_MS) ? kept : -1;
  };
  for (const link of doc.querySelectorAll<HTMLAnchorElement>('a.lang-switch')) {
    // Mouse, keyboard (Enter fires click), middle-click and the context menu ("open in new tab").
    for (const type of ['click', 'auxclick', 'contextmenu']) link.addEventListener(type, () => follow(link, doc, placeNow()));
  }
  const url = new URL(win.location.href);
  const at = url.searchParams.get('at');
  if (at === null) return;
  const target = Number(at);
  url.searchParams.delete('at');
  // Drop ?at= (the hash, the widgets' state, stays as it is).
  win.history.replaceState(win.history.state, '', url.href);
  if (!Number.isFinite(target)) return;
  const go = () => goToPlace(target, doc);
  go();
  // Again once fonts and late layout (widgets reserving their height) have settled.
  void doc.fonts?.ready.then(go);
  win.addEventListener('load', go, { once: true });
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => watchLanguageSwitch(), { once: true });
  else watchLanguageSwitch();
}
