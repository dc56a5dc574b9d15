/**
 * <linearity-sum>: the linearity argument, live. One linear unit with n inputs; every input moves by
 * exactly ε. Aligned with the weights (η = ε sign w, the attack) the activation moves by ε‖w‖₁,
 * which grows like n; with random signs it moves by about ε‖w‖₂, which grows like √n. Plain
 * JavaScript, no worker: the weights are random ones the size of a trained model's, or the real
 * weights of the chapter's softmax regression (loaded from public/models, 16 kB).
 *
 * Play sweeps n from 1 to its maximum on a log scale; Step moves n one notch up; Reset goes to n = 1.
 *
 * Over 300 lines on purpose: it is self-contained (no worker, its own small model and plot), and its
 * maths, sweep and drawing read best side by side.
 */
import { legendMargin, projectorFrame } from '../../../../widgets/base/panels';
import './linearity.css';
import { decodeFloat16 } from '../../../../lib/nets/float16';
import { createRng } from '../../../../lib/random';
import { dataBaseUrl } from '../../../../runtime/page';
import { formatNumber, lineChart, paintImage, seriesColor, type LineChart } from '../../../../viz';
import { h } from '../../../../widgets/base/dom';
import { formatValue, fromLogPosition, logPositions, toLogPosition } from '../../../../widgets/base/format';
import type { NumberSetting, Setting, SettingValue } from '../../../../settings/schema';
import { InteractiveWidget } from '../../../../widgets/base/interactive';
import { dimensionCurves, randomSigns, randomWeights, runningSums, squareImage, sums } from './model';
import { linearitySchema } from './schema';
import { groupNumber, localNumber, t } from '../../../../i18n/t';

const SOFTMAX_INPUTS = 784;
/** A full sweep of n takes about this long. */
const SWEEP_MS = 6000;
const CHART_MAX = 460;
const CHART_MIN = 280;

const compact = (v: number) => (Math.abs(v) >= 1e4 ? `${localNumber(String(Number((v / 1000).toPrecision(3))))}k` : formatNumber(v));
const fixed = (v: number) => localNumber(Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(2));

/** The softmax regression's first-layer weights [784, 10] from the shipped model. */
async function loadSoftmaxWeights(): Promise<Float32Array> {
  const base = new URL('../models/', dataBaseUrl());
  const manifest = (await (await fetch(new URL('softmax.json', base))).json()) as { file: string; dtype: string; tensors: { shape: number[] }[] };
  if (manifest.dtype !== 'float16') throw new Error(`softmax weights: unexpected dtype ${manifest.dtype}`);
  const bytes = new Uint8Array(await (await fetch(new URL(manifest.file, base))).arrayBuffer());
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = SOFTMAX_INPUTS * 10;
  return decodeFloat16(Uint16Array.from({ length: count }, (_, k) => view.getUint16(2 * k, true)));
}

export class LinearityElement extends InteractiveWidget<typeof linearitySchema> {
  protected readonly schema = linearitySchema;
  private softmax: Float32Array | null = null;
  private weights: Float32Array = new Float32Array(0);
  private signs: Int8Array = new Int8Array(0);
  /** Softmax weights: the seeded order in which the attacker gets the 784 pixels (null: random weights). */
  private order: Int32Array | null = null;
  private key = '';
  private readouts!: Record<'n' | 'eps' | 'aligned' | 'random' | 'ratio', HTMLElement>;
  private charts: { dim?: LineChart; run?: LineChart } = {};
  private boxes!: { dim: HTMLElement; run: HTMLElement };
  /** The projector layout the charts were built for ('' on the page). */
  private projectorKey = '';
  private chartWidth = 0;
  private canvases!: { w: HTMLCanvasElement; adv: HTMLCanvasElement; rnd: HTMLCanvasElement };
  private sweepStart = 0;
  private sweepFrom = 1;
  private frame = 0;

