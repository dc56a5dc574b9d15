/**
 * What the shift probe draws, as a function of the run's metrics and the shift: a verdict line; the
 * digit as drawn (a drawing pad: draw over it, or clear it and draw your own) beside the digit as the
 * networks see it, moved, with the shift slider and the wrap toggle under it (the element moves those
 * two controls here); a gallery of test digits; a card per net (cards.ts); the accuracy of each net
 * against the shift on test digits, with a marker at the current shift and, with several seeds, the
 * range across them; and, when retraining, how far training has got.
 */
import type { NetId } from '../../nets';
import type { ShiftProbeMetrics } from '../../runs/shift-probe';
import { formatPercent, lineChart, paintImage, type LineChart, type SeriesOptions } from '../../../../viz';
import { shiftImages } from '../../../../lib/data/shift';
import { h } from '../../../../widgets/base/dom';
import { groupNumber, localNumber, t } from '../../../../i18n/t';
import { legendMargin, projectorFrame } from '../../../../widgets/base/panels';
import { DrawPad, SIZE } from '../../../../widgets/base/draw-pad';
import { FIGURE_NET_IDS, netStyle } from '../nets-style';
import { NetCards } from './cards';
import { curveOf, expected, answerAt, formatShift, SHIFTS, type Curve } from './series';

export interface ProbeViewCallbacks {
  onDraw(image: Float32Array, final: boolean): void;
  onPick(slot: number): void;
  onShift(shift: number): void;
}

export interface ProbeState {
  shift: number;
  wrap: boolean;
  /** Retraining: the seeds, and whether it is training now. */
  retraining: boolean;
}

/** The current shift's marker on the curves (a function: its label is read in the page's language). */
const marker = () => ({ label: t('this shift'), color: 'var(--muted, #5f5f5f)', dash: '2 3' });

export class ShiftProbeView {
  readonly element: HTMLElement;
  readonly pad: DrawPad;
  /** The element puts the shift slider and the wrap toggle in here. */
  readonly controlSlot = h('div', { class: 'sp-controls' });
  private readonly verdict = h('p', { class: 'sp-verdict', attrs: { 'data-testid': 'verdict' } });
  private readonly shifted = h('canvas', { class: 'sp-img', attrs: { width: SIZE, height: SIZE, role: 'img', 'aria-label': t('The digit as the networks see it'), 'data-testid': 'shifted' } });
  private readonly shiftedTitle = h('p', { class: 'sp-panel-title', text: t('As the networks see it') });
  private readonly gallery = h('div', { class: 'sp-gallery', attrs: { role: 'group', 'aria-label': t('Test digits to probe'), 'data-testid': 'gallery' } });
  private readonly thumbs: HTMLButtonElement[] = [];
  private readonly cards: NetCards;
  private readonly chartBox = h('div', { class: 'sp-chart lm-chart lm-fill', attrs: { 'data-testid': 'curves' } });
  private readonly chartNote = h('p', { class: 'sp-note', attrs: { 'data-testid': 'curve-note' } });
  private readonly progress = h('div', { class: 'sp-progress', attrs: { 'data-testid': 'progress', hidden: true } });
  private readonly progressBar = h('span', { class: 'sp-progress-bar' });
  private readonly progressText = h('span', { class: 'sp-progress-text' });
  private chart: LineChart | null = null;
  private chartKey = '';
  private chartWidth = 0;
  /** Projector mode: the box's size the chart was drawn at ('' on the page). */
  private frameKey = '';
  private last: { m: ShiftProbeMetrics; state: ProbeState } | null = null;
  private curves: (Curve | null)[] = [];

