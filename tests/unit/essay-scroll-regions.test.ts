// @vitest-environment jsdom
// Formulas and tables that scroll sideways become focusable and named while they overflow, and go
// back to the static page's markup when they fit (src/essay/scroll-regions.ts). jsdom has no
// layout, so each box's scroll and client widths are set by hand.
import { describe, expect, it } from 'vitest';
import { markScroller, watchScrollers } from '../../src/essay/scroll-regions';

function sized(el: HTMLElement, scrollWidth: number, clientWidth: number): HTMLElement {
  Object.defineProperty(el, 'scrollWidth', { configurable: true, value: scrollWidth });
  Object.defineProperty(el, 'clientWidth', { configurable: true, value: clientWidth });
  return el;
}

describe('boxes that scroll sideways', () => {
  it('a formula wider than its box: focusable, a named group; narrower again: as it was', () => {
    document.body.innerHTML = '<div class="prose"><span class="katex-display"><math></math></span></div>';
    const box = sized(document.querySelector('.katex-display') as HTMLElement, 700, 350);
    expect(markScroller(box)).toBe(true);
    expect(box.tabIndex).toBe(0);
    expect(box.getAttribute('role')).toBe('group');
    expect(box.getAttribute('aria-label')).toBe('Formula, scrolls sideways');
    sized(box, 350, 350);
    expect(markScroller(box)).toBe(false);
    for (const a of ['tabindex', 'role', 'aria-label', 'data-scrolls']) expect(box.hasAttribute(a)).toBe(false);
  });

  it('a table keeps its role and an existing name', () => {
    document.body.innerHTML = '<div class="prose"><table aria-label="Errors by ε"><tr><td>1</td></tr></table><table><tr><td>2</td></tr></table></div>';
    const [named, plain] = [...document.querySelectorAll('table')].map((t) => sized(t, 900, 360));
    markScroller(named);
    markScroller(plain);
    expect(named.hasAttribute('role')).toBe(false);
    expect(named.getAttribute('aria-label')).toBe('Errors by ε');
    expect(plain.getAttribute('aria-label')).toBe('Table, scrolls sideways');
    expect([named.tabIndex, plain.tabIndex]).toEqual([0, 0]);
  });

  it('a box that fits is left alone (no needless tab stop on a wide screen)', () => {
    document.body.innerHTML = '<div class="prose"><table><tr><td>1</td></tr></table></div>';
    const table = sized(document.querySelector('table') as HTMLElement, 400, 400);
    watchScrollers(document); // jsdom: no ResizeObserver, so it checks every box at once
    expect(table.hasAttribute('tabindex')).toBe(false);
  });
});
