/**
 * The quantize-prune figure's drawing: a board (accuracy now, the float model's, the model's size and
 * fine-tuning steps), and two charts filled by the run's sweeps (no fine-tuning): accuracy against
 * bits per weight (log₂ axis) and against the fraction pruned (axis: log₁₀ 1/(1 − s), so 90% and 99%
 * get room), each with a dashed line at the reader's setting up to its accuracy now.
 */
import type { QuantizePruneMetrics, SweepPoint } from '../../runs/quantize-prune';
import { formatPercent, lineChart, seriesColor, type LineChart } from '../../../../viz';
import { h } from '../../../../widgets/base/dom';
import { chartHeight, chartPanel, composeFigure, legendMargin, panelWidth, projectorFrame } from '../../../../widgets/base/panels';
import { localNumber, t } from '../../../../i18n/t';

const pct = (x: number) => (Number.isFinite(x) ? formatPercent(x) : '–');
const bytes = (b: number) => (b >= 1024 ? `${localNumber((b / 1024).toFixed(b >= 100 * 1024 ? 0 : 1))} ${t('kB')}` : `${Math.round(b)} ${t('B')}`);
/** Sparsity s ↔ the pruned axis' position log₁₀ 1/(1 − s). */
export const prunedX = (s: number) => -Math.log10(1 - Math.min(s, 0.999));
const prunedLabel = (x: number) => (Number.isInteger(x) ? formatPercent(Math.round(100 * (1 - 10 ** -x)) / 100, 0) : '');

const SERIES = {
  sweep: { label: 'accuracy, no fine-tuning', color: seriesColor(0) },
  you: { label: 'your setting', color: 'var(--fg, #222)', dash: '3 3' },
};

export class QuantizePruneView {
  readonly element: HTMLElement;
  private readonly grid = h('div', { class: 'lm-panels' });
  private readonly panels = {
    bits: chartPanel('Accuracy against bits per weight', 'no pruning; log₂ axis', 'chart-bits'),
    pruned: chartPanel('Accuracy against weights pruned', '32-bit weights; the axis stretches 90–99%', 'chart-pruned'),
  };
  private charts: { bits?: LineChart; pruned?: LineChart } = {};
  readonly values = {
    accuracy: h('dd', { text: '–', attrs: { 'data-testid': 'qp-accuracy' } }),
    float: h('dd', { text: '–', attrs: { 'data-testid': 'qp-float' } }),
    size: h('dd', { text: '–', attrs: { 'data-testid': 'qp-size' } }),
    tuned: h('dd', { text: '–', attrs: { 'data-testid': 'qp-tuned' } }),
  };
  private layout = { width: 0, columns: 0 };
  /** The projector layout the charts were built for ('' on the page). */
  private projectorKey = '';
  private last: QuantizePruneMetrics | null = null;

  constructor() {
    const stat = (key: keyof QuantizePruneView['values'], label: string) => h('div', { class: 'xb-stat' }, [h('dt', { text: t(label) }), this.values[key]]);
    const board = h('dl', { class: 'xb-board' }, [stat('accuracy', 'Accuracy now'), stat('float', 'Float model'), stat('size', 'Model size'), stat('tuned', 'Fine-tuning steps')]);
    this.grid.append(this.panels.bits.element, this.panels.pruned.element);
    this.element = h('div', { class: 'xb-quantize' }, [board, this.grid]);
    // In projector mode the chart boxes take the free height (xb.css) and the charts are drawn at their size.
    for (const p of Object.values(this.panels)) p.box.classList.add('lm-fill');
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.fit()).observe(this.grid);
    this.build();
  }

  fit(force = false): void {
    const p = projectorFrame(this.panels.bits.box);
    if (p || this.projectorKey) {
      if (force || (p ? `${p.width}×${p.height}` : '') !== this.projectorKey) this.build();
      return;
    }
    const next = panelWidth(this.grid);
    if (force || Math.abs(next.width - this.layout.width) >= 24 || next.columns !== this.layout.columns) this.build();
  }

  draw(m: QuantizePruneMetrics): void {
    this.last = m;
    this.values.accuracy.textContent = pct(m.accuracy);
    this.values.float.textContent = pct(m.floatAccuracy);
    this.values.size.textContent = t('{size} ({ratio}× smaller)', { size: bytes(m.modelBytes), ratio: localNumber((m.floatBytes / m.modelBytes).toFixed(1)) });
    this.values.tuned.textContent = t('{step} of {total}', { step: m.step, total: m.fineTuneSteps });
    const { bits, pruned } = this.charts;
    if (!bits || !pruned) return;
    const plot = (chart: LineChart, points: SweepPoint[], x: (v: number) => number, at: number) => {
      chart.setSeries('sweep', points.map((p) => x(p.x)), points.map((p) => p.accuracy));
      chart.setSeries('you', [at, at], [0, m.accuracy]);
      chart.render();
    };
    plot(bits, m.sweeps.bits, Math.log2, Math.log2(m.bits));
    plot(pruned, m.sweeps.sparsity, prunedX, prunedX(m.sparsity));
  }

  exportFigure(title: string, colors: { background: string; text: string }): SVGSVGElement | null {
    const shown = [
      { svg: this.charts.bits?.element, title: this.panels.bits.title.textContent ?? '' },
      { svg: this.charts.pruned?.element, title: this.panels.pruned.title.textContent ?? '' },
    ].filter((c): c is { svg: SVGSVGElement; title: string } => Boolean(c.svg));
    return shown.length ? composeFigure(shown, Math.max(1, this.layout.columns), title, colors) : null;
  }

  private build(): void {
    this.layout = panelWidth(this.grid);
    const width = this.layout.width;
    const p = projectorFrame(this.panels.bits.box);
    this.projectorKey = p ? `${p.width}×${p.height}` : '';
    const w = p?.width ?? width;
    const height = p?.height ?? chartHeight(width, this.element ?? this.grid, { projectorRatio: 0.32 });
    const common = { width: w, height, fontSize: p?.fontSize, yLabel: 'test accuracy', yDomain: [0, 1] as [number, number], yFormat: formatPercent, series: SERIES, margin: { top: legendMargin(Object.values(SERIES).map((s) => t(s.label)), w, 60, 16, p?.fontSize) } };
    this.charts.bits = lineChart({ ...common, title: 'Accuracy against bits per weight', xLabel: 'bits per weight', xName: 'log₂ bits', xDomain: [0, 5], xFormat: (v) => (Number.isInteger(v) ? String(2 ** v) : '') });
    this.charts.pruned = lineChart({ ...common, title: 'Accuracy against the fraction of weights pruned', xLabel: 'weights pruned', xName: 'log₁₀ 1/(1 − pruned)', xDomain: [0, 2], xFormat: prunedLabel });
    this.panels.bits.box.replaceChildren(this.charts.bits.element);
    this.panels.pruned.box.replaceChildren(this.charts.pruned.element);
    if (this.last) this.draw(this.last);
  }
}
