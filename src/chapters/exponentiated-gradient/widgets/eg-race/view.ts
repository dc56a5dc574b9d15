/**
 * The race figure's drawing: a scoreboard for the N shown (each learner's total loss so far and the
 * ratio), the cumulative loss of both learners at that N against trials, and every N's total so far
 * against N (log–log, with the line loss = N). A pure function of the run's latest metrics.
 */
import type { RaceMetrics } from '../../runs/sparse-dense-race';
import { lineChart, type LineChart } from '../../../../viz';
import { h } from '../../../../widgets/base/dom';
import { groupNumber, localNumber, t } from '../../../../i18n/t';
import { chartHeight, chartPanel, composeFigure, legendMargin, panelWidth, projectorFrame, swatch } from '../../../../widgets/base/panels';
import { EG_STYLE, GD_STYLE, REFERENCE_STYLE } from '../rules';
import { powerOfTwoLabel } from '../plots';
import { winnerOf } from './verdicts';

export interface RaceSetup {
  /** The N the left chart and the scoreboard follow. */
  shown: number;
  trials: number;
  dense: boolean;
}

const total = (x: number) => (!Number.isFinite(x) ? '–' : x >= 1000 ? groupNumber(Math.round(x)) : localNumber(x.toFixed(1)));
const lossTick = (v: number) => localNumber(v >= 1000 ? `${v / 1000}k` : String(v));

export class RaceView {
  readonly element: HTMLElement;
  private readonly grid = h('div', { class: 'lm-panels' });
  private readonly panels = {
    trials: chartPanel('Cumulative loss at one N', 'total (ŷ − y)² so far, log scale', 'chart-trials'),
    sizes: chartPanel('Total loss against N', 'every N raced, log–log; the dotted line is loss = N', 'chart-sizes'),
  };
  private charts: { trials?: LineChart; sizes?: LineChart } = {};
  private readonly values = {
    gd: h('dd', { class: 'eg-value', text: '–', attrs: { 'data-testid': 'race-gd' } }),
    eg: h('dd', { class: 'eg-value', text: '–', attrs: { 'data-testid': 'race-eg' } }),
    ratio: h('dd', { class: 'eg-value', text: '–', attrs: { 'data-testid': 'race-ratio' } }),
  };
  private readonly heading = h('p', { class: 'eg-board-heading', attrs: { 'data-testid': 'race-heading' } });
  private readonly foot = h('p', { class: 'eg-foot', attrs: { 'data-testid': 'race-foot' } });
  private setup: RaceSetup = { shown: 1024, trials: 2000, dense: false };
  /** `key`: the projector layout the charts were built for ('' on the page). */
  private layout = { width: 0, columns: 0, key: '' };
  private last: RaceMetrics | null = null;

