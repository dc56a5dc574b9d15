/**
 * What the attack lab draws, as a function of the worker's snapshot: the clean digit (a drawing
 * pad), the perturbation η = x̃ − x (magnified, blue − / red +), the attacked digit x̃, the model's
 * prediction bars for both, a verdict, the attack's trace (probability of the true class and of
 * the attacker's goal, per iteration or per query) and a gallery of test digits to pick from.
 *
 * Over 300 lines on purpose: six panels drawn from one snapshot, each short; one file keeps their
 * shared layout and colours together.
 */
import { legendMargin, projectorFrame, type ChartFrame } from '../../../../widgets/base/panels';
import type { AttackLabSnapshot, LabModelOrigin } from '../../runs/lab-snapshot';
import { colorMaps, formatPercent, lineChart, paintImage, seriesColor, type LineChart } from '../../../../viz';
import { rgbString } from '../../../../viz/palette';
import { h } from '../../../../widgets/base/dom';
import { formatProbability, PredictionBars } from './bars';
import { DrawPad, SIZE } from '../../../../widgets/base/draw-pad';
import { groupNumber, localNumber, t } from '../../../../i18n/t';

export interface LabViewCallbacks {
  /** The reader drew (`final`: the stroke is over). */
  onDraw(image: Float32Array, final: boolean): void;
  onPick(digit: number): void;
}

export interface LabContext {
  attack: 'fgsm' | 'pgd' | 'nes';
  epsilon: number;
  /** The bare name ("MLP"), and with its article ("the MLP"), both in the page's language. */
  modelName: string;
  theModel: string;
  /** A drawing rather than a gallery digit. */
  drawn: boolean;
  digit: number;
  /** The class to make the model say, or -1 (any wrong answer). */
  target: number;
}

const MODEL_NAMES: Record<string, string> = { softmax: 'softmax regression', mlp: 'MLP', cnn: 'CNN' };
/** The model's bare name: "MLP", "softmax regression" (in the page's language). */
export const modelName = (kind: string) => t(MODEL_NAMES[kind] ?? kind);
/** The model with its article, as a sentence's subject or object: "the MLP" (French: le MLP, la régression softmax). */
const THE_MODELS: Record<string, string> = { softmax: 'the softmax regression', mlp: 'the MLP', cnn: 'the CNN' };
export const theModel = (kind: string) => (THE_MODELS[kind] ? t(THE_MODELS[kind]) : kind);
/** A sentence's first word capitalised ("the MLP" → "The MLP"). */
export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const CHART_MAX = 620;
const CHART_MIN = 280;

/** ‖η‖∞, mean |η| and the pixels that moved, of an attacked image against its clean one. */
export function perturbationStats(clean: ArrayLike<number>, adversarial: ArrayLike<number>): { linf: number; meanAbs: number; changed: number } {
  let linf = 0;
  let sum = 0;
  let changed = 0;
  for (let i = 0; i < clean.length; i++) {
    const d = Math.abs(adversarial[i] - clean[i]);
    linf = Math.max(linf, d);
    sum += d;
    if (d > 1e-4) changed += 1;
  }
  return { linf, meanAbs: sum / clean.length, changed };
}

function panel(title: string, testId: string, children: Node[]): HTMLElement {
  const text = t(title);
  return h('section', { class: 'lab-panel', attrs: { 'data-testid': testId, 'aria-label': text } }, [h('p', { class: 'lab-panel-title', text }), ...children]);
}

export class LabView {
  readonly element: HTMLElement;
  readonly pad: DrawPad;
  readonly cleanBars: PredictionBars;
  readonly advBars: PredictionBars;
  readonly etaCanvas: HTMLCanvasElement;
  readonly advCanvas: HTMLCanvasElement;
  readonly verdict: HTMLElement;
  private readonly cleanNote: HTMLElement;
  private readonly etaNote: HTMLElement;
  private readonly advNote: HTMLElement;
  private readonly rampLow: HTMLElement;
  private readonly rampHigh: HTMLElement;
  private readonly counter: HTMLElement;
  private readonly modelLine: HTMLElement;
  private readonly gallery: HTMLElement;
  private readonly chartBox: HTMLElement;
  private readonly thumbs: HTMLButtonElement[] = [];
  private chart: LineChart | null = null;
  private chartKey = '';
  private chartWidth = CHART_MAX;
  /** Projector mode: the chart's box and font ('key' names them), else null. */
  private projector: (ChartFrame & { key: string }) | null = null;
  private lastSnap: AttackLabSnapshot | null = null;
  private lastCtx: LabContext | null = null;