  protected mountStage(stage: HTMLElement): void {
    const stat = (key: string, label: string, cls = '') => {
      const value = h('dd', { class: `lin-value ${cls}`, attrs: { 'data-testid': `lin-${key}` } });
      return [h('div', { class: 'lin-stat' }, [h('dt', { text: t(label) }), value]), value] as const;
    };
    const [n, nv] = stat('n', 'inputs n');
    const [eps, ev] = stat('eps', 'change of each input');
    const [aligned, av] = stat('aligned', 'aligned with w: wᵀη = ε‖w‖₁', 'lin-aligned');
    const [random, rv] = stat('random', 'random signs: about ± ε‖w‖₂', 'lin-random');
    const [ratio, qv] = stat('ratio', 'aligned ÷ random');
    this.readouts = { n: nv, eps: ev, aligned: av, random: rv, ratio: qv };
    this.boxes = { dim: h('div', { class: 'lm-chart lm-fill', attrs: { 'data-testid': 'lin-dimension-chart' } }), run: h('div', { class: 'lm-chart lm-fill', attrs: { 'data-testid': 'lin-running-chart' } }) };
    const canvas = (label: string) => h('canvas', { class: 'lin-img', attrs: { role: 'img', 'aria-label': t(label), width: 28, height: 28 } });
    this.canvases = { w: canvas('The weights w'), adv: canvas('The attack η = ε sign(w)'), rnd: canvas('Random signs of the same size') };
    const figure = (c: HTMLCanvasElement, caption: string) => h('figure', { class: 'lin-figure' }, [c, h('figcaption', { text: t(caption) })]);
    stage.append(
      h('dl', { class: 'lin-stats' }, [n, eps, aligned, random, ratio]),
      h('div', { class: 'lin-charts' }, [
        h('div', {}, [h('p', { class: 'lin-heading', text: t('How far the activation moves, as n grows') }), this.boxes.dim]),
        h('div', {}, [h('p', { class: 'lin-heading', text: t('Adding up wᵢηᵢ, input by input') }), this.boxes.run]),
      ]),
      h('div', { class: 'lin-images' }, [
        figure(this.canvases.w, 'w (blue −, red +)'),
        figure(this.canvases.adv, 'η = ε sign(w): the attack'),
        figure(this.canvases.rnd, 'ε × random signs: noise'),
      ]),
    );
    this.markWeights();
    this.buildCharts(CHART_MAX);
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.fitCharts()).observe(this.boxes.dim);
  }

  protected async load(): Promise<void> {
    this.badge.element.hidden = true;
    if (this.settings.weights === 'softmax' && !this.softmax) {
      this.states.loading(t('Loading the softmax regression’s weights…'));
      this.softmax = await loadSoftmaxWeights();
    }
    this.draw();
  }

  protected async unload(): Promise<void> {}

  protected async playFrame(): Promise<boolean> {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const max = this.maxN();
    if (this.frame === 0) {
      this.sweepFrom = this.n() >= max ? 1 : this.n();
      this.sweepStart = performance.now();
    }
    this.frame += 1;
    const done = Math.min(1, (performance.now() - this.sweepStart) / (SWEEP_MS * (1 - Math.log(this.sweepFrom) / Math.log(Math.max(2, max)))));
    const n = Math.max(1, Math.round(this.sweepFrom * (max / this.sweepFrom) ** done));
    this.setN(n, done >= 1);
    if (done >= 1) this.frame = 0;
    return done < 1;
  }

  protected override setPlaying(playing: boolean): void {
    if (playing) this.frame = 0;
    super.setPlaying(playing);
  }

  protected statusText(): string {
    const n = groupNumber(this.n());
    return this.playing ? t('Sweeping n · {n} inputs', { n }) : t('n = {n} inputs', { n });
  }

  step(): void {
    if (!this.ready || this.playing) return;
    const setting = this.setting('dimension');
    const max = this.maxN();
    const position = Math.min(logPositions(setting), toLogPosition(setting, this.n()) + 1);
    const next = this.n() >= max ? 1 : Math.min(max, Math.max(this.n() + 1, fromLogPosition(setting, position)));
    this.setN(next, true);
  }

  reset(): void {
    if (!this.ready) return;
    this.setPlaying(false);
    this.setN(1, true);
  }

  protected settingChanged(key: string, value: SettingValue, setting: Setting, committed: boolean, changed: boolean): void {
    void setting;
    void committed;
    if (!changed) return;
    if (key === 'weights') this.markWeights();
    if (key === 'weights' && value === 'softmax' && !this.softmax) {
      void this.reload(false);
      return;
    }
    this.draw();
  }

  protected seedChanged(): void {
    this.draw();
  }

  protected stateReplaced(): void {
    this.markWeights();
    void this.reload(false);
  }

  protected override onLayoutChange(): void {
    this.fitCharts();
    requestAnimationFrame(() => this.fitCharts());
  }

  protected override exportFigure(): SVGSVGElement | null {
    return this.charts.dim?.element ?? null;
  }

  private setting(key: string): NumberSetting {
    return this.schema.settings.find((s) => s.key === key) as NumberSetting;
  }

  private markWeights(): void {
    this.dataset.weights = String(this.settings.weights);
  }

  private maxN(): number {
    return this.settings.weights === 'softmax' ? SOFTMAX_INPUTS : this.setting('dimension').max;
  }

  private n(): number {
    return Math.max(1, Math.min(this.maxN(), Math.round(Number(this.settings.dimension))));
  }

  /** Set n (the slider follows); `persist`: write the URL too (not on every animation frame). */
  private setN(n: number, persist: boolean): void {
    this.settings.dimension = n;
    const setting = this.setting('dimension');
    const input = this.querySelector<HTMLInputElement>(`.lm-control[data-key='dimension'] input`);
    const readout = this.querySelector<HTMLElement>(`.lm-control[data-key='dimension'] output`);
    if (input) {
      input.value = String(toLogPosition(setting, n));
      input.setAttribute('aria-valuetext', formatValue(setting, n));
    }
    if (readout) readout.textContent = formatValue(setting, n);
    if (persist) this.persist();
    this.draw();
  }

  /** The weights and signs for the current settings (regenerated only when they change). */
  private vectors(): { w: Float32Array; signs: Int8Array } {
    const softmax = this.settings.weights === 'softmax' && this.softmax;
    const key = softmax ? `softmax:${this.settings.digit}:${this.seed}` : `random:${this.seed}`;
    if (key !== this.key) {
      this.key = key;
      if (softmax) {
        // The attacker's first n pixels are a seeded random order of the 784 (n = 784: all of them).
        const order = createRng(this.seed).fork('pixels').permutation(SOFTMAX_INPUTS);
        const c = Number(this.settings.digit);
        this.weights = Float32Array.from(order, (p) => (this.softmax as Float32Array)[p * 10 + c]);
        this.order = order;
      } else {
        this.weights = randomWeights(this.setting('dimension').max, this.seed);
        this.order = null;
      }
      this.signs = randomSigns(this.weights.length, this.seed);
    }
    return { w: this.weights, signs: this.signs };
  }

  private draw(): void {
    if (!this.readouts) return;
    const { w, signs } = this.vectors();
    const n = this.n();
    const eps = Number(this.settings.epsilon);
    const s = sums(w, signs, n, eps);
    this.readouts.n.textContent = groupNumber(n);
    this.readouts.eps.textContent = `ε = ${localNumber(String(eps))}`;
    this.readouts.aligned.textContent = fixed(s.aligned);
    this.readouts.random.textContent = `±${fixed(s.typical)}`;
    const ratio = localNumber((s.aligned / Math.max(s.typical, 1e-12)).toFixed(1));
    this.readouts.ratio.textContent = `${ratio}×`;
    this.dataset.aligned = String(s.aligned);
    this.drawCharts(w, signs, n, eps);
    this.drawImages(w, signs, n, eps);
    this.refreshStatus();
    this.summary.update(
      t('With n = {n} inputs each changed by ε = {epsilon}, the aligned change moves the activation by {aligned}, random signs by about {random}: {ratio} times less.', {
        n: groupNumber(n),
        epsilon: localNumber(String(eps)),
        aligned: fixed(s.aligned),
        random: fixed(s.typical),
        ratio,
      }),
    );
  }

  private buildCharts(width: number): void {
    // Projector mode: the charts take their boxes (the free height of the screen) at the projector's font.
    const p = projectorFrame(this.boxes.dim);
    this.projectorKey = p ? `${p.width}×${p.height}` : '';
    this.chartWidth = width;
    const height = p?.height ?? Math.round(width * 0.66);
    const large = (labels: string[]) => (p ? { width: p.width, fontSize: p.fontSize, margin: { top: legendMargin(labels.map((l) => t(l)), p.width, 60, 16, p.fontSize) } } : {});
    this.charts.dim = lineChart({
      title: 'Activation change against the number of inputs (log–log)',
      width,
      height,
      ...large(['aligned: ε‖w‖₁ ∝ n', 'random: ε‖w‖₂ ∝ √n', 'one input: ε', 'your n']),
      xLabel: 'n, inputs (log scale)',
      yLabel: 'activation change',
      yScale: 'log',
      xName: 'log₁₀ n',
      xFormat: (v) => (Number.isInteger(v) ? compact(10 ** v) : ''),
      yFormat: (v) => compact(v),
      series: {
        aligned: { label: 'aligned: ε‖w‖₁ ∝ n', color: seriesColor(1) },
        typical: { label: 'random: ε‖w‖₂ ∝ √n', color: seriesColor(0) },
        perInput: { label: 'one input: ε', color: 'var(--muted, #777)' },
        now: { label: 'your n', color: 'var(--fg, #222)', dash: '2 3' },
      },
    });
    this.charts.run = lineChart({
      title: 'Running sum of wᵢηᵢ over the inputs',
      width,
      height,
      ...large(['η = ε sign(w)', 'η = ε × random signs']),
      xLabel: 'inputs added so far',
      yLabel: 'activation change',
      xName: 'inputs',
      xFormat: compact,
      yFormat: compact,
      series: {
        aligned: { label: 'η = ε sign(w)', color: seriesColor(1) },
        random: { label: 'η = ε × random signs', color: seriesColor(0) },
      },
    });
    this.boxes.dim.replaceChildren(this.charts.dim.element);
    this.boxes.run.replaceChildren(this.charts.run.element);
    this.draw();
  }

  private fitCharts(): void {
    const p = projectorFrame(this.boxes.dim);
    if (p || this.projectorKey) {
      if ((p ? `${p.width}×${p.height}` : '') !== this.projectorKey) this.buildCharts(p ? p.width : CHART_MAX);
      if (p) return;
    }
    const available = Math.round(this.boxes.dim.clientWidth);
    if (available <= 0) return;
    const width = Math.max(CHART_MIN, Math.min(CHART_MAX, available));
    if (Math.abs(width - this.chartWidth) >= 24) this.buildCharts(width);
  }

  private drawCharts(w: Float32Array, signs: Int8Array, n: number, eps: number): void {
    const { dim, run } = this.charts;
    if (!dim || !run) return;
    const max = this.maxN();
    const c = dimensionCurves(w, max, eps);
    const logN = c.n.map((v) => Math.log10(v));
    dim.setSeries('aligned', logN, c.aligned);
    dim.setSeries('typical', logN, c.typical);
    dim.setSeries('perInput', logN, c.perInput);
    const lo = Math.min(eps, ...c.typical.slice(0, 1)) * 0.5;
    const hi = Math.max(...c.aligned) * 2;
    dim.setSeries('now', [Math.log10(n), Math.log10(n)], [lo, hi]);
    dim.render();
    const r = runningSums(w, signs, n, eps);
    run.setSeries('aligned', r.x, r.aligned);
    run.setSeries('random', r.x, r.random);
    run.render();
  }

  private drawImages(w: Float32Array, signs: Int8Array, n: number, eps: number): void {
    let values: { w: Float32Array; adv: Float32Array; rnd: Float32Array; side: number };
    if (this.order) {
      // Softmax weights: drawn on the 28 × 28 grid; pixels the attacker may not touch stay 0.
      const full = new Float32Array(SOFTMAX_INPUTS);
      const adv = new Float32Array(SOFTMAX_INPUTS);
      const rnd = new Float32Array(SOFTMAX_INPUTS);
      this.order.forEach((p, i) => {
        full[p] = w[i];
        if (i < n) {
          adv[p] = eps * Math.sign(w[i]);
          rnd[p] = eps * signs[i];
        }
      });
      values = { w: full, adv, rnd, side: 28 };
    } else {
      const img = (f: (i: number) => number) => squareImage(Float32Array.from({ length: n }, (_, i) => f(i)), n);
      const wi = img((i) => w[i]);
      values = { w: wi.pixels, adv: img((i) => eps * Math.sign(w[i])).pixels, rnd: img((i) => eps * signs[i]).pixels, side: wi.side };
    }
    let m = 0;
    for (const v of values.w) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
    paintImage(this.canvases.w, values.w, values.side, values.side, 'diverging', [-m || -1, m || 1]);
    paintImage(this.canvases.adv, values.adv, values.side, values.side, 'diverging', [-eps, eps]);
    paintImage(this.canvases.rnd, values.rnd, values.side, values.side, 'diverging', [-eps, eps]);
  }
}

if (!customElements.get(linearitySchema.tag)) customElements.define(linearitySchema.tag, LinearityElement);