  constructor(callbacks: ProbeViewCallbacks) {
    this.pad = new DrawPad({ label: 'The digit: draw over it, or clear the pad and draw your own', onChange: (image, final) => callbacks.onDraw(image, final) });
    this.cards = new NetCards((shift) => callbacks.onShift(shift));
    const clear = h('button', { class: 'lm-button sp-clear', text: t('Clear'), attrs: { type: 'button', 'data-testid': 'clear', title: t('Clear the pad to draw your own digit (C)') } });
    clear.addEventListener('click', () => this.pad.clear());
    this.progress.append(h('span', { class: 'sp-progress-track', attrs: { 'aria-hidden': 'true' } }, [this.progressBar]), this.progressText);
    const drawn = h('section', { class: 'sp-panel', attrs: { 'aria-label': t('The digit') } }, [h('p', { class: 'sp-panel-title', text: t('The digit') }), this.pad.element, clear]);
    const seen = h('section', { class: 'sp-panel sp-seen', attrs: { 'aria-label': t('As the networks see it') } }, [this.shiftedTitle, this.shifted]);
    const gallery = h('div', { class: 'sp-gallery-wrap' }, [h('p', { class: 'sp-note', text: t('Test digits: pick one, or draw on the pad.') }), this.gallery]);
    this.element = h('div', { class: 'sp' }, [
      this.verdict,
      h('div', { class: 'sp-top' }, [drawn, h('span', { class: 'sp-arrow', text: '→', attrs: { 'aria-hidden': 'true' } }), seen, this.controlSlot, gallery]),
      this.progress,
      this.cards.element,
      h('div', { class: 'sp-curves' }, [h('p', { class: 'sp-panel-title', text: t('Accuracy on test digits against the shift') }), this.chartBox, this.chartNote]),
    ]);
    this.gallery.addEventListener('click', (e) => {
      const button = (e.target as Element).closest('button');
      if (button?.dataset.slot) callbacks.onPick(Number(button.dataset.slot));
    });
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.fit()).observe(this.chartBox);
  }

  /** Before the first metrics: the figure at its final size, empty (cards, gallery slots, the curves' axes). */
  placeholder(retraining: boolean): void {
    this.cards.build(FIGURE_NET_IDS);
    if (!this.thumbs.length) this.gallery.replaceChildren(...Array.from({ length: 20 }, () => h('button', { class: 'sp-thumb sp-thumb-slot', attrs: { type: 'button', disabled: true, 'aria-hidden': 'true', tabindex: -1 } }, [h('canvas', { attrs: { width: SIZE, height: SIZE } })])));
    this.progress.hidden = !retraining;
    const width = this.width();
    this.buildChart(FIGURE_NET_IDS, width, `${FIGURE_NET_IDS.join()}|false`);
    this.chartNote.textContent = t('Measuring on held-out test digits…');
  }

  /** The gallery's thumbnails: grey levels 0..255, 784 per digit. */
  setGallery(images: Uint8Array, labels: Uint8Array): void {
    this.thumbs.length = 0;
    this.gallery.replaceChildren(
      ...Array.from(labels, (label, i) => {
        const canvas = h('canvas', { attrs: { width: SIZE, height: SIZE } });
        paintImage(canvas, images.subarray(i * SIZE * SIZE, (i + 1) * SIZE * SIZE), SIZE, SIZE, 'ink', [0, 255]);
        const button = h('button', { class: 'sp-thumb', attrs: { type: 'button', 'data-slot': i, 'aria-label': t('Test digit {n}: a {label}', { n: i + 1, label }), 'aria-pressed': 'false', 'data-testid': `digit-${i}` } }, [canvas]);
        this.thumbs.push(button);
        return button;
      }),
    );
  }

  render(m: ShiftProbeMetrics, state: ProbeState): void {
    this.last = { m, state };
    this.curves = m.nets.map((_, j) => (m.curves.seeds.some((s) => s.done > 0) ? curveOf(m.curves.seeds, j) : null));
    this.renderShift(m, state.shift);
    this.renderProgress(m, state);
    this.renderChart(m, state.shift, this.curves);
  }

  /** Redraw at another shift from the metrics in hand (a slider move: no worker call, the chart only moves its marker). */
  reshift(shift: number): void {
    if (!this.last) return;
    this.last = { ...this.last, state: { ...this.last.state, shift } };
    this.renderShift(this.last.m, shift);
    if (this.chart) {
      this.chart.setSeries('here', [shift, shift], [0, 1]);
      this.chart.render();
    }
  }

  private renderShift(m: ShiftProbeMetrics, shift: number): void {
    this.cards.render(m, shift, this.curves);
    paintImage(this.shifted, shiftImages(m.digit.image, 1, SIZE, shift, 0, m.wrap ? 'wrap' : 'zero'), SIZE, SIZE, 'ink', [0, 1]);
    const moved = { shift: formatShift(shift) };
    this.shiftedTitle.textContent = shift === 0 ? t('As the networks see it: not moved') : m.wrap ? t('As the networks see it: moved {shift}, wrapped', moved) : t('As the networks see it: moved {shift}', moved);
    this.thumbs.forEach((b, i) => b.setAttribute('aria-pressed', String(m.digit.slot === i)));
    this.verdict.textContent = this.verdictText(m, shift);
  }

  private verdictText(m: ShiftProbeMetrics, shift: number): string {
    const right = m.nets.filter((_, j) => answerAt(m, j, shift).answer === expected(m, j)).length;
    const where = shift === 0 ? t('Not moved') : m.wrap ? t('Moved {shift}, wrapped around', { shift: formatShift(shift) }) : t('Moved {shift}', { shift: formatShift(shift) });
    if (m.digit.label === null) return t('{where}: {right} of {n} networks give your drawing the answer they give it unmoved.', { where, right, n: m.nets.length });
    return t('{where}: {right} of {n} networks read the test digit as {label}.', { where, right, n: m.nets.length, label: m.digit.label });
  }

  private renderProgress(m: ShiftProbeMetrics, state: ProbeState): void {
    this.progress.hidden = !state.retraining;
    if (!state.retraining) return;
    const per = m.stepsPerSeed;
    const k = m.training >= 0 ? m.training : m.seeds.length - 1;
    const inSeed = Math.max(0, Math.min(per, m.step - k * per));
    const epoch = per > 0 ? (3 * inSeed) / per : 0;
    const seeds = m.seeds.length > 1 ? ` (${t('seed {k} of {n}: {list}', { k: k + 1, n: m.seeds.length, list: m.seeds.join(', ') })})` : '';
    const loss = Number.isFinite(m.loss) ? t(' · batch loss {loss}', { loss: localNumber(m.loss.toFixed(2)) }) : '';
    this.progressBar.style.transform = `scaleX(${m.total > 0 ? m.step / m.total : 1})`;
    const trained = { seed: m.seeds[0], more: m.seeds.length - 1, steps: groupNumber(m.total) };
    this.progressText.textContent =
      m.step >= m.total
        ? m.seeds.length > 1
          ? t('Trained here from seed {seed} and {more} more: {steps} steps.', trained)
          : t('Trained here from seed {seed}: {steps} steps.', trained)
        : m.step === 0
          ? t('Fresh networks from seed {seed}{seeds}: press Play to train them here.', { seed: m.seeds[0], seeds })
          : t('Training here from seed {seed}{seeds}: epoch {epoch} of 3, step {step} of {per}{loss}', { seed: m.seeds[k], seeds, epoch: localNumber(epoch.toFixed(1)), step: inSeed, per, loss });
  }

  private renderChart(m: ShiftProbeMetrics, shift: number, curves: (Curve | null)[]): void {
    const seeds = Math.max(0, ...curves.map((c) => c?.seeds ?? 0));
    const key = `${m.nets.join()}|${seeds > 1}`;
    const width = this.width();
    if (!this.chart || key !== this.chartKey || this.resized(width)) this.buildChart(m.nets, width, key);
    const chart = this.chart as LineChart;
    m.nets.forEach((id, j) => {
      const c = curves[j];
      chart.setSeries(id, SHIFTS, c ? c.mean : SHIFTS.map(() => NaN));
      if (seeds > 1 && c) chart.setBand(id, SHIFTS, c.lo, c.hi);
    });
    chart.setSeries('here', [shift, shift], [0, 1]);
    chart.render();
    const done = Math.min(...curves.map((c) => c?.done ?? 0));
    const seedText = seeds > 1 ? ` ${t('Mean of {n} seeds ({list}); shaded: their range.', { n: seeds, list: m.curves.seeds.map((s) => s.seed).join(', ') })}` : '';
    const digits = { n: groupNumber(m.curves.digits), done: groupNumber(done) };
    const note =
      done < m.curves.digits
        ? t('Measuring on held-out test digits: {done} of {n} so far.', digits)
        : m.wrap
          ? t('Measured on {n} held-out test digits, wrapped shifts.', digits)
          : t('Measured on {n} held-out test digits, zero-fill shifts.', digits);
    this.chartNote.textContent = note + seedText;
    this.chartNote.dataset.done = String(done);
  }

  private width(): number {
    const w = Math.round(this.chartBox.clientWidth);
    return w > 0 ? Math.min(900, w) : 640;
  }

  /** The box changed size: its width (on the page), its width or height (projector mode). */
  private resized(width: number): boolean {
    const p = projectorFrame(this.chartBox);
    return (p ? `${p.width}×${p.height}` : '') !== this.frameKey || (!p && Math.abs(width - this.chartWidth) >= 24);
  }

  private buildChart(nets: readonly NetId[], width: number, key: string): void {
    // Projector mode: drawn at the size its box takes (the free height beside the digits), at the projector's font.
    const p = projectorFrame(this.chartBox);
    const series: Record<string, SeriesOptions> = Object.fromEntries(nets.map((id) => [id, { label: netStyle(id).short, color: netStyle(id).color, dash: netStyle(id).dash }]));
    const here = marker();
    series.here = here;
    this.chart = lineChart({
      title: t('Accuracy of each network on test digits against the horizontal shift'),
      width: p?.width ?? width,
      height: p?.height ?? Math.round(Math.max(200, Math.min(320, width * 0.42))),
      fontSize: p?.fontSize,
      margin: { top: p ? legendMargin([...nets.map((id) => netStyle(id).short), here.label], p.width, 60, 16, p.fontSize) : width < 520 ? 58 : 40 },
      xLabel: t('shift (pixels, + is right)'),
      yLabel: t('test accuracy'),
      xDomain: [-6, 6],
      yDomain: [0, 1],
      yFormat: (v) => formatPercent(v, 0),
      xFormat: (v) => (v > 0 ? `+${v}` : String(v)),
      xName: 'shift',
      series,
    });
    this.chartKey = key;
    this.chartWidth = width;
    this.frameKey = p ? `${p.width}×${p.height}` : '';
    this.chartBox.replaceChildren(this.chart.element);
  }

  /** Re-lay the chart out at the box's width (phones, projector mode). */
  fit(force = false): void {
    if (!this.last) return;
    if (force || this.resized(this.width())) {
      this.chart = null;
      this.render(this.last.m, this.last.state);
    }
  }
}
