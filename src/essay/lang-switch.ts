/**
 * The language switch keeps the reader's place: the header's link to the other edition (a plain
 * link without JavaScript, template.ts) is followed with the section being read as `?at=<n>` (the
 * n-th h2/h3, with the fraction of it scrolled past: lang-place.ts, loaded on demand) and the page's
 * hash, which holds every widget's state under ids both editions share. The page opened with `?at=`
 * scrolls there and drops it.
 *
 * Below a wide screen the switch scrolls away with the header: a reader who scrolls up (or tabs) to it
 * from section 3 means section 3. So the scroll position the page last rested at in the text (below
 * the first heading) is kept, and used when the switch is followed from above the first heading,
 * within a minute of leaving the text.
 */
export function watchLanguageSwitch(doc: Document = document): void {
  const win = doc.defaultView!;
  const inText = () => (doc.querySelector('.prose h2, .prose h3')?.getBoundingClientRect().top ?? 1 / 0) <= win.innerHeight * 0.25;
  let keptY = -1;
  let leftAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settle = () => {
    if (inText()) {
      keptY = win.scrollY;
      leftAt = 0;
    } else leftAt ||= Date.now();
  };
  win.addEventListener('scroll', () => {
    clearTimeout(timer);
    timer = setTimeout(settle, 400);
  }, { passive: true });
  settle();
  for (const link of doc.querySelectorAll<HTMLAnchorElement>('a.lang-switch')) {
    link.addEventListener('click', (event) => {
      // A plain click (or Enter); a modified one opens the twin as a plain link.
      if (event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      const dy = !inText() && keptY >= 0 && (!leftAt || Date.now() - leftAt < 60_000) ? win.scrollY - keptY : 0;
      void import('./lang-place').then((m) => win.location.assign(m.twinUrl(link.href, m.readingPlace(doc, dy), doc)), () => win.location.assign(link.href));
    });
  }
  if (new URLSearchParams(win.location.search).has('at')) void import('./lang-place').then((m) => m.arrive(doc));
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => watchLanguageSwitch(), { once: true });
  else watchLanguageSwitch();
}
