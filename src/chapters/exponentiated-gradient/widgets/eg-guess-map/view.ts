/**
 * The guessing game's drawing: one panel per candidate geometry, each with the histogram of the
 * learner's standardised weight change in that geometry against a Gaussian and its Q–Q plot, and,
 * once the reader has guessed, the candidate's non-Gaussianity and which one was the hidden rule.
 * A pure function of the run's latest metrics and whether to reveal.
 */
import type { CandidateScore, GuessMapMetrics } from '../../runs/guess-the-map';
import { lineChart, type LineChart } from '../../../../viz';
import { h } from '../../../../widgets/base/dom';
import { chartHeight, composeFigure, legendMargin, panelWidth, projectorFrame } from '../../../../widgets/base/panels';
import { REFERENCE_STYLE } from '../rules';
import { formatNonGaussianity, normalDensity, outline, qqCurve } from '../plots';
import { CANDIDATES } from './schema';
import { capitalized, geometryName, ruleName } from './names';
import { localNumber, t } from '../../../../i18n/t';

type Candidate = (typeof CANDIDATES)[number];

interface Column {
  candidate: Candidate;
  element: HTMLElement;
  histBox: HTMLElement;
  qqBox: HTMLElement;
  score: HTMLElement;
  hist?: LineChart;
  qq?: LineChart;
}

/** Each candidate's change in its own colour (palette slots 0, 2, 1: GD blue and EG vermilion as elsewhere in the chapter). */
const SLOT = { '2-norm': 0, '3-norm': 2, 'negative-entropy': 1 } as const;
const COLOR = (c: Candidate) => `var(--c${SLOT[c.potential]}, ${['#0072B2', '#D55E00', '#009E73'][SLOT[c.potential]]})`;

export class GuessMapView {
  readonly element: HTMLElement;
  private readonly grid = h('div', { class: 'lm-panels eg-candidates' });
  private readonly columns: Column[];
  private layout = { width: 0, columns: 0, key: '' };
  private drawn: { m: GuessMapMetrics | null; reveal: boolean } = { m: null, reveal: false };

