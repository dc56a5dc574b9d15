/**
 * The lazy-vs-rich drawing: one card per output scale α, side by side (stacked on a phone), each with
 * its live numbers (how far the kernel and the hidden weights have moved, how spread the features
 * are, how far the curve is from kernel regression), its hidden units on the circle (circle.ts), and
 * its function f(γ) over kernel regression's. A pure function of the latest metrics.
 */
import type { LazyRichMetrics, RegimeMetrics } from '../../runs/lazy-rich';
import { h } from '../../../../widgets/base/dom';
import { angleAxis, attrs, createPlot, curvePath, pool, type Plot } from '../common/plot';
import { chartSize, fixed, inProjector, percent, stat, type Stat } from '../common/layout';
import { groupNumber, localNumber, t } from '../../../../i18n/t';
import { SIGN_COLORS, UnitCircle, spread } from './circle';
import { legendMargin, projectorFrame } from '../../../../widgets/base/panels';
import { describeData } from '../../../../viz/dataTable';
import { lazyRichTables } from '../common/tables';

/** How a network's scale reads: α√width is 1 for the mean-field network, √width for the NTK one. */
export function regimeName(alpha: number, width: number): string {
  const meanField = alpha * Math.sqrt(width);
  if (Math.abs(meanField - 1) < 0.05) return t('mean-field scaling, 1/√width');
  if (Math.abs(alpha - 1) < 1e-9) return t('NTK scaling');
  return alpha > 1 ? t('lazier than NTK') : alpha * Math.sqrt(width) < 1 ? t('beyond mean-field') : t('between NTK and mean-field');
}

/** The curve's legend, in the page's language. */
const curveLegend = () => [
  { label: t('network'), color: 'var(--fg, #1b1b1b)', dash: '', kind: 'line' as const },
  { label: t('kernel regression'), color: 'var(--muted, #5f5f5f)', dash: '6 4', kind: 'line' as const },
];

interface Card {
  element: HTMLElement;
  heading: HTMLElement;
  sub: HTMLElement;
  circleBox: HTMLElement;
  curveBox: HTMLElement;
  circle: UnitCircle | null;
  curve: Plot | null;
  stats: Record<'kernel' | 'hidden' | 'spread' | 'gap', Stat>;
}

export class LazyRichView {
  readonly element: HTMLElement;
  private readonly cards: Card[];
  private latest: LazyRichMetrics | null = null;
  /** The projector layout the charts were drawn for ('' on the page). */
  private projectorKey = '';

  constructor() {
    this.cards = ['left', 'right'].map((side) => {
      const heading = h('span', { class: 'ntk-card-alpha', attrs: { 'data-testid': `alpha-${side}` } });
      const sub = h('span', { class: 'ntk-sub' });
      const stats = {
        kernel: stat(t('Kernel moved'), `kernel-${side}`),
        hidden: stat(t('Hidden weights moved'), `hidden-${side}`),
        spread: stat(t('Features’ spread'), `spread-${side}`, t('start → now; 1 = even')),
        gap: stat(t('From kernel regression'), `gap-${side}`),
      };
      // lm-fill: in projector mode the circle and the curve take the card's free height, drawn at their size (ntk.css).
      const circleBox = h('div', { class: 'ntk-circle lm-fill', attrs: { 'data-testid': `units-${side}` } });
      const curveBox = h('div', { class: 'ntk-panel lm-fill', attrs: { 'data-testid': `curve-${side}` } });
      const left = side === 'left';
      const element = h('section', { class: 'ntk-card', attrs: { 'data-side': side, 'aria-label': left ? t('left network') : t('right network') } }, [
        h('p', { class: 'ntk-panel-title' }, [heading, ' ', sub]),
        h('div', { class: 'ntk-stats ntk-stats-compact', attrs: { role: 'group', 'aria-label': left ? t('left network now') : t('right network now') } }, Object.values(stats).map((s) => s.element)),
        h('div', { class: 'ntk-card-body' }, [circleBox, curveBox]),
      ]);
      return { element, heading, sub, circleBox, curveBox, circle: null, curve: null, stats };
    });
    // The key's sentence holds two colour dots: {positive} and {negative} mark where they go.
    const sentence = t('{positive} unit with a positive output weight, {negative} negative; distance from the centre grows with ‖wᵢ‖, area ∝ its share of the output, a line to where it started. Round the outside: the output’s weight per direction, now (filled) and at the start (dashed).');
    const dots: Record<string, string> = { positive: SIGN_COLORS.positive, negative: SIGN_COLORS.negative };
    const key = h('p', { class: 'ntk-note ntk-key' }, sentence.split(/(\{positive\}|\{negative\})/).filter(Boolean).map((part) => (/^\{\w+\}$/.test(part) ? dot(dots[part.slice(1, -1)]) : part)));
    this.element = h('div', { class: 'ntk-lazy-rich' }, [h('div', { class: 'ntk-cards' }, this.cards.map((c) => c.element)), key]);
    describeData(this.element, () => lazyRichTables(this.latest));
  }

  get charts(): SVGSVGElement[] {
    return [...this.cards.map((c) => c.circle?.svg), ...this.cards.map((c) => c.curve?.svg)].filter((s): s is SVGSVGElement => Boolean(s));
  }