  constructor(callbacks: LabViewCallbacks) {
    const doc = document;
    this.pad = new DrawPad({ label: 'The digit to attack: draw here', onChange: (image, final) => callbacks.onDraw(image, final) });
    const clear = h('button', { class: 'lm-button lab-clear', text: t('Clear'), attrs: { type: 'button', 'data-testid': 'clear', title: t('Clear the pad to draw your own digit (C)') } });
    clear.addEventListener('click', () => this.pad.clear());
    this.cleanBars = new PredictionBars(doc, t('Prediction on the clean digit'));
    this.advBars = new PredictionBars(doc, t('Prediction on the attacked digit'));
    this.etaCanvas = h('canvas', { class: 'lab-img', attrs: { width: SIZE, height: SIZE, role: 'img', 'aria-label': t('The perturbation'), 'data-testid': 'perturbation' } });
    this.advCanvas = h('canvas', { class: 'lab-img', attrs: { width: SIZE, height: SIZE, role: 'img', 'aria-label': t('The attacked digit'), 'data-testid': 'adversarial' } });
    this.cleanNote = h('p', { class: 'lab-note' });
    this.etaNote = h('p', { class: 'lab-note', attrs: { 'data-testid': 'eta-stats' } });
    this.advNote = h('p', { class: 'lab-note' });
    this.rampLow = h('span');
    this.rampHigh = h('span');
    const ramp = h('div', { class: 'lab-ramp', attrs: { 'aria-hidden': 'true' } }, [this.rampLow, h('span', { class: 'lab-ramp-bar' }), this.rampHigh]);
    const stops = [0, 0.25, 0.5, 0.75, 1].map((x) => rgbString(colorMaps.diverging(x))).join(', ');
    (ramp.querySelector('.lab-ramp-bar') as HTMLElement).style.background = `linear-gradient(to right, ${stops})`;
    this.verdict = h('p', { class: 'lab-verdict', attrs: { 'data-testid': 'verdict', 'aria-live': 'off' } });
    this.counter = h('p', { class: 'lab-counter', attrs: { 'data-testid': 'counter' } });
    this.modelLine = h('p', { class: 'lab-model', attrs: { 'data-testid': 'model-line' } });
    this.gallery = h('div', { class: 'lab-gallery', attrs: { role: 'group', 'aria-label': t('Test digits to attack'), 'data-testid': 'gallery' } });
    this.chartBox = h('div', { class: 'lab-trace lm-chart lm-fill', attrs: { 'data-testid': 'trace' } });

    const cleanPanel = panel('Clean digit x', 'clean-panel', [h('div', { class: 'lab-pad-wrap' }, [this.pad.element, clear]), h('div', { class: 'lab-side' }, [this.cleanNote, this.cleanBars.element])]);
    const etaPanel = panel('Perturbation η = x̃ − x', 'eta-panel', [this.etaCanvas, h('div', { class: 'lab-side' }, [ramp, this.etaNote])]);
    const advPanel = panel('Attacked digit x̃ = x + η', 'adv-panel', [this.advCanvas, h('div', { class: 'lab-side' }, [this.advNote, this.advBars.element])]);
    const ops = (text: string) => h('span', { class: 'lab-op', text, attrs: { 'aria-hidden': 'true' } });
    this.element = h('div', { class: 'lab' }, [
      this.verdict,
      h('div', { class: 'lab-panels' }, [cleanPanel, ops('+'), etaPanel, ops('='), advPanel]),
      h('div', { class: 'lab-below' }, [h('div', { class: 'lab-trace-wrap' }, [this.counter, this.chartBox]), h('div', { class: 'lab-gallery-wrap' }, [h('p', { class: 'lab-note', text: t('Test digits: pick one, or clear the pad and draw your own.') }), this.gallery])]),
      this.modelLine,
    ]);
    this.gallery.addEventListener('click', (e) => {
      const button = (e.target as Element).closest('button');
      if (button?.dataset.digit) callbacks.onPick(Number(button.dataset.digit));
    });
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.fitChart()).observe(this.chartBox);
  }

  /**
   * Before the model arrives: the figure at its final size, empty (blank digits and bars, the
   * attack's empty trace, a slot per gallery digit), so nothing moves when the first snapshot does.
   */
  placeholder(ctx: LabContext, maxFrames: number, galleryDigits: number): void {
    this.cleanNote.textContent = t('A test digit.');
    this.etaNote.textContent = t('Not attacked yet: press Play or Step.');
    this.rampLow.textContent = `−${fmtEps(ctx.epsilon)}`;
    this.rampHigh.textContent = `+${fmtEps(ctx.epsilon)}`;
    this.counter.textContent = counterText({ frame: null, done: false, maxFrames, curve: null, label: -1 }, ctx);
    this.drawTrace({ label: -1, maxFrames, curve: null, trace: [], clean: new Float32Array(10) }, ctx);
    if (!this.thumbs.length) {
      const slot = () => h('span', { class: 'lab-thumb lab-thumb-slot', attrs: { 'aria-hidden': 'true' } }, [h('canvas', { attrs: { width: SIZE, height: SIZE } })]);
      this.gallery.replaceChildren(...Array.from({ length: galleryDigits }, slot));
    }
  }

  /** The gallery's thumbnails: grey levels 0..255, 784 per digit. */
  setGallery(images: Uint8Array, labels: Uint8Array): void {
    this.gallery.replaceChildren();
    this.thumbs.length = 0;
    labels.forEach((label, i) => {
      const canvas = h('canvas', { attrs: { width: SIZE, height: SIZE, 'aria-hidden': 'true' } });
      paintImage(canvas, images.subarray(i * 784, (i + 1) * 784), SIZE, SIZE, 'ink', [0, 255]);
      const button = h('button', { class: 'lab-thumb', attrs: { type: 'button', 'data-digit': i, 'aria-label': t('Test digit {n}: a {label}', { n: i + 1, label }), 'aria-pressed': 'false', 'data-testid': `digit-${i}` } }, [canvas]);
      this.thumbs.push(button);
      this.gallery.append(button);
    });
    if (this.lastSnap && this.lastCtx) this.markThumb(this.lastCtx);
  }

  render(s: AttackLabSnapshot, ctx: LabContext): void {
    this.lastSnap = s;
    this.lastCtx = ctx;
    const target = ctx.target >= 0 ? ctx.target : undefined;
    if (!this.pad.drawing) this.pad.set(s.image);
    this.cleanBars.update(s.phase === 'ready' ? s.clean : null, { label: s.label, target });
    const model = capitalize(ctx.theModel);
    const cleanTop = argmax(s.clean);
    this.cleanNote.textContent = ctx.drawn ? t('Your drawing. {model} reads it as {digit} (✓), so the attack pushes away from {digit}.', { model, digit: cleanTop }) : t('A test digit, labelled {label} (✓).', { label: s.label });
    const f = s.frame;
    const eta = new Float32Array(784);
    if (f) for (let i = 0; i < 784; i++) eta[i] = f.adversarial[i] - s.image[i];
    const e = Math.max(ctx.epsilon, 1e-6);
    paintImage(this.etaCanvas, f ? eta : new Float32Array(784), SIZE, SIZE, 'diverging', [-e, e]);
    paintImage(this.advCanvas, f ? f.adversarial : s.image, SIZE, SIZE, 'ink', [0, 1]);
    this.advCanvas.classList.toggle('lab-img-idle', !f);
    this.etaCanvas.classList.toggle('lab-img-idle', !f);
    this.rampLow.textContent = `−${fmtEps(ctx.epsilon)}`;
    this.rampHigh.textContent = `+${fmtEps(ctx.epsilon)}`;
    if (f) {
      const st = perturbationStats(s.image, f.adversarial);
      this.etaNote.textContent = t('Largest change {linf} (ε = {epsilon}); {changed} of 784 pixels moved, by {mean} on average. Colours magnified to ±ε.', {
        linf: localNumber(st.linf.toFixed(3)),
        epsilon: fmtEps(ctx.epsilon),
        changed: st.changed,
        mean: localNumber(st.meanAbs.toFixed(3)),
      });
    } else {
      this.etaNote.textContent = t('Not attacked yet: press Play or Step.');
    }
    this.advBars.update(f ? f.probabilities : null, { label: s.label, target });
    const advTop = f ? argmax(f.probabilities) : -1;
    this.advNote.textContent = f ? t(f.success ? '{model} now reads {digit}.' : '{model} now reads {digit} still.', { model, digit: advTop }) : '';
    this.advNote.classList.toggle('lab-fooled', Boolean(f?.success));
    this.verdict.textContent = verdictText(s, ctx);
    this.verdict.dataset.state = f ? (f.success ? 'fooled' : 'holding') : 'clean';
    this.counter.textContent = counterText(s, ctx);
    this.modelLine.textContent = modelText(s);
    this.markThumb(ctx);
    this.drawTrace(s, ctx);
  }

  /** The exported figure's pieces. */
  get snapshot(): { snap: AttackLabSnapshot; ctx: LabContext } | null {
    return this.lastSnap && this.lastCtx ? { snap: this.lastSnap, ctx: this.lastCtx } : null;
  }

  private markThumb(ctx: LabContext): void {
    this.thumbs.forEach((b, i) => b.setAttribute('aria-pressed', String(!ctx.drawn && i === ctx.digit)));
  }

  fitChart(): void {
    // Projector mode: the chart takes its box (the free height of the right-hand column) at the projector's font.
    const p = projectorFrame(this.chartBox);
    const frame = p ? `${p.width}×${p.height}×${p.fontSize}` : '';
    if (p || this.projector) {
      if (frame !== this.projector?.key) {
        this.projector = p ? { ...p, key: frame } : null;
        this.chartKey = '';
        if (this.lastSnap && this.lastCtx) this.drawTrace(this.lastSnap, this.lastCtx);
      }
      if (p) return;
    }
    const available = Math.round(this.chartBox.clientWidth);
    if (available <= 0) return;
    const width = Math.max(CHART_MIN, Math.min(CHART_MAX, available));
    if (Math.abs(width - this.chartWidth) >= 24) {
      this.chartWidth = width;
      this.chartKey = '';
      if (this.lastSnap && this.lastCtx) this.drawTrace(this.lastSnap, this.lastCtx);
    }
  }

  private drawTrace(s: TraceInput, ctx: LabContext): void {
    const target = ctx.target >= 0 ? ctx.target : undefined;
    const { attack } = ctx;
    const goalLabel = target !== undefined ? t('p({target}), the target', { target }) : t('p(best wrong answer)');
    const trueLabel = s.label >= 0 ? t('p({label}), the true class', { label: s.label }) : t('p(the true class)');
    const pj = this.projector;
    const key = `${attack}|${s.label}|${goalLabel}|${pj ? pj.key : this.chartWidth}|${s.maxFrames}`;
    if (key !== this.chartKey) {
      this.chartKey = key;
      const w = pj ? pj.width : this.chartWidth;
      const x = {
        fgsm: { label: 'ε, the size of the FGSM step', name: 'ε', domain: [0, 0.5] as const, title: 'FGSM on this digit: probabilities as ε grows' },
        pgd: { label: 'PGD iteration (0: random start)', name: 'iteration', domain: [0, Math.max(1, s.maxFrames - 1)] as const, title: 'Probabilities at each iteration of PGD' },
        nes: { label: 'queries to the black box', name: 'query', domain: [0, 2000] as const, title: 'Probabilities as the black box is queried' },
      }[attack];
      this.chart = lineChart({
        title: x.title,
        width: w,
        height: pj ? pj.height : Math.round(w < 420 ? w * 0.62 : 200),
        ...(pj && { fontSize: pj.fontSize, margin: { top: legendMargin([trueLabel, goalLabel, ...(attack === 'fgsm' ? [t('your ε')] : [])], w, 60, 16, pj.fontSize) } }),
        xLabel: x.label,
        yLabel: 'probability',
        yDomain: [0, 1],
        xDomain: x.domain,
        yFormat: (v) => formatPercent(v, 0),
        xName: x.name,
        series: {
          true: { label: trueLabel, color: seriesColor(0), best: 'min', format: (v) => formatPercent(v) },
          goal: { label: goalLabel, color: seriesColor(1), best: 'max', format: (v) => formatPercent(v) },
          ...(attack === 'fgsm' && { eps: { label: 'your ε', color: 'var(--muted, #777)', dash: '2 3' } }),
        },
      });
      this.chartBox.replaceChildren(this.chart.element);
    }
    const chart = this.chart as LineChart;
    if (attack === 'fgsm') {
      const c = s.curve ?? [];
      chart.setSeries('true', c.map((p) => p.epsilon), c.map((p) => p.pTrue));
      chart.setSeries('goal', c.map((p) => p.epsilon), c.map((p) => p.pGoal));
      chart.setSeries('eps', [ctx.epsilon, ctx.epsilon], [0, 1]);
    } else {
      // PGD: by iteration (0 is its random start). NES: by queries, from the clean digit at 0.
      const trace = s.trace;
      const nes = attack === 'nes';
      const xs = trace.map((p) => (nes ? p.queries : p.iteration));
      const withClean = nes && trace.length > 0;
      chart.setSeries('true', withClean ? [0, ...xs] : xs, withClean ? [s.clean[s.label], ...trace.map((p) => p.pTrue)] : trace.map((p) => p.pTrue));
      chart.setSeries('goal', withClean ? [0, ...xs] : xs, withClean ? [goalOf(s.clean, s.label, target), ...trace.map((p) => p.pGoal)] : trace.map((p) => p.pGoal));
    }
    chart.render();
  }
}

