/**
 * The Dale-network figure's drawing: a scoreboard (each network's test accuracy and its Dale
 * violations, the sign-flip counter), five charts (accuracy and sign flips over training; log|w| of
 * the layer shown, at the start and now; the standardised change of one network's weights in GD's and
 * in EG's geometry against a Gaussian; their Q–Q plot) and a table of the four non-Gaussianities. A
 * pure function of the record of evaluations and the latest metrics: `draw` can be called any time.
 */
import type { DaleMemberMetrics, WeightsLiveMetrics } from '../../runs/weights-live';
import { formatPercent, lineChart, type LineChart, type SeriesOptions } from '../../../../viz';
import { h } from '../../../../widgets/base/dom';
import { chartHeight, chartPanel, composeFigure, legendMargin, panelWidth, projectorFrame, swatch, type ChartFrame, type ChartPanel } from '../../../../widgets/base/panels';
import { findSetting } from '../../../../settings/schema';
import { groupNumber, localNumber, t } from '../../../../i18n/t';
import { weightsSchema } from './schema';
import { EG_STYLE, GD_STYLE, REFERENCE_STYLE, START_STYLE } from '../rules';
import { formatNonGaussianity, normalDensity, outline, qqCurve } from '../plots';
import type { Point } from './series';

type ChartKey = 'accuracy' | 'flips' | 'logw' | 'change' | 'qq';
type Rule = 'gd' | 'eg';
/** Projector mode shows one group of charts at a time (the schema's 'charts' setting): the page shows all. */
export type ChartGroup = 'training' | 'weights' | 'change';
/** Which group each chart (and the table, 'table') belongs to. */
export const CHART_GROUP: Record<ChartKey | 'table', ChartGroup> = { accuracy: 'training', flips: 'training', logw: 'weights', table: 'weights', change: 'change', qq: 'change' };

export interface WeightsSetup {
  /** 'output' (hidden → output) or 'hidden' (pixels → hidden). */
  layer: string;
  /** Whose change the change histogram and Q–Q plot show. */
  network: Rule;
  /** The charts projector mode shows. */
  charts: ChartGroup;
}

const MIN_STEPS = 300;
/** Tops of the sign-flip chart's y axis: it starts at 0 and grows to the next one the data needs. */
const FLIP_TOPS = [0.02, 0.05, 0.1, 0.2, 0.5, 1];

/** The smallest top that holds `max` with a little room. */
export function flipTop(max: number): number {
  return FLIP_TOPS.find((t) => max <= t * 0.95) ?? 1;
}
const count = (n: number) => groupNumber(n);
/** A weight matrix's name, as the layer setting shows it but in lower case. */
const layerName = (layer: WeightsSetup['layer']) => (layer === 'output' ? t('hidden → output') : t('pixels → hidden'));

export class WeightsView {
  readonly element: HTMLElement;
  private readonly grid = h('div', { class: 'lm-panels' });
  private readonly panels: Record<ChartKey, ChartPanel> = {
    accuracy: chartPanel('Test accuracy', '2,000 held-out digits', 'chart-accuracy'),
    flips: chartPanel('Weights that changed sign', 'Dale violations, % of all weights', 'chart-flips'),
    logw: chartPanel('log |w|', 'layer shown: at the start and now (density)', 'chart-logw'),
    change: chartPanel('The change', 'standardised, measured as w (GD’s geometry) and as log |w| (EG’s), against a Gaussian', 'chart-change'),
    qq: chartPanel('Q–Q plot against a Gaussian', 'on the diagonal = Gaussian', 'chart-qq'),
  };
  private readonly charts: Partial<Record<ChartKey, LineChart>> = {};
  private readonly stats = {
    gdAccuracy: this.value('stat-gd-accuracy'),
    egAccuracy: this.value('stat-eg-accuracy'),
    gdFlips: this.value('stat-gd-flips'),
    egFlips: this.value('stat-eg-flips'),
  };
  private readonly subs = { gd: this.sub('stat-gd-flips-count'), eg: this.sub('stat-eg-flips-count') };
  private readonly table = h('table', { class: 'eg-table', attrs: { 'data-testid': 'non-gaussianity' } });
  private readonly foot = h('p', { class: 'eg-foot', attrs: { 'data-testid': 'weights-foot' } });
  private setup: WeightsSetup = { layer: 'output', network: 'eg', charts: 'training' };
  private layout = { width: 0, columns: 0, key: '' };
  /** Projector mode's chart picker: one pressed button per group (hidden on the page, where every chart shows). */
  private readonly picks: Map<ChartGroup, HTMLButtonElement>;
  private drawn: { points: readonly Point[]; last: WeightsLiveMetrics | null } = { points: [], last: null };
  private flipsTop = FLIP_TOPS[0];