  constructor() {
    this.columns = CANDIDATES.map((candidate) => {
      const histBox = h('div', { class: 'lm-chart lm-panel-chart lm-fill eg-hist', attrs: { 'data-testid': `hist-${candidate.potential}` } });
      const qqBox = h('div', { class: 'lm-chart lm-panel-chart lm-fill eg-qq', attrs: { 'data-testid': `qq-${candidate.potential}` } });
      const score = h('p', { class: 'eg-candidate-score', attrs: { 'data-testid': `score-${candidate.potential}` } });
      const element = h('section', { class: 'lm-panel eg-candidate', attrs: { 'data-testid': `candidate-${candidate.potential}`, 'aria-label': t('If the rule was {rule}', { rule: ruleName(candidate.potential) }) } }, [
        h('p', { class: 'lm-panel-title' }, [h('span', { text: t('{rule}?', { rule: capitalized(ruleName(candidate.potential)) }) }), h('span', { class: 'lm-panel-sub', text: t('the change of {dual}', { dual: candidate.dual }) })]),
        histBox,
        qqBox,
        score,
      ]);
      return { candidate, element, histBox, qqBox, score };
    });
    this.grid.append(...this.columns.map((c) => c.element));
    this.element = h('div', { class: 'eg-figure eg-guess' }, [this.grid]);
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.fit()).observe(this.grid);
    this.build();
  }

  /** In projector mode the charts are drawn at their boxes' size (eg.css), keyed by it. */
  private projectorKey(): string {
    const col = this.columns[0];
    const a = projectorFrame(col.histBox);
    const b = projectorFrame(col.qqBox);
    return a && b ? `${a.width}×${a.height}|${b.width}×${b.height}` : '';
  }

  fit(force = false): void {
    const key = this.projectorKey();
    if (key || this.layout.key) {
      if (force || key !== this.layout.key) this.build();
      return;
    }
    const next = panelWidth(this.grid, { maxColumns: 3, minColumn: 240 });
    if (force || Math.abs(next.width - this.layout.width) >= 24 || next.columns !== this.layout.columns) this.build();
  }

  draw(m: GuessMapMetrics | null, reveal: boolean): void {
    this.drawn = { m, reveal };
    const scores = new Map<string, CandidateScore>((m?.candidates ?? []).map((c) => [c.potential, c]));
    const moved = m !== null && m.step > 0 && [...scores.values()].every((c) => Number.isFinite(c.nonGaussianity));
    const ranked = [...scores.values()].sort((a, b) => a.nonGaussianity - b.nonGaussianity);
    for (const col of this.columns) {
      const s = scores.get(col.candidate.potential);
      // The empty charts keep their place (no jump when the fit starts); a note lies over them.
      if (moved) delete col.histBox.dataset.empty;
      else col.histBox.dataset.empty = t('No change yet: press play to let the hidden learner fit the points.');
      if (col.hist && col.qq) {
        if (s && moved) {
          const o = outline(s.histogram);
          col.hist.setSeries('change', o.xs, o.ys);
          const g = normalDensity(-5, 5);
          col.hist.setSeries('gauss', g.xs, g.ys);
          const q = qqCurve(s.qq);
          col.qq.setSeries('change', q.xs, q.ys);
          col.qq.setSeries('diagonal', [-3, 3], [-3, 3]);
        } else {
          col.hist.clear();
          col.qq.clear();
        }
        col.hist.render();
        col.qq.render();
      }
      const rank = s ? ranked.indexOf(s) : -1;
      const score = { value: formatNonGaussianity(s?.nonGaussianity ?? NaN) };
      const text = reveal && s && moved ? (rank === 0 ? t('non-Gaussianity {value} · the most Gaussian', score) : t('non-Gaussianity {value}', score)) : '';
      if (col.score.textContent !== text) col.score.textContent = text;
      col.element.dataset.answer = String(reveal && m?.hidden === col.candidate.potential);
      col.element.dataset.best = String(reveal && rank === 0);
    }
  }

  exportFigure(title: string, colors: { background: string; text: string }): SVGSVGElement | null {
    const charts = this.columns.flatMap((c) => (c.hist && c.qq && !c.histBox.dataset.empty ? [{ svg: c.hist.element, title: t('{geometry}: histogram', { geometry: geometryName(c.candidate.potential) }) }, { svg: c.qq.element, title: t('{geometry}: Q–Q', { geometry: geometryName(c.candidate.potential) }) }] : []));
    if (!charts.length) return null;
    // Histograms in the first row, Q–Q plots in the second.
    const ordered = [...charts.filter((_, i) => i % 2 === 0), ...charts.filter((_, i) => i % 2 === 1)];
    return composeFigure(ordered, this.columns.length, title, colors);
  }

  private build(): void {
    const page = panelWidth(this.grid, { maxColumns: 3, minColumn: 240 });
    const ph = this.columns.length ? projectorFrame(this.columns[0].histBox) : null;
    const pq = this.columns.length ? projectorFrame(this.columns[0].qqBox) : null;
    const p = ph && pq ? { hist: ph, qq: pq } : null;
    const width = p?.hist.width ?? page.width;
    this.layout = { width, columns: page.columns, key: p ? `${ph!.width}×${ph!.height}|${pq!.width}×${pq!.height}` : '' };
    const height = p?.hist.height ?? chartHeight(width, this.element ?? this.grid, { ratio: 0.66, projectorRatio: 0.5 });
    const fontSize = p?.hist.fontSize;
    for (const col of this.columns) {
      const color = COLOR(col.candidate);
      const change = { label: t('change'), color, dash: '' };
      const legend = [change.label, t('Gaussian')];
      col.hist = lineChart({
        title: t('Histogram of the standardised change of {dual} ({geometry}), with a standard Gaussian', { dual: col.candidate.dual, geometry: geometryName(col.candidate.potential) }),
        width,
        height,
        fontSize,
        margin: { top: legendMargin(legend, width, 60, 16, fontSize), left: 44 },
        series: { change, gauss: { label: t('Gaussian'), ...REFERENCE_STYLE } },
        xLabel: t('standard deviations'),
        yLabel: t('density'),
        xName: 'z',
        xDomain: [-5, 5],
        yFormat: (v) => localNumber(v.toFixed(1)),
      });
      col.qq = lineChart({
        title: t('Q–Q plot of the standardised change of {dual} against a Gaussian', { dual: col.candidate.dual }),
        width: p?.qq.width ?? width,
        height: p?.qq.height ?? Math.round(height * 0.9),
        fontSize,
        margin: { top: legendMargin(legend, width, 60, 16, fontSize), left: 44 },
        series: { change, diagonal: { label: t('Gaussian'), ...REFERENCE_STYLE } },
        xLabel: t('Gaussian quantile'),
        yLabel: t('change quantile'),
        xName: t('Gaussian quantile'),
        xDomain: [-3, 3],
        yFormat: (v) => localNumber(String(v)),
      });
      col.histBox.replaceChildren(col.hist.element);
      col.qqBox.replaceChildren(col.qq.element);
    }
    this.draw(this.drawn.m, this.drawn.reveal);
  }
}
