/**
 * Where the reader is, in terms both editions share (heading ids differ between languages, their
 * order does not), loaded only when the language switch is followed or a page opens with `?at=`
 * (lang-switch.ts keeps the page's own script small: the page budget).
 */
const HEADINGS = '.prose h2, .prose h3';
/** A heading at the top of the text sits this far below the viewport's top (as scroll-margin puts it). */
const MARGIN = 16;

const headings = (doc: Document) => [...doc.querySelectorAll<HTMLElement>(HEADINGS)];

/**
 * The index of the last h2/h3 in the top quarter of the viewport, plus the fraction of its section
 * already scrolled past the top (−1: before the first heading). `dy`: read as if the page were
 * scrolled `dy` pixels less (a place the reader left to reach the header).
 */
export function readingPlace(doc: Document = document, dy = 0): number {
  const win = doc.defaultView!;
  const tops = headings(doc).map((h) => h.getBoundingClientRect().top + dy);
  let i = -1;
  while (i + 1 < tops.length && tops[i + 1] <= win.innerHeight * 0.25) i++;
  if (i < 0) return -1;
  const end = i + 1 < tops.length ? tops[i + 1] : doc.documentElement.scrollHeight - win.scrollY + dy;
  const fraction = end > tops[i] ? Math.min(0.99, Math.max(0, (MARGIN - tops[i]) / (end - tops[i]))) : 0;
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

/** The twin's URL: its href, this page's query (`?backend=` …) with `at` the place, and this page's hash (the widgets' state). */
export function twinUrl(href: string, place: number, doc: Document = document): string {
  const win = doc.defaultView!;
  const target = new URL(href, doc.baseURI);
  const params = new URLSearchParams(win.location.search);
  params.delete('at');
  if (place >= 0) params.set('at', String(place));
  target.search = params.toString();
  target.hash = win.location.hash;
  return target.href;
}

/** A page opened with `?at=`: drop it from the address (the hash stays) and scroll there, again once late layout settles. */
export function arrive(doc: Document = document): void {
  const win = doc.defaultView!;
  const url = new URL(win.location.href);
  const place = Number(url.searchParams.get('at'));
  url.searchParams.delete('at');
  win.history.replaceState(win.history.state, '', url.href);
  if (!Number.isFinite(place)) return;
  const go = () => goToPlace(place, doc);
  go();
  void doc.fonts?.ready.then(go);
  win.addEventListener('load', go, { once: true });
}
