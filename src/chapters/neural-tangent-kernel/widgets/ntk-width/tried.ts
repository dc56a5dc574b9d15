/**
 * The widths the reader has run, side by side: after the fit, how far each width's networks ended from
 * their kernel twins, on log–log axes with a line ∝ 1/√width through the points. Widening the network
 * with the slider builds the reproduce table's last column, one dot at a time. Kept on the page only,
 * for one seed, parameterisation and number of networks (a change of those starts it afresh).
 */
import { svgEl } from '../../../../viz/svg';
import { legendMargin } from '../../../../widgets/base/panels';
import { attrs, createPlot, curvePath, pool, type Plot } from '../common/plot';
import { percentText } from '../common/layout';
import { groupNumber, isFrench, localNumber, t } from '../../../../i18n/t';

/** A width's gap counts once its networks have fitted (the slowest direction has shrunk ≈ 10⁶× by step 36 at η = 0.5). */
export const SETTLED_STEP = 60;
const DOMAIN = [0.001, 1] as const;

export class TriedWidths {
  private plot: Plot | null = null;
  private readonly gaps = new Map<number, number>();
  private current = 0;
  private key = '';
  private hint: SVGTextElement | null = null;

  get svg(): SVGSVGElement | null {
    return this.plot?.svg ?? null;
  }

  /** The gaps recorded so far, by width (tests, summary). */
  get entries(): [number, number][] {
    return [...this.gaps].sort((a, b) => a[0] - b[0]);
  }

  fit(width: number, height: number, font?: number): void {
    const run = t('a width run (dot)');
    const reference = t('∝ 1/√width');
    this.plot = createPlot({
      title: t('The gap to the kernel twins after the fit, for each width run so far'),
      width,
      height,
      margin: { top: font ? legendMargin([run, reference], width, 44, 10, font) : 46, left: 44, right: 10 },
      font,
      x: { domain: [7, 14000], log: true, label: t('width'), ticks: [10, 100, 1000, 10000], format: (v) => (v >= 1000 ? `${v / 1000}${isFrench() ? '\u202f' : ''}k` : String(v)) },
      y: { domain: DOMAIN, log: true, label: t('gap after the fit'), ticks: [0.001, 0.01, 0.1, 1], format: (v) => percentText(String(Number((100 * v).toPrecision(1)))) },
    });
    this.plot.legend([
      { label: run, color: 'var(--c0, #0072b2)', dash: '', kind: 'line' },
      { label: reference, color: 'var(--muted, #5f5f5f)', dash: '2 4', kind: 'line' },
    ]);
    this.plot.layer('reference');
    this.plot.layer('dots');
    this.hint = svgEl(document, 'text', { x: this.plot.innerWidth / 2, y: this.plot.innerHeight / 2, 'text-anchor': 'middle', fill: 'var(--muted, #5f5f5f)', 'font-size': font ?? 11 }, this.plot.overlay);
    this.hint.textContent = t('fitted widths appear here');
    this.draw();
  }

  /** The run now showing: a new seed, parameterisation or ensemble size forgets the widths before it. */
  setRun(key: string, width: number): void {
    if (key !== this.key) this.gaps.clear();
    this.key = key;
    this.current = width;
    this.draw();
  }

  record(width: number, step: number, gap: number): void {
    if (step < SETTLED_STEP || !Number.isFinite(gap) || gap <= 0) return;
    this.gaps.set(width, gap);
    this.draw();
  }

  private draw(): void {
    const plot = this.plot;
    if (!plot) return;
    const points = this.entries;
    if (this.hint) this.hint.style.display = points.length ? 'none' : '';
    const logs = points.map(([w, g]) => Math.log(g * Math.sqrt(w)));
    const c = logs.length ? Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length) : NaN;
    const [ref] = pool(plot.layer('reference'), 'path', 1, { fill: 'none', stroke: 'var(--muted, #5f5f5f)', 'stroke-width': 1.5, 'stroke-dasharray': '2 4' });
    ref.setAttribute('d', points.length >= 2 ? curvePath(plot, [7, 14000], [c / Math.sqrt(7), c / Math.sqrt(14000)], true) : '');
    pool(plot.layer('dots'), 'circle', points.length, { stroke: 'var(--bg, #fff)', 'stroke-width': 1.5 }).forEach((dot, i) => {
      const [w, g] = points[i];
      const now = w === this.current;
      attrs(dot, { cx: plot.x(w), cy: plot.y(Math.max(DOMAIN[0], Math.min(DOMAIN[1], g))), r: now ? 6 : 4.5, fill: now ? 'var(--c1, #d55e00)' : 'var(--c0, #0072b2)' });
    });
    plot.desc.textContent = points.length
      ? t('Gap after the fit by width: {gaps}.', { gaps: points.map(([w, g]) => `${groupNumber(w)}: ${percentText(localNumber((100 * g).toPrecision(2)))}`).join(', ') })
      : t('No width has finished fitting yet.');
  }
}