  /** `onPick`: the reader chose another group of charts in projector mode (the widget stores it as its setting). */
  constructor(private readonly onPick: (charts: ChartGroup) => void = () => undefined) {
    const stat = (rule: Rule, what: 'Accuracy' | 'Sign flips', value: HTMLElement, sub?: HTMLElement) =>
      h('div', { class: `eg-stat eg-stat-${rule}` }, [h('dt', {}, [swatch((rule === 'gd' ? GD_STYLE : EG_STYLE).color, (rule === 'gd' ? GD_STYLE : EG_STYLE).dash), `${rule === 'gd' ? 'GD' : 'EG'} · ${what === 'Accuracy' ? t('Accuracy') : t('Sign flips')}`]), value, ...(sub ? [sub] : [])]);
    const board = h('dl', { class: 'eg-board' }, [
      stat('gd', 'Accuracy', this.stats.gdAccuracy),
      stat('eg', 'Accuracy', this.stats.egAccuracy),
      stat('gd', 'Sign flips', this.stats.gdFlips, this.subs.gd),
      stat('eg', 'Sign flips', this.stats.egFlips, this.subs.eg),
    ]);
    // The table takes the grid's sixth cell, beside the Q–Q plot (below it on a phone).
    const tablePanel = h('section', { class: 'lm-panel eg-table-panel', attrs: { 'aria-label': t('Non-Gaussianity of each change') } }, [
      h('p', { class: 'lm-panel-title' }, [h('span', { text: t('How Gaussian is each change?') }), h('span', { class: 'lm-panel-sub', text: t('non-Gaussianity of each network’s change; 0 = Gaussian, the smaller of each row in bold') })]),
      this.table,
    ]);
    this.grid.append(...Object.values(this.panels).map((p) => p.element), tablePanel);
    for (const [key, panel] of Object.entries(this.panels) as [ChartKey, ChartPanel][]) {
      panel.element.dataset.group = CHART_GROUP[key];
      panel.box.classList.add('lm-fill');
    }
    tablePanel.dataset.group = CHART_GROUP.table;
    const setting = findSetting(weightsSchema, 'charts');
    const options = setting.type === 'select' ? setting.options : [];
    this.picks = new Map(
      options.map((o) => {
        const group = o.value as ChartGroup;
        const b = h('button', { class: 'lm-button eg-chart-pick', text: t(o.label), attrs: { type: 'button', 'aria-pressed': 'false', 'data-chart-pick': group, 'data-testid': `chart-pick-${group}` } });
        b.addEventListener('click', () => {
          this.showCharts(group);
          this.onPick(group);
        });
        // Space and Enter press the button, not the figure's play key.
        b.addEventListener('keydown', (event) => {
          if (event.key === ' ' || event.key === 'Enter') event.stopPropagation();
        });
        return [group, b] as const;
      }),
    );
    const picker = h('div', { class: 'eg-chart-picker', attrs: { role: 'group', 'aria-label': t(setting.label), 'data-testid': 'chart-picker' } }, [...this.picks.values()]);
    this.element = h('div', { class: 'eg-figure eg-weights' }, [board, picker, this.grid, this.foot]);
    this.markCharts();
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.fit()).observe(this.grid);
  }

  configure(setup: WeightsSetup, keep = false): void {
    this.setup = { ...setup };
    this.markCharts();
    if (!keep) {
      this.drawn = { points: [], last: null };
      this.flipsTop = FLIP_TOPS[0];
    }
    this.build();
  }

  /** Projector mode: show this group of charts (drawn at their boxes' new size). */
  showCharts(charts: ChartGroup): void {
    if (charts === this.setup.charts) return;
    this.setup = { ...this.setup, charts };
    this.markCharts();
    this.fit(true);
  }

  private markCharts(): void {
    this.element.dataset.charts = this.setup.charts;
    for (const [group, b] of this.picks) b.setAttribute('aria-pressed', String(group === this.setup.charts));
  }

  /** In projector mode the shown charts are drawn at their boxes' size (eg.css), keyed by it. */
  private frames(): Partial<Record<ChartKey, ChartFrame>> {
    const out: Partial<Record<ChartKey, ChartFrame>> = {};
    for (const key of Object.keys(this.panels) as ChartKey[]) {
      const f = projectorFrame(this.panels[key].box);
      if (f) out[key] = f;
    }
    return out;
  }

  private static keyOf(frames: Partial<Record<ChartKey, ChartFrame>>): string {
    return Object.entries(frames).map(([k, f]) => `${k}:${f.width}×${f.height}@${f.fontSize}`).join('|');
  }

  fit(force = false): void {
    const key = WeightsView.keyOf(this.frames());
    if (key || this.layout.key) {
      if (force || key !== this.layout.key) this.build();
      return;
    }
    const next = panelWidth(this.grid, this.columnsOptions());
    if (force || Math.abs(next.width - this.layout.width) >= 24 || next.columns !== this.layout.columns) this.build();
  }

  draw(points: readonly Point[], last: WeightsLiveMetrics | null): void {
    this.drawn = { points, last };
    const top = flipTop(Math.max(0, ...points.map((p) => Math.max(p.gdFlips, p.egFlips))));
    if (top !== this.flipsTop) {
      this.flipsTop = top;
      this.build(); // redraws
      return;
    }
    const steps = points.map((p) => p.step);
    const accuracy = this.charts.accuracy;
    if (accuracy) {
      accuracy.setSeries('gd', steps, points.map((p) => p.gdAccuracy));
      accuracy.setSeries('eg', steps, points.map((p) => p.egAccuracy));
      accuracy.render();
    }
    const flips = this.charts.flips;
    if (flips) {
      flips.setSeries('gd', steps, points.map((p) => p.gdFlips));
      flips.setSeries('eg', steps, points.map((p) => p.egFlips));
      flips.render();
    }
    const members = last ? { gd: last.members[0], eg: last.members[1] } : null;
    const logw = this.charts.logw;
    if (logw) {
      if (last && members) {
        const total = (hist: { counts: number[]; below: number; above: number }) => hist.counts.reduce((a, b) => a + b, 0) + hist.below + hist.above;
        const start = outline(last.initialLogMagnitude, total(last.initialLogMagnitude));
        logw.setSeries('start', start.xs, start.ys);
        for (const rule of ['gd', 'eg'] as const) {
          const o = outline(members[rule].logMagnitude, total(members[rule].logMagnitude));
          logw.setSeries(rule, o.xs, o.ys);
        }
      } else logw.clear();
      logw.render();
    }
    const shown = members?.[this.setup.network];
    const moved = shown ? shown.changes.every((c) => Number.isFinite(c.nonGaussianity)) : false;
    const change = this.charts.change;
    if (change) {
      if (shown && moved) {
        for (const c of shown.changes) {
          const o = outline(c.histogram);
          change.setSeries(c.potential, o.xs, o.ys);
        }
        const g = normalDensity(-5, 5);
        change.setSeries('gauss', g.xs, g.ys);
      } else change.clear();
      change.render();
    }
    const qq = this.charts.qq;
    if (qq) {
      if (shown && moved) {
        for (const c of shown.changes) {
          const q = qqCurve(c.qq);
          qq.setSeries(c.potential, q.xs, q.ys);
        }
        qq.setSeries('diagonal', [-3, 3], [-3, 3]);
      } else qq.clear();
      qq.render();
    }
    const nothing = last && last.step === 0 ? t('No change yet: the weights are where they started. Press play or step.') : null;
    for (const key of ['change', 'qq'] as const) this.note(this.panels[key], nothing);
    this.drawStats(last);
    this.drawTable(last);
  }

  exportFigure(title: string, colors: { background: string; text: string }): SVGSVGElement | null {
    const shown = (Object.keys(this.panels) as ChartKey[])
      .filter((k) => this.charts[k] && !this.panels[k].box.dataset.empty)
      .map((k) => ({ svg: this.charts[k]!.element, title: this.panels[k].title.textContent ?? '' }));
    return shown.length ? composeFigure(shown, Math.max(1, this.layout.columns), title, colors) : null;
  }

  private value(testId: string): HTMLElement {
    return h('dd', { class: 'eg-value', text: '–', attrs: { 'data-testid': testId } });
  }

  private sub(testId: string): HTMLElement {
    return h('dd', { class: 'eg-sub', attrs: { 'data-testid': testId } });
  }

  /** A note over the (empty) chart, which keeps its place so the figure's height does not change. */
  private note(panel: ChartPanel, text: string | null): void {
    if (text) panel.box.dataset.empty = text;
    else delete panel.box.dataset.empty;
  }

  private set(el: HTMLElement, text: string): void {
    if (el.textContent !== text) el.textContent = text;
  }

  private drawStats(last: WeightsLiveMetrics | null): void {
    const members = last?.members ?? [];
    for (const m of members) {
      const rule = m.rule;
      this.set(rule === 'gd' ? this.stats.gdAccuracy : this.stats.egAccuracy, formatPercent(m.testAccuracy));
      this.set(rule === 'gd' ? this.stats.gdFlips : this.stats.egFlips, m.violations === 0 ? formatPercent(0, 0) : formatPercent(m.violationFraction));
      const total = m.violations / Math.max(1e-12, m.violationFraction);
      this.set(this.subs[rule], m.violations === 0 ? t('none: Dale’s law holds') : t('{n} of {total} weights', { n: count(m.violations), total: count(Math.round(total)) }));
    }
    const histograms = t('Histograms and Q–Q plot: the {layer} weights.', { layer: layerName(this.setup.layer) });
    const rates = last ? t('Step sizes: GD {gd}, EG {eg}.', { gd: localNumber(last.gdRate.toPrecision(2)), eg: localNumber(last.egRate.toPrecision(3)) }) : '';
    const epoch = last ? t('Epoch {epoch} of 5.', { epoch: localNumber(last.epoch.toFixed(1)) }) : '';
    this.set(this.foot, `${epoch} ${histograms} ${rates}`.trim());
  }

  private drawTable(last: WeightsLiveMetrics | null): void {
    const members: DaleMemberMetrics[] = last?.members ?? [];
    const rows = members.map((m) => {
      const [two, entropy] = m.changes.map((c) => c.nonGaussianity);
      const best = two < entropy ? 0 : entropy < two ? 1 : -1;
      return h('tr', { attrs: { 'data-rule': m.rule } }, [
        h('th', { attrs: { scope: 'row' }, text: m.rule === 'gd' ? t('GD network') : t('EG network') }),
        h('td', { text: formatNonGaussianity(two), attrs: { 'data-best': best === 0 ? 'true' : null } }),
        h('td', { text: formatNonGaussianity(entropy), attrs: { 'data-best': best === 1 ? 'true' : null } }),
      ]);
    });
    this.table.replaceChildren(
      h('caption', { text: t('The {layer} weights', { layer: layerName(this.setup.layer) }) }),
      h('thead', {}, [h('tr', {}, [h('th', { attrs: { scope: 'col' }, text: t('network') }), h('th', { attrs: { scope: 'col' }, text: t('as w') }), h('th', { attrs: { scope: 'col' }, text: t('as log |w|') })])]),
      h('tbody', {}, rows),
    );
  }

  /** Three columns wherever they fit at 288 px each (a laptop's wide figure, projectors), else two or one. */
  private columnsOptions() {
    return { maxColumns: 3, minColumn: 288 };
  }

  private build(): void {
    const { width, columns } = panelWidth(this.grid, this.columnsOptions());
    const frames = this.frames();
    this.layout = { width, columns, key: WeightsView.keyOf(frames) };
    const height = chartHeight(width, this.element, { projectorRatio: 0.34 });
    const learners: Record<string, SeriesOptions> = { gd: { label: 'GD', ...GD_STYLE }, eg: { label: 'EG', ...EG_STYLE } };
    const geometries: Record<string, SeriesOptions> = {
      '2-norm': { label: t('as w'), ...GD_STYLE },
      'negative-entropy': { label: t('as log |w|'), ...EG_STYLE },
    };
    const make = (key: ChartKey, series: Record<string, SeriesOptions>, options: Omit<Parameters<typeof lineChart>[0], 'width' | 'height' | 'series'>) => {
      // In projector mode a shown chart is drawn at its box's size and the projector's font; a hidden one keeps the page's size.
      const f = frames[key];
      const w = f?.width ?? width;
      const labels = Object.values(series).map((s) => s.label ?? '');
      const chart = lineChart({ width: w, height: f?.height ?? height, fontSize: f?.fontSize, margin: { top: legendMargin(labels, w, 60, 16, f?.fontSize) }, series, ...options });
      this.charts[key] = chart;
      this.panels[key].box.replaceChildren(chart.element);
    };
    const percent = (v: number) => formatPercent(v, 0);
    make('accuracy', learners, { title: t('Test accuracy of the GD and EG networks over training steps'), xLabel: t('training steps'), yLabel: t('test accuracy'), xDomain: [0, MIN_STEPS], yDomain: [0, 1], yFormat: percent });
    make('flips', learners, { title: t('Fraction of weights whose sign breaks Dale’s law, over training steps'), xLabel: t('training steps'), yLabel: t('sign flips'), xDomain: [0, MIN_STEPS], yDomain: [0, this.flipsTop], yFormat: (v) => formatPercent(v, this.flipsTop < 0.1 ? 1 : 0) });
    make('logw', { start: { label: t('start'), ...START_STYLE }, ...learners }, { title: t('Histogram of log|w| of the layer shown, at the start and now'), xLabel: 'log |w|', yLabel: t('density'), xName: 'log |w|', yFormat: (v) => localNumber(v.toFixed(1)) });
    const who = this.setup.network === 'gd' ? 'GD' : 'EG';
    this.panels.change.title.textContent = t('{who} network’s change', { who });
    this.panels.qq.title.textContent = t('{who} network’s change: Q–Q plot', { who });
    make('change', { ...geometries, gauss: { label: t('Gaussian'), ...REFERENCE_STYLE } }, {
      title: t('Histogram of the {who} network’s standardised weight change in GD’s and in EG’s geometry, with a standard Gaussian', { who }),
      xLabel: t('change, in standard deviations'),
      yLabel: t('density'),
      xName: 'z',
      xDomain: [-5, 5],
      yFormat: (v) => localNumber(v.toFixed(1)),
    });
    make('qq', { ...geometries, diagonal: { label: t('Gaussian'), ...REFERENCE_STYLE } }, {
      title: t("Quantiles of the {who} network’s standardised change against a Gaussian's", { who }),
      xLabel: t('Gaussian quantile'),
      yLabel: t('change quantile'),
      xName: t('Gaussian quantile'),
      xDomain: [-3, 3],
      yFormat: (v) => localNumber(String(v)),
    });
    this.draw(this.drawn.points, this.drawn.last);
  }
}
