/**
 * The comparison figure's drawing: a scoreboard (one card per rule: test accuracy and the angle of
 * its error signal to backprop's), four charts (test accuracy or its difference from backprop,
 * test loss, the per-layer angle to backprop, the angle between W and Bᵀ), the same-start check
 * and the log of live changes. A pure function of the run's evaluations: `draw` can be called any
 * time, and a rebuilt chart redraws the whole history.
 */
import type { FaCompareMetrics } from '../../runs/compare';
import { formatPercent, lineChart, textColor, type LineChart, type SeriesOptions } from '../../../../viz';
import type { SettingValue } from '../../../../settings/schema';
import { h } from '../../../../widgets/base/dom';
import { chartHeight, chartPanel, composeFigure, LAYER_DASH, legendMargin, panelWidth, projectorFrame, REFERENCE, ruleStyle, showNote, swatch, type ChartPanel } from './panels';
import { differenceFromBackprop, markerLines, ruleCurve, ruleValues, sameStart, spread, type Pick } from './series';
import { groupNumber, localNumber, t } from '../../../../i18n/t';

export interface LiveChange {
  step: number;
  /** The setting changed, and its value before. */
  key: string;
  from: SettingValue;
  /** "learning rate 0.05 → 0.005" */
  text: string;
}

export interface ViewSetup {
  rules: string[];
  depth: number;
  seeds: number;
  /** 'accuracy' or 'difference' (from backprop). */
  view: string;
}

type ChartKey = 'accuracy' | 'loss' | 'angle' | 'feedback';

const MIN_X = 250;
const ANGLE_DOMAIN: [number, number] = [0, 120];
const FEEDBACK_RULES = ['fa', 'dfa'];
const ALIGNED_RULES = ['fa', 'dfa', 'sign-symmetry'];
const degrees = (v: number) => (Number.isFinite(v) ? localNumber(`${v.toFixed(1)}°`) : '–');

interface Card {
  acc: HTMLElement;
  range: HTMLElement;
  meta: HTMLElement;
}

export class CompareView {
  readonly element: HTMLElement;
  private readonly board = h('div', { class: 'fa-board', attrs: { role: 'list', 'aria-label': t('Each rule now') } });
  private readonly grid = h('div', { class: 'fa-grid' });
  private readonly check = h('p', { class: 'fa-check', attrs: { 'data-testid': 'same-start' } });
  private readonly log = h('p', { class: 'fa-changes', attrs: { 'data-testid': 'changes', hidden: true } });
  private readonly panels: Record<ChartKey, ChartPanel> = {
    accuracy: chartPanel(t('Test accuracy'), t('2,000 held-out digits'), 'chart-accuracy'),
    loss: chartPanel(t('Test loss'), t('cross-entropy, log scale'), 'chart-loss'),
    angle: chartPanel(t('Angle to backprop’s signal'), t('per hidden layer; 90° = unrelated'), 'chart-angle'),
    feedback: chartPanel(t('Angle between W and Bᵀ'), t('forward vs fixed feedback weights'), 'chart-feedback'),
  };
  private readonly charts: Partial<Record<ChartKey, LineChart>> = {};
  private readonly cards = new Map<string, Card>();
  private setup: ViewSetup = { rules: [], depth: 1, seeds: 1, view: 'accuracy' };
  /** `key`: the projector layout the charts were built for ('' on the page). */
  private layout = { width: 0, columns: 0, key: '' };
  private markers = false;
  /** What was drawn last, so a rebuilt chart (resize, projector, view) redraws it. */
  private drawn: { history: readonly FaCompareMetrics[]; changes: readonly LiveChange[] } = { history: [], changes: [] };

