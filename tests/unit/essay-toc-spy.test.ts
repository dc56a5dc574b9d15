// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { currentSection, spyOnContents } from '../../src/essay/toc-spy';

describe('the contents follow the reader', () => {
  it('picks the last heading that has passed the reading line', () => {
    expect(currentSection([100, 900, 2000], 270)).toBe(0);
    expect(currentSection([-500, 200, 2000], 270)).toBe(1);
    expect(currentSection([400, 900], 270)).toBe(-1);
    expect(currentSection([-3000, -2000, -10], 270)).toBe(2);
    expect(currentSection([], 270)).toBe(-1);
  });

  it('marks that entry aria-current="location" and only that one', () => {
    document.body.innerHTML = `
      <nav class="toc"><ol><li><a href="#a">A</a></li><li><a href="#b">B</a><ol><li><a href="#b1">B1</a></li></ol></li></ol></nav>
      <h2 id="a">A</h2><h2 id="b">B</h2><h3 id="b1">B1</h3>`;
    const tops: Record<string, number> = { a: -400, b: 120, b1: 600 };
    for (const id of Object.keys(tops)) {
      const el = document.getElementById(id) as HTMLElement;
      el.getBoundingClientRect = () => ({ top: tops[id] }) as DOMRect;
    }
    const stop = spyOnContents(document);
    const current = () => [...document.querySelectorAll('.toc a[aria-current="location"]')].map((a) => a.textContent);
    expect(current()).toEqual(['B']);
    stop();
  });
});
