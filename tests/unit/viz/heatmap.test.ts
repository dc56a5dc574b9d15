// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { heatmap } from '../../../src/viz';

function cells(svg: SVGSVGElement): SVGRectElement[] {
  return [...svg.querySelectorAll<SVGRectElement>('.cells rect')];
}

describe('heatmap', () => {
  it('draws one cell per entry, laid out row-major', () => {
    const h = heatmap({ title: 'Confusion', width: 200, height: 200, margin: { top: 0, right: 0, bottom: 0, left: 0 } });
    h.update([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]);
    const rs = cells(h.element);
    expect(rs).toHaveLength(12);
    expect(rs[5].getAttribute('x')).toBe('50');
    expect(Number(rs[5].getAttribute('y'))).toBeCloseTo(200 / 3);
    // viridis: low values dark purple, high values yellow.
    expect(rs[0].getAttribute('fill')).toBe('rgb(68, 1, 84)');
    expect(rs[11].getAttribute('fill')).toBe('rgb(253, 231, 37)');
  });

  it('updates in place: reuses cells, drops extras, no duplicates', () => {
    const h = heatmap({ title: 'Kernel' });
    h.update([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    const first = cells(h.element);
    h.update({ values: Float32Array.from([1, 0, 0, 1]), rows: 2, cols: 2 });
    const second = cells(h.element);
    expect(second).toHaveLength(4);
    expect(second[0]).toBe(first[0]);
    expect(h.element.querySelectorAll('.row-labels text')).toHaveLength(2);
    expect(h.element.querySelectorAll('.color-ramp')).toHaveLength(1);
  });

  it('labels rows and columns and writes values with a readable colour', () => {
    const h = heatmap({
      title: 'Confusion matrix', rowLabels: ['cat', 'dog'], colLabels: ['cat', 'dog'],
      showValues: true, format: (v) => v.toFixed(0),
    });
    h.update([[9, 1], [2, 8]]);
    expect([...h.element.querySelectorAll('.row-labels text')].map((t) => t.textContent)).toEqual(['cat', 'dog']);
    expect([...h.element.querySelectorAll('.col-labels text')].map((t) => t.textContent)).toEqual(['cat', 'dog']);
    const texts = [...h.element.querySelectorAll('.values text')];
    expect(texts.map((t) => t.textContent)).toEqual(['9', '1', '2', '8']);
    // Dark cell (low value, viridis purple) gets white text; bright cell gets black.
    expect(texts[1].getAttribute('fill')).toBe('#ffffff');
    expect(texts[0].getAttribute('fill')).toBe('#000000');
    expect(h.summary()).toBe(
      '2 × 2 matrix, values from 1 to 9, mean 5. Largest: row cat, column cat (9). Smallest: row cat, column dog (1).',
    );
  });

  it('centres a diverging map on zero', () => {
    const h = heatmap({ title: 'Weight change', colorMap: 'diverging' });
    h.update([[-0.5, 0, 2]]);
    const [neg, zero, pos] = cells(h.element).map((r) => r.getAttribute('fill'));
    expect(zero).toBe('rgb(247, 247, 247)');
    expect(pos).toBe('rgb(178, 24, 43)');
    expect(neg).not.toBe('rgb(33, 102, 172)'); // -0.5 is a quarter of the way, not the far end
    const ramp = [...h.element.querySelectorAll('.color-ramp text')].map((t) => t.textContent);
    expect(ramp).toEqual(['\u22122', '2']);
  });

  it('shows non-finite cells in grey and leaves them out of the summary', () => {
    const h = heatmap({ title: 'With gaps' });
    expect(() => h.update([[1, NaN], [Infinity, 3], [2]])).not.toThrow();
    const rs = cells(h.element);
    expect(rs).toHaveLength(6);
    expect(rs[1].getAttribute('fill')).toContain('--border');
    expect(rs[2].getAttribute('fill')).toContain('--border');
    expect(rs[5].getAttribute('fill')).toContain('--border'); // ragged row padded
    expect(h.summary()).toBe(
      '3 × 2 matrix, values from 1 to 3, mean 2. Largest: row 1, column 1 (3). Smallest: row 0, column 0 (1). 3 non-finite cells shown in grey.',
    );
  });

  it('handles an empty matrix', () => {
    const h = heatmap({ title: 'Empty' });
    expect(cells(h.element)).toHaveLength(0);
    h.update([]);
    expect(cells(h.element)).toHaveLength(0);
    expect(h.summary()).toBe('Empty matrix.');
    h.update([[NaN]]);
    expect(h.summary()).toBe('1 × 1 matrix, no finite values.');
  });
});
