/**
 * <robustness-curves>: is a defended model robust, or does it only resist the attack it was trained
 * against? Three MLPs (clean-trained, FGSM-trained, PGD-trained; the shipped weights) are attacked
 * in the worker by FGSM and by PGD at growing ε, on a few hundred test digits; each point appears
 * as soon as it is measured. Left, the attack is FGSM: the FGSM-trained model looks robust. Right,
 * the attack is PGD: it collapses, while the PGD-trained model holds up near the ε it was trained at.
 */
import { legendMargin, projectorFrame } from '../../../../widgets/base/panels';
import './robustness.css';
import type { RobustnessSnapshot, SweepAttack, SweepModel } from '../../runs/sweep';
import type { TrainerClient } from '../../../../runtime/client';
import { dataBaseUrl } from '../../../../runtime/page';
import { formatPercent, frameThrottle, lineChart, seriesColor, seriesDash, type FrameThrottle, type LineChart } from '../../../../viz';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { h } from '../../../../widgets/base/dom';
import type { Settings } from '../../../../settings/schema';
import { robustnessSchema } from './schema';
import { robustnessKind } from '../../kinds';
import { robustnessConfig } from './config';
import { groupNumber, localNumber, t } from '../../../../i18n/t';

export const MODELS: readonly { key: SweepModel; label: string; trainedAt: string }[] = [
  { key: 'mlp', label: 'clean-trained', trainedAt: 'no adversarial training' },
  { key: 'mlp-fgsm', label: 'FGSM-trained', trainedAt: 'FGSM training at ε = 0.25' },
  { key: 'mlp-pgd', label: 'PGD-trained', trainedAt: 'PGD training at ε = 0.1' },
];
const ATTACKS: readonly SweepAttack[] = ['fgsm', 'pgd'];
/** The table's ε: the FGSM-trained model's training ε. */
const TABLE_EPSILON = 0.25;
const CHART_MAX = 460;
const CHART_MIN = 280;

const pct = (v: number | undefined) => (v === undefined ? '–' : formatPercent(v));

export class RobustnessElement extends TrainingWidget<typeof robustnessKind, typeof robustnessSchema> {
  protected readonly schema = robustnessSchema;
  private snap: RobustnessSnapshot | null = null;
  private charts: Partial<Record<SweepAttack, LineChart>> = {};
  private boxes!: Record<SweepAttack, HTMLElement>;
  private chartWidth = 0;
  /** The projector layout the charts were built for ('' on the page). */
  private projectorKey = '';
  private redraw!: FrameThrottle;
  private progress!: HTMLElement;
  private table!: HTMLTableElement;
  private verdict!: HTMLElement;
  private headings!: Record<SweepAttack, HTMLElement>;