/** What the trace and the counter read of a snapshot (label −1: none yet). */
type TraceInput = Pick<AttackLabSnapshot, 'label' | 'maxFrames' | 'curve' | 'trace' | 'clean'>;
type CounterInput = Pick<AttackLabSnapshot, 'frame' | 'done' | 'maxFrames' | 'curve' | 'label'>;

/** The smallest ε of FGSM's curve at which the digit is misread (or read as the target). */
export function flipEpsilon(s: Pick<AttackLabSnapshot, 'curve' | 'label'>, target: number): number | null {
  const hit = s.curve?.find((p) => (target >= 0 ? p.predicted === target : p.predicted !== s.label));
  return hit ? hit.epsilon : null;
}

function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  return best;
}

function goalOf(p: ArrayLike<number>, label: number, target: number | undefined): number {
  if (target !== undefined) return p[target];
  let best = 0;
  for (let j = 0; j < p.length; j++) if (j !== label && p[j] > best) best = p[j];
  return best;
}

const fmtEps = (e: number) => localNumber(String(Number(e.toFixed(3))));

export function verdictText(s: AttackLabSnapshot, ctx: LabContext): string {
  if (s.phase !== 'ready') return t('Training…');
  const model = capitalize(ctx.modelName);
  const top = argmax(s.clean);
  const says = { model, digit: top, p: formatProbability(s.clean[top]) };
  const f = s.frame;
  if (!f) return t('{model} says {digit} ({p}). Press Play to attack it.', says);
  const adv = argmax(f.probabilities);
  const now = { ...says, now: adv, pNow: formatProbability(f.probabilities[adv]), epsilon: fmtEps(ctx.epsilon) };
  if (f.success) return t('{model} says {digit} ({p}) → now {now} ({pNow}). Fooled, and no pixel moved by more than {epsilon}.', now);
  return s.done
    ? t('{model} says {digit} ({p}) → still {now} ({pNow}). This attack failed at ε = {epsilon}: raise ε or try another attack.', now)
    : t('{model} says {digit} ({p}) → {now} ({pNow}) so far.', now);
}

