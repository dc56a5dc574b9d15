/**
 * Display formulas and tables scroll sideways inside their own box when they are wider than the
 * column (prose.css): on a phone, many do. A box that scrolls must be reachable from the keyboard
 * (WCAG 2.1.1; axe's scrollable-region-focusable), so while one overflows it is made focusable and
 * named; when it fits again it is left as the static page has it, so a wide screen gets no
 * needless tab stops. Re-checked whenever a box changes size and once the fonts have loaded.
 */
import { t } from '../i18n/t';

const SCROLLERS = '.katex-display, .prose table';

/** Marks or unmarks one box; true if it scrolls. */
export function markScroller(el: HTMLElement): boolean {
  const scrolls = el.scrollWidth > el.clientWidth + 1;
  if (scrolls === el.hasAttribute('data-scrolls')) return scrolls;
  const isTable = el.tagName === 'TABLE';
  if (scrolls) {
    el.setAttribute('data-scrolls', '');
    el.tabIndex = 0;
    // A table keeps its role; a formula's box becomes a named group around its MathML.
    if (!isTable) el.setAttribute('role', 'group');
    if (!el.hasAttribute('aria-label')) el.setAttribute('aria-label', isTable ? t('Table, scrolls sideways') : t('Formula, scrolls sideways'));
  } else {
    for (const a of ['data-scrolls', 'tabindex', 'aria-label']) el.removeAttribute(a);
    if (!isTable) el.removeAttribute('role');
  }
  return scrolls;
}

export function watchScrollers(doc: Document = document): void {
  const boxes = [...doc.querySelectorAll<HTMLElement>(SCROLLERS)];
  if (boxes.length === 0) return;
  const all = () => boxes.forEach(markScroller);
  if (typeof ResizeObserver !== 'undefined') {
    const observer = new ResizeObserver((entries) => entries.forEach((e) => markScroller(e.target as HTMLElement)));
    boxes.forEach((b) => observer.observe(b));
  } else all();
  void doc.fonts?.ready.then(all);
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => watchScrollers(), { once: true });
  else watchScrollers();
}