  protected mountStage(stage: HTMLElement): void {
    this.redraw = frameThrottle(() => this.draw());
    this.progress = h('p', { class: 'rob-progress', attrs: { 'data-testid': 'progress' } });
    this.boxes = { fgsm: h('div', { class: 'lm-chart lm-fill', attrs: { 'data-testid': 'chart-fgsm' } }), pgd: h('div', { class: 'lm-chart lm-fill', attrs: { 'data-testid': 'chart-pgd' } }) };
    this.headings = { fgsm: h('p', { class: 'rob-heading' }), pgd: h('p', { class: 'rob-heading' }) };
    this.table = h('table', { class: 'rob-table', attrs: { 'data-testid': 'robustness-table' } });
    this.verdict = h('p', { class: 'rob-verdict', attrs: { 'data-testid': 'verdict' } });
    stage.append(
      this.progress,
      h('div', { class: 'rob-charts' }, ATTACKS.map((a) => h('div', { class: 'rob-panel' }, [this.headings[a], this.boxes[a]]))),
      h('div', { class: 'rob-bottom' }, [this.table, this.verdict]),
    );
    this.buildCharts(CHART_MAX);
    // The table and the verdict at their final size before the models arrive (no numbers yet).
    this.renderTable();
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.fitCharts()).observe(this.boxes.fgsm);
  }

  protected override loadingText(): string {
    return t('Loading the three MLPs and the test digits…');
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.snap = null;
    const run = await this.createRunFrom(trainer, robustnessKind, robustnessConfig(this.settings, this.seed, new URL('../models/', dataBaseUrl()).href));
    this.show(await trainer.evaluate(run));
  }

  protected async advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    const run = this.run;
    if (!run) throw new Error('No run');
    const until = this.snap?.nextPointStep;
    const r = await trainer.train(run, mode === 'step' ? { untilStep: until, budgetMs: 60_000 } : { budgetMs: 40 });
    const snap = await trainer.evaluate(run);
    this.show(snap);
    return { step: snap.step, loss: r.loss, diverged: false, stepsPerSec: r.stepsPerSec, finished: snap.current === null };
  }

  protected async applyLive(trainer: TrainerClient, partial: Settings): Promise<void> {
    void trainer;
    void partial;
  }

  protected summarize(): string {
    const s = this.snap;
    if (!s) return t('Loading.');
    const done = s.points.length;
    if (done === 0) return t('Ready to measure. Press play.');
    const sentence = MODELS.map((m) => {
      const f = this.accuracy(m.key, 'fgsm', TABLE_EPSILON);
      const p = this.accuracy(m.key, 'pgd', TABLE_EPSILON);
      return f === undefined && p === undefined ? '' : t('{model}: {fgsm} against FGSM and {pgd} against PGD at ε {epsilon}', { model: t(m.label), fgsm: pct(f), pgd: pct(p), epsilon: localNumber(String(TABLE_EPSILON)) });
    }).filter(Boolean);
    return t('{state}: {what}.', { state: s.current ? t('Measuring') : t('Done'), what: sentence.join(t('; ')) || t('{n} points measured', { n: done }) });
  }

  protected override onLayoutChange(): void {
    this.fitCharts();
    requestAnimationFrame(() => this.fitCharts());
    this.redraw.request();
  }

  private show(snap: RobustnessSnapshot): void {
    this.snap = snap;
    this.lastStep = snap.step;
    this.dataset.points = String(snap.points.length);
    this.progress.textContent = this.progressText(snap);
    this.renderTable();
    this.redraw.request();
    this.announce(false);
  }

  private progressText(s: RobustnessSnapshot): string {
    const total = s.points.length;
    const c = s.current;
    if (!c) return t('All points measured on {n} test digits.', { n: groupNumber(s.testSize) });
    const model = t(MODELS.find((m) => m.key === c.model)?.label ?? c.model);
    const epsilon = localNumber(String(c.epsilon));
    const what =
      c.epsilon === 0
        ? t('clean digits')
        : c.attack === 'pgd'
          ? t('PGD at ε = {epsilon} (iteration {i} of {n})', { epsilon, i: c.iteration + 1, n: c.iterations })
          : t('FGSM at ε = {epsilon}', { epsilon });
    const done = Math.floor((100 * s.step) / Math.max(1, s.totalSteps));
    const head = total === 0 ? t('Ready: press Play to measure.') : t('{percent} done.', { percent: formatPercent(done / 100, 0) });
    return `${head} ${t('Next: the {model} MLP on {what}, {n} test digits.', { model, what, n: groupNumber(s.testSize) })}`;
  }

  private accuracy(model: SweepModel, attack: SweepAttack, epsilon: number): number | undefined {
    return this.snap?.points.find((p) => p.model === model && p.attack === attack && Math.abs(p.epsilon - epsilon) < 1e-9)?.accuracy;
  }

  /** The grid ε nearest to TABLE_EPSILON. */
  private tableEpsilon(): number {
    const step = this.settings.epsilonStep;
    const max = this.settings.maxEpsilon;
    return Math.min(Number((Math.round(TABLE_EPSILON / step) * step).toFixed(6)), Number((Math.floor(max / step + 1e-9) * step).toFixed(6)));
  }

  private renderTable(): void {
    const e = this.tableEpsilon();
    const col = (name: string, sub: string) => h('th', { attrs: { scope: 'col' } }, [name, h('br'), h('span', { class: 'rob-sub', text: sub })]);
    const head = h('tr', {}, [h('th', { text: 'MLP', attrs: { scope: 'col' } }), col(t('clean'), 'ε = 0'), col('FGSM', `ε = ${localNumber(String(e))}`), col('PGD', `ε = ${localNumber(String(e))}`)]);
    const rows = MODELS.map((m, i) => {
      const swatch = h('span', { class: 'rob-swatch', attrs: { 'aria-hidden': 'true' } });
      swatch.style.background = seriesColor(i);
      const cells = [this.accuracy(m.key, 'fgsm', 0), this.accuracy(m.key, 'fgsm', e), this.accuracy(m.key, 'pgd', e)];
      return h('tr', { attrs: { 'data-model': m.key } }, [
        h('th', { attrs: { scope: 'row', title: t(m.trainedAt) } }, [swatch, t(m.label)]),
        ...cells.map((v, k) => h('td', { text: pct(v), attrs: { 'data-testid': `acc-${m.key}-${['clean', 'fgsm', 'pgd'][k]}` } })),
      ]);
    });
    this.table.replaceChildren(h('caption', { text: t('Accuracy on {n} test digits', { n: groupNumber(this.snap?.testSize ?? this.settings.testSize) }) }), h('thead', {}, [head]), h('tbody', {}, rows));
    const f = this.accuracy('mlp-fgsm', 'fgsm', e);
    const p = this.accuracy('mlp-fgsm', 'pgd', e);
    if (f !== undefined && p !== undefined) {
      const falseRobustness = f - p > 0.3;
      this.verdict.replaceChildren(
        ...(falseRobustness
          ? [
              h('strong', { text: t('False robustness. ') }),
              t('Against FGSM the FGSM-trained MLP keeps {fgsm} of the digits; against PGD at the same ε, only {pgd}. It learned to defeat one attack, not to be robust.', { fgsm: pct(f), pgd: pct(p) }),
            ]
          : [t('The FGSM-trained MLP: {fgsm} against FGSM, {pgd} against PGD at ε = {epsilon}.', { fgsm: pct(f), pgd: pct(p), epsilon: localNumber(String(e)) })]),
      );
      this.verdict.dataset.state = falseRobustness ? 'false-robustness' : 'plain';
    } else {
      this.verdict.textContent = t('Watch the FGSM-trained model (orange) in both panels.');
      delete this.verdict.dataset.state;
    }
  }

  private buildCharts(width: number): void {
    // Projector mode: the charts take their boxes (the free height of the screen) at the projector's font.
    const p = projectorFrame(this.boxes.fgsm);
    this.projectorKey = p ? `${p.width}×${p.height}` : '';
    this.chartWidth = width;
    const iterations = this.settings.pgdIterations;
    const max = this.settings.maxEpsilon;
    this.headings.fgsm.textContent = t('Attacked with FGSM (one step)');
    this.headings.pgd.textContent = t('Attacked with PGD ({n} steps)', { n: iterations });
    for (const attack of ATTACKS) {
      this.charts[attack] = lineChart({
        title: attack === 'fgsm' ? t('Accuracy under FGSM (one step)') : t('Accuracy under PGD ({n} steps)', { n: iterations }),
        width: p?.width ?? width,
        height: p?.height ?? Math.round(width * 0.68),
        fontSize: p?.fontSize,
        margin: p ? { top: legendMargin(MODELS.map((m) => t(m.label)), p.width, 60, 16, p.fontSize) } : undefined,
        xLabel: 'ε, the largest change of any pixel',
        yLabel: 'test accuracy',
        xName: 'ε',
        yDomain: [0, 1],
        xDomain: [0, max],
        yFormat: (v) => formatPercent(v, 0),
        series: Object.fromEntries(MODELS.map((m, i) => [m.key, { label: m.label, color: seriesColor(i), dash: seriesDash(i), format: (v: number) => formatPercent(v) }])),
      });
      this.boxes[attack].replaceChildren(this.charts[attack]!.element);
    }
    this.draw();
  }

  private fitCharts(): void {
    const p = projectorFrame(this.boxes.fgsm);
    if (p || this.projectorKey) {
      if ((p ? `${p.width}×${p.height}` : '') !== this.projectorKey) this.buildCharts(p ? p.width : CHART_MAX);
      if (p) return;
    }
    const available = Math.round(this.boxes.fgsm.clientWidth);
    if (available <= 0) return;
    const width = Math.max(CHART_MIN, Math.min(CHART_MAX, available));
    if (Math.abs(width - this.chartWidth) >= 24) this.buildCharts(width);
  }

  protected override settingChanged(...args: Parameters<TrainingWidget['settingChanged']>): void {
    super.settingChanged(...args);
    // The charts' axes follow the ε range and the PGD label.
    if (args[3] && (args[0] === 'maxEpsilon' || args[0] === 'pgdIterations')) this.buildCharts(this.chartWidth || CHART_MAX);
  }

  private draw(): void {
    const points = this.snap?.points ?? [];
    for (const attack of ATTACKS) {
      const chart = this.charts[attack];
      if (!chart) continue;
      for (const m of MODELS) {
        const ps = points.filter((p) => p.model === m.key && p.attack === attack).sort((a, b) => a.epsilon - b.epsilon);
        chart.setSeries(m.key, ps.map((p) => p.epsilon), ps.map((p) => p.accuracy));
      }
      chart.render();
    }
  }

  /** Both panels side by side in one SVG, each under its heading. */
  protected override exportFigure(): SVGSVGElement | null {
    const [a, b] = [this.charts.fgsm?.element, this.charts.pgd?.element];
    if (!a || !b) return null;
    const w = Number(a.getAttribute('width'));
    const hgt = Number(a.getAttribute('height'));
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', String(2 * w + 20));
    svg.setAttribute('height', String(hgt + 24));
    svg.setAttribute('font-family', 'system-ui, sans-serif');
    ATTACKS.forEach((attack, i) => {
      const label = document.createElementNS('http://www.w3.org/2000/svg', 'text');
      label.setAttribute('x', String(i * (w + 20) + 8));
      label.setAttribute('y', '16');
      label.setAttribute('font-size', '13');
      label.setAttribute('font-weight', '600');
      label.textContent = this.headings[attack].textContent;
      const copy = (i === 0 ? a : b).cloneNode(true) as SVGSVGElement;
      copy.setAttribute('x', String(i * (w + 20)));
      copy.setAttribute('y', '24');
      svg.append(label, copy);
    });
    return svg;
  }
}

if (!customElements.get(robustnessSchema.tag)) customElements.define(robustnessSchema.tag, RobustnessElement);
