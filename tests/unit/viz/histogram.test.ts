// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { histogram } from '../../../src/viz';

function rects(svg: SVGSVGElement): SVGRectElement[] {
  return [...svg.querySelectorAll<SVGRectElement>('.bars rect')];
}

describe('histogram', () => {
  it('draws one bar per bin, heights ordered by count', () => {
    const h = histogram({ title: 'Weights', thresholds: [1, 2, 3], domain: [0, 4] });
    h.update([0.5, 1.5, 1.6, 2.5, 2.6, 2.7, 3.5]);
    expect(h.bins().map((b) => b.count)).toEqual([1, 2, 3, 1]);
    const bars = rects(h.element);
    expect(bars).toHaveLength(4);
    const heights = bars.map((r) => Number(r.getAttribute('height')));
    expect(heights[2]).toBeGreaterThan(heights[1]);
    expect(heights[1]).toBeGreaterThan(heights[0]);
    expect(heights[0]).toBeCloseTo(heights[3]);
    expect(bars.every((r) => Number(r.getAttribute('width')) > 0)).toBe(true);
  });

  it('updates in place, reusing bars and removing extras', () => {
    const h = histogram({ title: 'Gradients', thresholds: 10 });
    const values = Array.from({ length: 200 }, (_, i) => Math.sin(i) * 3);
    h.update(values);
    const first = rects(h.element);
    expect(first.length).toBe(h.bins().length);
    expect(h.bins().reduce((s, b) => s + b.count, 0)).toBe(200);
    h.update(values.map((v) => v / 2));
    const second = rects(h.element);
    expect(second.length).toBe(h.bins().length);
    expect(second[0]).toBe(first[0]);
    h.update([1, 2]);
    expect(rects(h.element).length).toBe(h.bins().length);
    expect(h.element.querySelectorAll('.axis-x')).toHaveLength(1);
  });

  it('summarises the distribution', () => {
    const h = histogram({ title: 'Activations', thresholds: [1, 2, 3], domain: [0, 4], noun: 'activations' });
    h.update([0.5, 1.5, 1.6, 2.5, 2.6, 2.7, 3.5]);
    expect(h.summary()).toBe(
      '7 activations from 0.5 to 3.5; mean 2.13, median 2.5. Tallest bin: 2 to 3, 3 activations.',
    );
    expect(h.element.querySelector('desc')?.textContent).toBe(h.summary());
    expect(h.element.getAttribute('role')).toBe('img');
  });

  it('handles empty input', () => {
    const h = histogram({ title: 'Nothing' });
    expect(rects(h.element)).toHaveLength(0);
    h.update([]);
    expect(rects(h.element)).toHaveLength(0);
    expect(h.summary()).toBe('No values.');
  });

  it('leaves non-finite values and values outside a fixed domain out, and says so', () => {
    const h = histogram({ title: 'Weights', domain: [0, 1], thresholds: 4 });
    expect(() => h.update(Float32Array.from([0.1, NaN, 0.2, Infinity, -Infinity, 5, 0.9]))).not.toThrow();
    expect(h.bins().reduce((s, b) => s + b.count, 0)).toBe(3);
    expect(rects(h.element).every((r) => !/NaN/.test(r.outerHTML))).toBe(true);
    expect(h.summary()).toContain('4 values from 0.1 to 5;');
    expect(h.summary()).toContain('1 outside the plotted range.');
    expect(h.summary()).toContain('3 non-finite left out.');
  });

  it('bins identical values without a zero-width domain', () => {
    const h = histogram({ title: 'Constant' });
    h.update([2, 2, 2]);
    expect(h.bins().reduce((s, b) => s + b.count, 0)).toBe(3);
    expect(rects(h.element).every((r) => Number.isFinite(Number(r.getAttribute('x'))))).toBe(true);
  });
});