  constructor() {
    this.grid.append(...Object.values(this.panels).map((p) => p.element));
    this.element = h('div', { class: 'fa-compare' }, [this.board, this.grid, h('div', { class: 'fa-foot' }, [this.check, this.log])]);
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.fit()).observe(this.grid);
  }

  /** A new run (rules, depth, seeds) or a new view: rebuild the cards and charts. */
  configure(setup: ViewSetup, changes: readonly LiveChange[]): void {
    const { rules, depth, seeds } = this.setup;
    // Another run's evaluations do not belong to the new figure (only the view may change in place).
    if (setup.rules.join() !== rules.join() || setup.depth !== depth || setup.seeds !== seeds) this.drawn = { history: [], changes: [] };
    this.setup = { ...setup };
    this.markers = changes.length > 0;
    this.buildCards();
    this.buildCharts();
  }

  /** The first live change adds the marker series to the accuracy chart. */
  noteChanges(changes: readonly LiveChange[]): void {
    this.log.hidden = changes.length === 0;
    this.log.textContent = changes.length ? t('Changed mid-run: {changes}.', { changes: changes.map((c) => t('step {step}, {change}', { step: groupNumber(c.step), change: c.text })).join('; ') }) : '';
    if (changes.length > 0 && !this.markers) {
      this.markers = true;
      this.buildCharts(['accuracy']);
    }
  }

  /** Re-lay the charts out if the column width changed (phones), or always (`force`: projector mode toggled). */
  fit(force = false): void {
    const p = this.projector();
    if (p || this.layout.key) {
      if (force || (p ? `${p.width}×${p.height}` : '') !== this.layout.key) this.buildCharts();
      return;
    }
    const next = panelWidth(this.grid);
    if (force || Math.abs(next.width - this.layout.width) >= 24 || next.columns !== this.layout.columns) this.buildCharts();
  }

  draw(history: readonly FaCompareMetrics[], changes: readonly LiveChange[]): void {
    this.drawn = { history, changes };
    const { rules, view } = this.setup;
    const bp = rules.indexOf('backprop');
    const difference = view === 'difference' && bp >= 0;
    const last = history.at(-1);
    const maxX = Math.max(MIN_X, last?.step ?? 0);
    const accuracy = this.charts.accuracy;
    if (accuracy) {
      const pick: Pick = difference ? differenceFromBackprop : (m) => m.testAccuracy;
      let lo = difference ? -1 : 0;
      let hi = difference ? 1 : 1;
      rules.forEach((rule) => {
        const c = ruleCurve(history, rule, pick);
        // Backprop minus itself is exactly 0 under every seed: a line, no band.
        this.plot(accuracy, rule, c, !(difference && rule === 'backprop'));
        if (difference) for (const v of [...c.lo, ...c.hi]) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
      });
      if (this.markers) {
        const m = markerLines(changes.map((c) => c.step), lo, hi);
        accuracy.setSeries('changes', m.xs, m.ys);
      }
      accuracy.render();
    }
    const loss = this.charts.loss;
    if (loss) {
      rules.forEach((rule) => this.plot(loss, rule, ruleCurve(history, rule, (m) => m.testLoss)));
      loss.render();
    }
    const angle = this.charts.angle;
    if (angle) {
      rules.forEach((rule) => {
        if (!ALIGNED_RULES.includes(rule)) return;
        for (let l = 0; l < this.setup.depth; l++) this.plot(angle, `${rule}:${l}`, ruleCurve(history, rule, (m) => m.angles[l] ?? NaN));
      });
      angle.setSeries('ninety', [0, maxX], [90, 90]);
      angle.render();
    }
    const feedback = this.charts.feedback;
    if (feedback) {
      rules.forEach((rule) => {
        if (!FEEDBACK_RULES.includes(rule)) return;
        for (let l = 0; l < this.setup.depth; l++) this.plot(feedback, `${rule}:${l}`, ruleCurve(history, rule, (m) => m.feedbackAngles?.[l] ?? NaN));
      });
      feedback.setSeries('ninety', [0, maxX], [90, 90]);
      feedback.render();
    }
    this.drawCards(last);
    this.drawCheck(last);
  }

  /** The four charts in one SVG, laid out as on screen (for the PNG/SVG export). */
  exportFigure(title: string, colors: { background: string; text: string }): SVGSVGElement | null {
    const shown = (Object.keys(this.panels) as ChartKey[])
      .filter((k) => this.charts[k] && !this.panels[k].box.hidden)
      .map((k) => ({ svg: this.charts[k]!.element, title: this.panels[k].element.querySelector('.fa-panel-title span')?.textContent ?? '' }));
    return shown.length ? composeFigure(shown, Math.max(1, this.layout.columns), title, colors) : null;
  }

  private plot(chart: LineChart, key: string, c: { xs: number[]; mean: number[]; lo: number[]; hi: number[] }, band = true): void {
    chart.setSeries(key, c.xs, c.mean);
    if (band && this.setup.seeds > 1) chart.setBand(key, c.xs, c.lo, c.hi);
  }

  private buildCards(): void {
    this.cards.clear();
    this.board.replaceChildren(
      ...this.setup.rules.map((rule) => {
        const s = ruleStyle(rule);
        const acc = h('p', { class: 'fa-card-acc', text: '–', attrs: { 'data-testid': `acc-${rule}` } });
        const range = h('p', { class: 'fa-card-range', text: '', attrs: { hidden: this.setup.seeds < 2 } });
        const meta = h('p', { class: 'fa-card-meta', text: '', attrs: { 'data-testid': `meta-${rule}` } });
        this.cards.set(rule, { acc, range, meta });
        const card = h('div', { class: 'fa-card', attrs: { role: 'listitem', 'data-rule': rule } }, [
          h('p', { class: 'fa-card-name' }, [swatch(s.color, s.dash), h('strong', { text: s.short }), h('span', { class: 'fa-card-label', text: s.label })]),
          acc,
          range,
          meta,
        ]);
        card.style.setProperty('--rule-color', s.color);
        card.style.setProperty('--rule-text', textColor(s.color));
        return card;
      }),
    );
  }

  private drawCards(last: FaCompareMetrics | undefined): void {
    const multi = this.setup.seeds > 1;
    this.setup.rules.forEach((rule) => {
      const card = this.cards.get(rule);
      if (!card) return;
      if (!last || !last.rules.includes(rule)) {
        card.acc.textContent = '–';
        card.range.textContent = '';
        card.meta.textContent = '';
        return;
      }
      const acc = spread(ruleValues(last, rule, (m) => m.testAccuracy));
      const text = formatPercent(acc.mean);
      if (card.acc.textContent !== text) card.acc.textContent = text;
      const range = multi && Number.isFinite(acc.lo) ? t('{n} seeds: {lo}–{hi}%', { n: last.seeds.length, lo: localNumber((100 * acc.lo).toFixed(1)), hi: localNumber((100 * acc.hi).toFixed(1)) }) : '';
      if (card.range.textContent !== range) card.range.textContent = range;
      let meta: string;
      if (rule === 'backprop') meta = t('the exact gradient');
      else if (rule === 'output-only') meta = t('hidden layers frozen');
      else {
        const layers = Array.from({ length: this.setup.depth }, (_, l) => spread(ruleValues(last, rule, (m) => m.angles[l] ?? NaN)).mean);
        meta = this.setup.depth > 1 ? t('angle to BP by layer {angles}', { angles: layers.map(degrees).join(' · ') }) : t('angle to BP {angle}', { angle: degrees(layers[0]) });
      }
      if (card.meta.textContent !== meta) card.meta.textContent = meta;
    });
  }

  private drawCheck(last: FaCompareMetrics | undefined): void {
    if (!last) {
      this.check.textContent = '';
      return;
    }
    const sums = last.initChecksums;
    const same = sameStart(sums);
    this.check.dataset.same = String(same);
    this.check.dataset.checksums = JSON.stringify(sums);
    const n = this.setup.rules.length;
    const seeds = sums.length > 1 ? t(', under each of {n} seeds,', { n: sums.length }) : '';
    const checksum = sums.length > 1 ? t('checksums per seed {sums}', { sums: sums.map((row) => row[0]).join(', ') }) : t('checksum {sum}', { sum: sums[0][0] });
    const epoch = t('Epoch {epoch} of 5.', { epoch: localNumber(last.epoch.toFixed(1)) });
    const text = same
      ? n === 1
        ? t('{epoch} The network starts{seeds} from identical weights ({checksum}) and sees the same minibatches: any gap between curves comes from the rule.', { epoch, seeds, checksum })
        : t('{epoch} All {n} networks start{seeds} from identical weights ({checksum}) and see the same minibatches: any gap between curves comes from the rule.', { epoch, n, seeds, checksum })
      : t('{epoch} The networks did not start from identical weights (checksums {sums}).', { epoch, sums: sums.map((row) => row.join('/')).join(', ') });
    if (this.check.textContent !== text) this.check.textContent = text;
  }

  /** In projector mode, the size CSS gives a shown chart box (they are all alike) and the projector's font. */
  private projector() {
    const box = Object.values(this.panels).find((p) => !p.box.hidden && p.element.getClientRects().length > 0)?.box;
    return box ? projectorFrame(box) : null;
  }

  private buildCharts(only?: ChartKey[]): void {
    const p = this.projector();
    const page = panelWidth(this.grid);
    const width = p?.width ?? page.width;
    const columns = page.columns;
    this.layout = { width, columns, key: p ? `${p.width}×${p.height}` : '' };
    const height = p?.height ?? chartHeight(width, columns, this.element);
    const fontSize = p?.fontSize;
    const { rules, depth, view } = this.setup;
    const bp = rules.indexOf('backprop');
    const difference = view === 'difference' && bp >= 0;
    const layerLabel = (l: number) => (depth > 1 ? t(' · layer {n}', { n: l + 1 }) : '');
    const perRule = (rs: string[]): Record<string, SeriesOptions> =>
      Object.fromEntries(rs.map((r) => [r, { label: ruleStyle(r).short, color: ruleStyle(r).color, dash: ruleStyle(r).dash }]));
    const perLayer = (rs: string[]): Record<string, SeriesOptions> =>
      Object.fromEntries(
        rs.flatMap((r) =>
          Array.from({ length: depth }, (_, l) => [`${r}:${l}`, { label: `${ruleStyle(r).short}${layerLabel(l)}`, color: ruleStyle(r).color, dash: depth > 1 ? LAYER_DASH[l] : ruleStyle(r).dash, format: degrees }] as const),
        ),
      );
    const ninety = { ninety: { label: '90°', color: REFERENCE.color, dash: REFERENCE.dash, format: degrees } };
    const make = (key: ChartKey, series: Record<string, SeriesOptions>, options: Partial<Parameters<typeof lineChart>[0]>, title: string) => {
      if (only && !only.includes(key)) return;
      const chart = lineChart({
        title,
        width,
        height,
        fontSize,
        margin: { top: legendMargin(Object.values(series).map((s) => s.label ?? ''), width, 60, 16, fontSize) },
        xLabel: t('training steps'),
        xDomain: [0, MIN_X],
        series,
        ...options,
      });
      this.charts[key] = chart;
      this.panels[key].box.replaceChildren(chart.element);
    };
    const accSeries = perRule(rules);
    if (this.markers) accSeries.changes = { label: t('setting changed'), color: REFERENCE.color, dash: '1 3' };
    make(
      'accuracy',
      accSeries,
      difference
        ? { yLabel: t('points vs BP'), yFormat: (v) => localNumber(`${v > 0 ? '+' : ''}${v.toFixed(1)}`), xName: t('step') }
        : { yLabel: t('test accuracy'), yDomain: [0, 1], yFormat: (v) => formatPercent(v, 0) },
      difference ? t('Test accuracy minus backprop’s, in points') : t('Test accuracy per rule over training steps'),
    );
    make('loss', perRule(rules), { yLabel: t('test loss'), yScale: 'log', yFormat: (v) => localNumber(v.toPrecision(2)) }, t('Test loss per rule over training steps'));
    const aligned = rules.filter((r) => ALIGNED_RULES.includes(r));
    make('angle', { ...perLayer(aligned), ...ninety }, { yLabel: t('degrees'), yDomain: ANGLE_DOMAIN, yFormat: (v) => `${v}°` }, t('Angle between each rule’s hidden error signal and backprop’s'));
    const withB = rules.filter((r) => FEEDBACK_RULES.includes(r));
    make('feedback', { ...perLayer(withB), ...ninety }, { yLabel: t('degrees'), yDomain: ANGLE_DOMAIN, yFormat: (v) => `${v}°` }, t('Angle between the forward weights and the transposed feedback weights'));
    const accTitle = this.panels.accuracy.element.querySelector('.fa-panel-title span');
    if (accTitle) accTitle.textContent = difference ? t('Accuracy minus backprop’s') : t('Test accuracy');
    // Under the accuracy chart (which stays): the difference view needs backprop.
    const needsBp = view === 'difference' && bp < 0;
    this.panels.accuracy.note.hidden = !needsBp;
    this.panels.accuracy.note.textContent = needsBp ? t('Switch backprop on to see each rule’s difference from it; this shows plain accuracy.') : '';
    showNote(this.panels.angle, aligned.length ? null : t('Switch on FA, DFA or sign symmetry to see how far their error signals are from backprop’s.'));
    showNote(this.panels.feedback, withB.length ? null : t('Switch on FA or DFA: only they have fixed feedback weights B to align with.'));
    this.draw(this.drawn.history, this.drawn.changes);
  }
}