  fit(host: Element, available: number): void {
    // Projector mode: each card's circle and curve at their boxes' size with the projector's font.
    const p = projectorFrame(this.cards[0].circleBox);
    const q = p && projectorFrame(this.cards[0].curveBox);
    const key = p && q ? `${p.width}×${p.height}|${q.width}×${q.height}` : '';
    if (key && key === this.projectorKey) return;
    this.projectorKey = key;
    if (p && q) {
      this.element.classList.add('ntk-two', 'ntk-side');
      this.cards.forEach((card, i) => {
        const size = Math.min(p.width, p.height);
        card.circle = new UnitCircle(size, circleTitle(i), p.fontSize);
        // Square, at its drawn size (the box may be wider or taller).
        card.circle.svg.style.width = `${size}px`;
        card.circle.svg.style.height = `${size}px`;
        card.circleBox.replaceChildren(card.circle.svg);
        const legend = curveLegend();
        card.curve = createPlot({
          title: curveTitle(i),
          width: q.width,
          height: q.height,
          font: q.fontSize,
          margin: { top: legendMargin(legend.map((l) => l.label), q.width, 40, 14, q.fontSize), left: 40 },
          x: angleAxis(),
          y: { domain: [-1.6, 1.6], ticks: [-1, 0, 1] },
        });
        card.curve.legend(legend);
        card.curveBox.replaceChildren(card.curve.svg);
      });
      this.draw(this.latest);
      return;
    }
    const columns = available >= 560 ? 2 : 1;
    const cardWidth = columns === 2 ? Math.floor((available - 20) / 2) : available;
    // In projector mode each card puts its circle beside its curve (ntk.css), both scaled up to half the card.
    const projector = inProjector(host) && cardWidth >= 600;
    const column = projector ? Math.floor((cardWidth - 16) / 2) : cardWidth;
    const size = Math.min(column, 380);
    const curve = projector ? chartSize(host, column, 0.7, 0.4, 400) : { width: cardWidth, height: Math.round(cardWidth * 0.5) };
    this.cards.forEach((card, i) => {
      card.circle = new UnitCircle(size, circleTitle(i));
      // Scaled up beside the curve, but no taller than the screen has room for.
      if (projector) card.circle.svg.style.maxWidth = '22rem';
      card.circleBox.replaceChildren(card.circle.svg);
      card.curve = createPlot({
        title: curveTitle(i),
        ...curve,
        margin: { top: 28, left: 40 },
        x: angleAxis(),
        y: { domain: [-1.6, 1.6], ticks: [-1, 0, 1] },
      });
      card.curve.legend(curveLegend());
      card.curveBox.replaceChildren(card.curve.svg);
    });
    this.element.classList.toggle('ntk-two', columns === 2);
    this.element.classList.toggle('ntk-side', projector);
    this.draw(this.latest);
  }

  draw(m: LazyRichMetrics | null): void {
    this.latest = m;
    if (!m) return;
    const densityScale = Math.max(1e-9, ...m.regimes.flatMap((r) => [...r.densityStart, ...r.densityNow]));
    m.regimes.forEach((regime, i) => {
      const card = this.cards[i];
      if (!card) return;
      card.heading.textContent = `α = ${localNumber(alphaText(regime.alpha))}`;
      card.sub.textContent = regimeName(regime.alpha, m.width);
      this.drawStats(card, regime, m.step);
      card.circle?.update(regime, m.trainAngles, densityScale);
      if (card.curve) drawCurve(card.curve, m, regime);
    });
  }

  private drawStats(card: Card, r: RegimeMetrics, step: number): void {
    const started = step > 0;
    card.stats.kernel.set(started ? percent(r.kernelChange) : '–', t('‖Θₜ − Θ₀‖ / ‖Θ₀‖ on the training points'));
    card.stats.hidden.set(started ? percent(r.hiddenChange) : '–', '‖Wₜ − W₀‖ / ‖W₀‖');
    card.stats.spread.set(`${fixed(spread(r.densityStart), 2)} → ${fixed(spread(r.densityNow), 2)}`);
    card.stats.gap.set(percent(r.gap), t('RMS over the circle of (f − kernel regression), relative to the targets'));
  }
}

export function alphaText(alpha: number): string {
  return String(Number(alpha.toPrecision(2)));
}

function drawCurve(plot: Plot, m: LazyRichMetrics, r: RegimeMetrics): void {
  const [zero, regression, network] = pool(plot.layer('curves'), 'path', 3, { fill: 'none' });
  attrs(zero, { d: curvePath(plot, [-Math.PI, Math.PI], [0, 0]), stroke: 'var(--border, #d9d9d9)' });
  attrs(regression, { d: curvePath(plot, m.grid, m.kernelRegression), stroke: 'var(--muted, #5f5f5f)', 'stroke-width': 1.6, 'stroke-dasharray': '6 4' });
  attrs(network, { d: curvePath(plot, m.grid, r.network), stroke: 'var(--fg, #1b1b1b)', 'stroke-width': 2, class: 'series' });
  pool(plot.layer('points'), 'circle', m.trainAngles.length, { r: 4.5, fill: 'var(--fg, #1b1b1b)', stroke: 'var(--bg, #fff)', 'stroke-width': 2 }).forEach((c, i) => attrs(c, { cx: plot.x(m.trainAngles[i]), cy: plot.y(m.targets[i]) }));
  plot.desc.textContent = t('The network at α = {alpha} after {step} steps, {gap} from kernel regression.', { alpha: localNumber(alphaText(r.alpha)), step: groupNumber(m.step), gap: percent(r.gap) });
}

function circleTitle(i: number): string {
  return i ? t('The right network’s hidden units on the circle') : t('The left network’s hidden units on the circle');
}

function curveTitle(i: number): string {
  return i ? t('The right network’s function and kernel regression') : t('The left network’s function and kernel regression');
}

function dot(color: string): HTMLElement {
  return h('span', { class: 'ntk-dot', attrs: { style: `background:${color}`, 'aria-hidden': 'true' } });
}
