/**
 * The robustness figure's drawing: accuracy against log₁₀ BER for the four series (standard and
 * error-aware training under random flips; the standard net on device pairs read binary and ternary),
 * and two bars for the 10% smallest vs largest |W_h| flipped. A pure function of the run's metrics.
 */
import type { BerCurveMetrics, Series } from '../../runs/ber-curve';
import { formatPercent, lineChart, type LineChart } from '../../../../viz';
import { h } from '../../../../widgets/base/dom';
import { chartHeight, chartPanel, composeFigure, legendMargin, panelWidth, projectorFrame } from '../../../../widgets/base/panels';
import { groupNumber, t } from '../../../../i18n/t';

export const SERIES_STYLE: Record<Series, { label: string; color: string; dash: string }> = {
  standard: { label: 'standard, random flips', color: 'var(--c1, #0072B2)', dash: '' },
  errorAware: { label: 'error-aware, random flips', color: 'var(--c2, #D55E00)', dash: '6 3' },
  binary: { label: 'devices, binary read', color: 'var(--c3, #009E73)', dash: '2 3' },
  ternary: { label: 'devices, ternary read', color: 'var(--c4, #CC79A7)', dash: '8 3 2 3' },
};

/** Decades only: 1e-5 … 1e-1 (ticks between decades stay unlabelled). */
const berTick = (v: number) => (Math.abs(v - Math.round(v)) < 1e-9 ? `1e${Math.round(v)}` : '');
const pct = (x: number | null) => (x === null ? '–' : formatPercent(x));

export class BerView {
  readonly element: HTMLElement;
  private readonly grid = h('div', { class: 'lm-panels' });
  private readonly panel = chartPanel('Accuracy against bit error rate', 'log axis; batch norm recalibrated at every point', 'chart-ber');
  private chart: LineChart | null = null;
  /** The projector layout the chart was built for ('' on the page). */
  private projectorKey = '';
  private readonly bars = {
    smallest: h('span', { class: 'xb-bar-fill', attrs: { 'data-testid': 'bar-smallest' } }),
    largest: h('span', { class: 'xb-bar-fill xb-bar-largest', attrs: { 'data-testid': 'bar-largest' } }),
  };
  private readonly barValues = {
    smallest: h('span', { class: 'xb-bar-value', text: '–', attrs: { 'data-testid': 'value-smallest' } }),
    largest: h('span', { class: 'xb-bar-value', text: '–', attrs: { 'data-testid': 'value-largest' } }),
  };
  private readonly heading = h('p', { class: 'xb-heading', attrs: { 'data-testid': 'ber-heading' } });
  private width = 0;
  private last: BerCurveMetrics | null = null;

  constructor() {
    const bar = (key: 'smallest' | 'largest', label: string) =>
      h('div', { class: 'xb-bar-row' }, [h('span', { class: 'xb-bar-label', text: t(label) }), h('span', { class: 'xb-bar-track' }, [this.bars[key]]), this.barValues[key]]);
    const magnitude = h('div', { class: 'xb-bars', attrs: { role: 'group', 'aria-label': t('Accuracy with 10% of each layer flipped by |W_h|') } }, [
      h('p', { class: 'xb-sub', text: t('Flip 10% of every layer’s weights, chosen by hidden magnitude |W_h| (standard net):') }),
      bar('smallest', 'smallest |W_h|'),
      bar('largest', 'largest |W_h|'),
    ]);
    this.grid.append(this.panel.element);
    this.element = h('div', { class: 'xb-figure' }, [this.heading, this.grid, magnitude]);
    // In projector mode the chart box takes the free height (xb.css) and the chart is drawn at its size.
    this.panel.box.classList.add('lm-fill');
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.fit()).observe(this.grid);
    // Drawn at once at the widest layout, so the figure has its height from its first frame: built on
    // the observer's first call instead, it was 440 px short for a frame and the page shifted (CLS).
    this.fit();
  }

  fit(force = false): void {
    const p = projectorFrame(this.panel.box);
    if (p || this.projectorKey) {
      if (force || (p ? `${p.width}×${p.height}` : '') !== this.projectorKey) this.build(p ? p.width : panelWidth(this.grid, { maxColumns: 1, max: 720 }).width);
      return;
    }
    const { width } = panelWidth(this.grid, { maxColumns: 1, max: 720 });
    if (force || Math.abs(width - this.width) >= 24) this.build(width);
  }

  draw(m: BerCurveMetrics | null): void {
    this.last = m;
    const chart = this.chart;
    if (chart) {
      chart.clear();
      if (m) {
        for (const key of Object.keys(SERIES_STYLE) as Series[]) {
          const points = m.bers.map((b, i) => [Math.log10(b), m.curves[key][i]] as const).filter((p): p is readonly [number, number] => p[1] !== null);
          chart.setSeries(key, points);
        }
      }
      chart.render();
    }
    for (const key of ['smallest', 'largest'] as const) {
      const v = m?.[key] ?? null;
      this.bars[key].style.width = v === null ? '0' : `${(100 * v).toFixed(1)}%`;
      this.barValues[key].textContent = pct(v);
    }
    const clean = m?.clean ?? null;
    const n = m ? groupNumber(m.testSize) : 'undefined';
    const cleanText = clean === null ? t('{n} test digits per point', { n }) : t('Clean accuracy {clean} on {n} test digits', { clean: pct(clean), n });
    this.heading.textContent = m ? t('{clean} · {step} of {total} points computed', { clean: cleanText, step: m.step, total: m.total }) : t('Loading the shipped networks…');
  }

  exportFigure(title: string, colors: { background: string; text: string }): SVGSVGElement | null {
    return this.chart ? composeFigure([{ svg: this.chart.element, title: this.panel.title.textContent ?? '' }], 1, title, colors) : null;
  }

  private build(width: number): void {
    const p = projectorFrame(this.panel.box);
    this.projectorKey = p ? `${p.width}×${p.height}` : '';
    this.width = width;
    const labels = Object.values(SERIES_STYLE).map((s) => t(s.label));
    this.chart = lineChart({
      title: 'Test accuracy against bit error rate, standard and error-aware training, binary and ternary device reads',
      width: p?.width ?? width,
      height: p?.height ?? chartHeight(width, this.element, { ratio: 0.55, projectorRatio: 0.36 }),
      fontSize: p?.fontSize,
      margin: { top: legendMargin(labels, p?.width ?? width, 60, 16, p?.fontSize) },
      xLabel: 'bit error rate',
      yLabel: 'test accuracy',
      xName: 'log₁₀ BER',
      xDomain: [-5, Math.log10(0.5)],
      yDomain: [0, 1],
      yFormat: (v) => formatPercent(v, 0),
      xFormat: berTick,
      series: SERIES_STYLE,
    });
    this.panel.box.replaceChildren(this.chart.element);
    this.draw(this.last);
  }
}