  constructor() {
    const stat = (key: 'gd' | 'eg' | 'ratio', label: string, style?: { color: string; dash: string }) =>
      h('div', { class: `eg-stat eg-stat-${key}` }, [h('dt', {}, style ? [swatch(style.color, style.dash), label] : [label]), this.values[key]]);
    const board = h('dl', { class: 'eg-board' }, [stat('gd', t('Gradient descent'), GD_STYLE), stat('eg', 'EG±', EG_STYLE), stat('ratio', 'GD ÷ EG±')]);
    this.grid.append(this.panels.trials.element, this.panels.sizes.element);
    // In projector mode the chart boxes take the free height (eg.css) and the charts are drawn at their size.
    for (const p of Object.values(this.panels)) p.box.classList.add('lm-fill');
    this.element = h('div', { class: 'eg-figure eg-race' }, [this.heading, board, this.grid, this.foot]);
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.fit()).observe(this.grid);
  }

  configure(setup: RaceSetup): void {
    this.setup = { ...setup };
    this.last = null;
    this.build();
  }

  fit(force = false): void {
    const p = projectorFrame(this.panels.trials.box);
    if (p || this.layout.key) {
      if (force || (p ? `${p.width}×${p.height}` : '') !== this.layout.key) this.build();
      return;
    }
    const next = panelWidth(this.grid);
    if (force || Math.abs(next.width - this.layout.width) >= 24 || next.columns !== this.layout.columns) this.build();
  }

  draw(m: RaceMetrics | null): void {
    this.last = m;
    const { shown, trials } = this.setup;
    const i = m ? m.sizes.indexOf(shown) : -1;
    const trialsChart = this.charts.trials;
    if (trialsChart) {
      if (m && i >= 0) {
        trialsChart.setSeries('gd', m.curveTrials, m.gdCurves[i]);
        trialsChart.setSeries('eg', m.curveTrials, m.egCurves[i]);
      } else {
        trialsChart.clear();
      }
      trialsChart.render();
    }
    const sizes = this.charts.sizes;
    if (sizes) {
      const xs = (m?.sizes ?? []).map(Math.log2);
      sizes.setSeries('gd', xs, m?.gd ?? []);
      sizes.setSeries('eg', xs, m?.eg ?? []);
      const all = [...(m?.gd ?? []), ...(m?.eg ?? [])].filter((v) => v > 0);
      const lo = Math.min(1, ...all);
      const hi = Math.max(4096, ...all);
      sizes.setSeries('diagonal', [4, 12], [16, 4096]);
      sizes.setSeries('shown', [Math.log2(shown), Math.log2(shown)], [lo, hi]);
      sizes.render();
    }
    const gd = m && i >= 0 ? m.gd[i] : NaN;
    const eg = m && i >= 0 ? m.eg[i] : NaN;
    this.set(this.values.gd, total(gd));
    this.set(this.values.eg, total(eg));
    const w = m && m.step > 0 ? winnerOf(gd, eg) : null;
    this.set(this.values.ratio, m && m.step > 0 && eg > 0 ? `${localNumber((gd / eg).toPrecision(gd / eg >= 100 ? 3 : 2))}×` : '–');
    this.element.dataset.leader = w ?? '';
    const where = this.setup.dense ? t('N = {n}, dense target', { n: groupNumber(shown) }) : `N = ${groupNumber(shown)}`;
    this.set(this.heading, m ? `${where} · ${t('trial {step} of {trials}', { step: groupNumber(m.step), trials: groupNumber(trials) })}` : where);
    const rates = m && i >= 0 ? t('Step sizes at this N: GD η = {gd}, EG± η = {eg}.', { gd: localNumber(m.gdRates[i].toPrecision(2)), eg: localNumber(m.egRates[i].toPrecision(2)) }) : '';
    const leader = w === null ? t('Both start at w = 0: press play.') : w === 'tie' ? t('Neck and neck so far.') : w === 'gd' ? t('Gradient descent leads at this N.') : t('EG± leads at this N.');
    this.set(this.foot, `${leader} ${rates}`.trim());
  }

  exportFigure(title: string, colors: { background: string; text: string }): SVGSVGElement | null {
    const shown = (['trials', 'sizes'] as const).filter((k) => this.charts[k]).map((k) => ({ svg: this.charts[k]!.element, title: this.panels[k].title.textContent ?? '' }));
    return shown.length ? composeFigure(shown, Math.max(1, this.layout.columns), title, colors) : null;
  }

  private set(el: HTMLElement, text: string): void {
    if (el.textContent !== text) el.textContent = text;
  }

  private build(): void {
    const p = projectorFrame(this.panels.trials.box);
    const page = panelWidth(this.grid);
    const width = p?.width ?? page.width;
    const columns = page.columns;
    this.layout = { width, columns, key: p ? `${p.width}×${p.height}` : '' };
    const height = p?.height ?? chartHeight(width, this.element, { projectorRatio: 0.3 });
    const fontSize = p?.fontSize;
    const learners = { gd: { label: 'GD', ...GD_STYLE }, eg: { label: 'EG±', ...EG_STYLE } };
    this.panels.trials.title.textContent = t('Cumulative loss at N = {n}', { n: groupNumber(this.setup.shown) });
    this.charts.trials = lineChart({
      title: t('Cumulative squared loss of GD and EG± over trials at N = {n}', { n: groupNumber(this.setup.shown) }),
      width,
      height,
      fontSize,
      margin: { top: legendMargin(['GD', 'EG±'], width, 60, 16, fontSize) },
      xLabel: t('trials'),
      yLabel: t('total loss'),
      xName: t('trial'),
      xDomain: [0, this.setup.trials],
      yScale: 'log',
      yFormat: lossTick,
      series: learners,
    });
    const sizeSeries = {
      ...learners,
      diagonal: { label: t('loss = N'), ...REFERENCE_STYLE },
      shown: { label: t('N shown'), color: 'var(--muted, #5f5f5f)', dash: '1 4' },
    };
    this.charts.sizes = lineChart({
      title: t('Total loss so far of GD and EG± against the number of inputs N'),
      width,
      height,
      fontSize,
      margin: { top: legendMargin(Object.values(sizeSeries).map((s) => s.label), width, 60, 16, fontSize) },
      xLabel: t('N, inputs (log scale)'),
      yLabel: t('total loss'),
      xName: 'N',
      xFormat: powerOfTwoLabel,
      xDomain: [4, 12],
      yScale: 'log',
      yFormat: lossTick,
      series: sizeSeries,
    });
    this.panels.trials.box.replaceChildren(this.charts.trials.element);
    this.panels.sizes.box.replaceChildren(this.charts.sizes.element);
    this.draw(this.last);
  }
}
