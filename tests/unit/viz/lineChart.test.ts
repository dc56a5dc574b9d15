// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { formatPercent, lineChart, okabeIto } from '../../../src/viz';

function paths(svg: SVGSVGElement): SVGPathElement[] {
  return [...svg.querySelectorAll<SVGPathElement>('path.series')];
}

/** Number of separate drawn runs in a path (one per "M"). */
function runs(d: string | null): number {
  return (d ?? '').split('M').length - 1;
}

function yTicks(svg: SVGSVGElement): number[] {
  return [...svg.querySelectorAll('.axis-y .tick text')].map((t) => Number((t.textContent ?? '').replace('\u2212', '-')));
}

function xTicks(svg: SVGSVGElement): number[] {
  return [...svg.querySelectorAll('.axis-x .tick text')].map((t) => Number((t.textContent ?? '').replace(/,/g, '')));
}

describe('lineChart', () => {
  it('lays large text out with room for it (projector mode): font size on the SVG and its ticks, margins and legend scaled', () => {
    const small = lineChart({ title: 'A', width: 900, height: 500, xLabel: 'steps', series: { a: { label: 'train' } } });
    const large = lineChart({ title: 'A', width: 900, height: 500, xLabel: 'steps', fontSize: 22, series: { a: { label: 'train' } } });
    for (const c of [small, large]) {
      c.setSeries('a', [0, 100], [0, 1]);
      c.render();
    }
    expect(small.element.getAttribute('font-size')).toBe('11');
    expect(large.element.getAttribute('font-size')).toBe('22');
    expect(large.element.querySelector('.axis-y')!.getAttribute('font-size')).toBe('22');
    // The plot area moves in by twice the default margins; fewer ticks crowd it.
    expect(large.element.querySelector('g.plot')!.getAttribute('transform')).toBe('translate(120,56)');
    expect(xTicks(large.element).length).toBeLessThan(xTicks(small.element).length);
    const swatch = (svg: SVGSVGElement) => Number(svg.querySelector('.legend-item line')!.getAttribute('x2'));
    expect(swatch(large.element)).toBe(2 * swatch(small.element));
  });

  it('draws one path and one legend entry per series, told apart by colour and dash', () => {
    const chart = lineChart({ title: 'Accuracy', series: { train: { label: 'Train' }, test: { label: 'Test' } } });
    chart.setSeries('train', [0, 1, 2], [0.1, 0.5, 0.9]);
    chart.setSeries('test', [[0, 0.1], [1, 0.4], [2, 0.6]]);
    chart.render();
    const [train, test] = paths(chart.element);
    expect(paths(chart.element)).toHaveLength(2);
    expect(train.getAttribute('stroke')).toBe(`var(--c0, ${okabeIto[0]})`);
    expect(test.getAttribute('stroke')).toBe(`var(--c1, ${okabeIto[1]})`);
    expect(train.getAttribute('stroke-dasharray')).toBeNull();
    expect(test.getAttribute('stroke-dasharray')).toBe('6 3');
    const labels = [...chart.element.querySelectorAll('.legend-item text')].map((t) => t.textContent);
    expect(labels).toEqual(['Train', 'Test']);
    expect(chart.element.querySelectorAll('.legend-item line')[1].getAttribute('stroke-dasharray')).toBe('6 3');
    // Both input forms give the same geometry shape: three points, one run.
    expect(runs(train.getAttribute('d'))).toBe(1);
    expect((train.getAttribute('d') ?? '').split('L')).toHaveLength(3);
  });

  it('appends only mutate data until render(), and rerendering creates no duplicates', () => {
    const chart = lineChart({ title: 'Loss' });
    chart.append('loss', 0, 2);
    chart.append('loss', 1, 1.5);
    expect(paths(chart.element)).toHaveLength(0);
    chart.render();
    const path = paths(chart.element)[0];
    const before = path.getAttribute('d');
    chart.append('loss', 2, 1);
    expect(path.getAttribute('d')).toBe(before);
    for (let i = 0; i < 5; i++) chart.render();
    expect(paths(chart.element)).toEqual([path]);
    expect(path.getAttribute('d')).not.toBe(before);
    expect(chart.element.querySelectorAll('.legend-item')).toHaveLength(1);
    expect(chart.element.querySelectorAll('.axis-x')).toHaveLength(1);
  });

  it('writes the plain-English summary into the accessible description', () => {
    const chart = lineChart({
      title: 'Accuracy during training',
      yFormat: formatPercent,
      series: { train: { label: 'Train accuracy', best: 'max' }, test: { label: 'Test accuracy' } },
    });
    expect(chart.summary()).toBe('No data yet.');
    for (let step = 0; step <= 400; step += 100) {
      chart.append('train', step, 0.5 + step * 0.0012);
      chart.append('test', step, step === 200 ? 0.75 : 0.6 + step * 0.000283);
    }
    chart.render();
    const text = 'Train accuracy: 98.0% at step 400 (max 98.0%). Test accuracy: 71.3% at step 400.';
    expect(chart.summary()).toBe(text);
    const svg = chart.element;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Accuracy during training');
    expect(svg.querySelector('title')?.textContent).toBe('Accuracy during training');
    expect(svg.querySelector('desc')?.textContent).toBe(text);
  });

  it('renders an empty chart without errors', () => {
    const chart = lineChart({ title: 'Empty', series: { a: {} } });
    expect(() => chart.render()).not.toThrow();
    expect(paths(chart.element)[0].getAttribute('d')).toBe('');
    expect(chart.summary()).toBe('No data yet.');
    expect(yTicks(chart.element).every(Number.isFinite)).toBe(true);
  });

  it('draws non-finite points as gaps and keeps them out of domains and summaries', () => {
    const chart = lineChart({ title: 'Loss', series: { loss: { label: 'Loss', best: 'min' } } });
    chart.setSeries('loss', [0, 1, 2, 3, 4, 5], [1, 0.8, NaN, 0.6, Infinity, 0.5]);
    chart.append('loss', NaN, 0.1);
    expect(() => chart.render()).not.toThrow();
    const d = paths(chart.element)[0].getAttribute('d') ?? '';
    expect(d).not.toMatch(/NaN|Infinity/);
    expect(runs(d)).toBe(3);
    const ticks = yTicks(chart.element);
    expect(Math.max(...ticks)).toBeLessThanOrEqual(1);
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(0.5);
    expect(chart.summary()).toBe('Loss: 0.5 at step 5 (min 0.5; 3 points not plotted).');
  });

  it('keeps a fixed y domain and grows the x domain with the data', () => {
    const chart = lineChart({ title: 'Accuracy', yDomain: [0, 1], xDomain: [0, 100] });
    chart.append('acc', 0, 0.5);
    chart.render();
    expect(Math.max(...xTicks(chart.element))).toBe(100);
    chart.append('acc', 1000, 0.9);
    chart.render();
    expect(Math.max(...xTicks(chart.element))).toBe(1000);
    const ticks = yTicks(chart.element);
    expect(Math.min(...ticks)).toBe(0);
    expect(Math.max(...ticks)).toBe(1);
  });

  it('draws bands under lines, sharing the series colour, and summarises them', () => {
    const chart = lineChart({ title: 'Accuracy over seeds', yFormat: formatPercent, xName: 'epoch' });
    chart.setSeries('fa', [1, 2], [0.6, 0.7]);
    chart.setBand('fa', [1, 2], [0.55, 0.66], [0.65, 0.74]);
    chart.setBand('spread', [1, 2], [0.1, 0.2], [0.3, 0.4]);
    chart.render();
    const bands = chart.element.querySelectorAll('path.band');
    expect(bands).toHaveLength(2);
    expect(bands[0].getAttribute('fill')).toBe(paths(chart.element)[0].getAttribute('stroke'));
    // The band layer precedes the line layer, so lines draw on top.
    const marks = chart.element.querySelector('.marks');
    expect([...(marks?.children ?? [])].map((c) => c.getAttribute('class'))).toEqual(['bands', 'lines']);
    // A band-only key gets a filled swatch, a series a line swatch.
    expect(chart.element.querySelectorAll('.legend-item line')).toHaveLength(1);
    expect(chart.element.querySelectorAll('.legend-item rect')).toHaveLength(1);
    expect(chart.summary()).toBe('fa: 70.0% at epoch 2, band 66.0% to 74.0%. spread: 20.0% to 40.0% at epoch 2.');
  });

  it('update() replaces all data and keeps colour slots for keys it leaves out', () => {
    const chart = lineChart({ title: 'Runs' });
    chart.update({ series: { bp: { x: [0, 1], y: [1, 2] }, fa: { x: [0, 1], y: [2, 3] } } });
    const [bp, fa] = paths(chart.element);
    chart.update({ series: { fa: { x: Float32Array.from([0, 1, 2]), y: Float32Array.from([1, 1, 1]) } } });
    expect(paths(chart.element)).toEqual([bp, fa]);
    expect(bp.getAttribute('d')).toBe('');
    expect(fa.getAttribute('stroke')).toContain('--c1');
    expect(chart.summary()).toBe('fa: 1 at step 2.');
    chart.clear();
    chart.render();
    expect(chart.summary()).toBe('No data yet.');
  });

  it('skips non-positive values on a log scale', () => {
    const chart = lineChart({ title: 'Loss', yScale: 'log' });
    chart.setSeries('loss', [0, 1, 2, 3], [1, 0, 0.01, -1]);
    chart.render();
    const d = paths(chart.element)[0].getAttribute('d') ?? '';
    expect(runs(d)).toBe(2);
    expect(d).not.toMatch(/NaN|Infinity/);
    expect(chart.summary()).toBe('loss: 0.01 at step 2 (2 points not plotted).');
  });

  it('creates its elements in an injected document', () => {
    const doc = new JSDOM('').window.document;
    const chart = lineChart({ title: 'Detached', document: doc, width: 200, height: 100 });
    chart.append('a', 0, 1);
    chart.render();
    expect(chart.element.ownerDocument).toBe(doc);
    expect(chart.element.getAttribute('viewBox')).toBe('0 0 200 100');
    expect(paths(chart.element)[0].ownerDocument).toBe(doc);
  });
});