function counterText(s: CounterInput, ctx: LabContext): string {
  const f = s.frame;
  if (ctx.attack === 'nes') {
    const n = groupNumber(f?.queries ?? 0);
    if (!s.done) return t('Queries: {n}', { n });
    return f?.success ? t('Queries: {n} · success', { n }) : t('Queries: {n} · budget spent', { n });
  }
  if (ctx.attack === 'fgsm') {
    if (!f) return t('FGSM: one step of size ε, not taken yet');
    const flip = flipEpsilon(s, ctx.target);
    return flip === null ? t('FGSM: no ε up to {max} flips this digit', { max: localNumber('0.5') }) : t('FGSM flips this digit from ε = {epsilon} on', { epsilon: fmtEps(flip) });
  }
  const total = Math.max(0, s.maxFrames - 1);
  if (!f) return t('PGD: {total} iterations, none taken yet', { total });
  return f.iteration === 0 ? t('PGD iteration {i} of {total} (random start)', { i: f.iteration, total }) : t('PGD iteration {i} of {total}', { i: f.iteration, total });
}

/** Where the weights came from, in the page's language (the worker sends it as data). */
export function originText(o: LabModelOrigin): string {
  const steps = o.steps === null ? '' : groupNumber(o.steps);
  if (o.kind === 'retrained') return t('retrained in this browser ({steps} steps from seed {seed})', { steps, seed: o.seed });
  return o.steps === null ? t('shipped weights (from seed {seed})', { seed: o.seed }) : t('shipped weights ({steps} steps from seed {seed})', { steps, seed: o.seed });
}

export function modelText(s: AttackLabSnapshot): string {
  const m = s.model;
  if (!m) return '';
  return t('{about} · {parameters} parameters · {origin} · clean accuracy {accuracy} on {n} test digits', {
    about: t(m.about),
    parameters: groupNumber(m.parameters),
    origin: originText(m.origin),
    accuracy: formatPercent(m.testAccuracy),
    n: groupNumber(m.testImages),
  });
}
