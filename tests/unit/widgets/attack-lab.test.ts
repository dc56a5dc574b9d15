// @vitest-environment jsdom
// <attack-lab> against a stand-in for the worker that runs the real lab session (shipped MLP, real
// test digits, tfjs on the CPU backend): drawing by keyboard, play, live changes, gallery, reloads.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { attackLabRun } from '../../../src/chapters/adversarial-attacks/runs/live';
import type { LiveRun } from '../../../src/lib/train/live-run';
import type { AttackLabConfig, AttackLabSnapshot } from '../../../src/chapters/adversarial-attacks/runs/lab-snapshot';
import { notLiveError, type RunKind, type RunRef, type TrainOptions } from '../../../src/runtime/protocol';
import { attackLab } from '../../../src/chapters/adversarial-attacks/run-kinds';
import { urlState } from '../../../src/runtime/url-state';
import { eraseAt, paintSegment } from '../../../src/widgets/base/draw-pad';
import { formatProbability } from '../../../src/chapters/adversarial-attacks/widgets/attack-lab/bars';
import { perturbationStats } from '../../../src/chapters/adversarial-attacks/widgets/attack-lab/view';
import { until as waitUntil, q } from './dom-helpers';

// Files of public/, read from disk and gunzipped here: jsdom's import.meta.url is not a file: URL (so
// src/lib's Node sources cannot find the repo), and jsdom's Blob has no stream() for the lib's gunzip.
const fileSource = (dir: string) => async (name: string) => {
  const bytes = await readFile(join(process.cwd(), 'public', dir, name));
  return new Uint8Array(name.endsWith('.gz') ? gunzipSync(bytes) : bytes);
};
const dataSource = fileSource('data');
const modelSource = fileSource('models');

class LabTrainer {
  readonly events = new EventTarget();
  readonly backend = { name: 'cpu' as const, isGpu: false, forced: false, rejected: [] };
  created: AttackLabConfig[] = [];
  updates: Partial<AttackLabConfig>[] = [];
  disposed: number[] = [];
  runs = new Map<number, LiveRun<AttackLabConfig, AttackLabSnapshot>>();
  private next = 0;

  /** The next this-many createRun / update calls throw (recovery tests). */
  failCreates = 0;
  failUpdates = 0;

  async createRun(kind: RunKind<AttackLabConfig, AttackLabSnapshot>, config: AttackLabConfig): Promise<RunRef<AttackLabConfig, AttackLabSnapshot>> {
    if (this.failCreates > 0 && this.failCreates--) throw new Error('the worker could not build the run');
    this.created.push(config);
    const id = ++this.next;
    this.runs.set(id, await attackLabRun(config, dataSource, modelSource));
    return { id, kind };
  }
  private run(ref: RunRef) {
    const r = this.runs.get(ref.id);
    if (!r) throw new Error(`No run ${ref.id}`);
    return r;
  }
  async train(ref: RunRef, options: TrainOptions = {}) {
    await new Promise((r) => setTimeout(r, 1));
    const run = this.run(ref);
    const n = Math.max(0, Math.min(options.steps ?? 1000, (options.untilStep ?? Infinity) - run.step));
    const r = run.train(n);
    return { ...r, steps: n, stepsPerSec: 10 };
  }
  async evaluate(ref: RunRef) {
    return this.run(ref).evaluate();
  }
  async update(ref: RunRef, partial: Partial<AttackLabConfig>) {
    if (this.failUpdates > 0 && this.failUpdates--) throw new Error('the run refused the update');
    const bad = Object.keys(partial).filter((k) => !(attackLab.liveKeys as readonly string[]).includes(k));
    if (bad.length) throw notLiveError('attack-lab', bad);
    this.updates.push(partial);
    this.run(ref).update(partial);
  }
  async samples(ref: RunRef, count: number) {
    return this.run(ref).samples!(count);
  }
  async dispose(ref: RunRef) {
    this.runs.get(ref.id)?.dispose();
    this.runs.delete(ref.id);
    this.disposed.push(ref.id);
  }
}

let fake = new LabTrainer();
vi.mock('../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(fake) }));

beforeAll(async () => {
  await tf.setBackend('cpu');
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
  await import('../../../src/chapters/adversarial-attacks/widgets/attack-lab/element');
});

afterEach(() => {
  document.body.replaceChildren();
  // A debounced URL write of this test must not land in the next one.
  urlState().flush();
  history.replaceState(null, '', '/');
});

afterAll(() => {
  for (const r of fake.runs.values()) r.dispose();
});

const until = (check: () => boolean, ms = 20_000) => waitUntil(check, ms);
const press = (target: Element, key: string, shiftKey = false) => target.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true }));

async function mount(hash = '') {
  fake = new LabTrainer();
  history.replaceState(null, '', `/${hash}`);
  document.body.innerHTML = '<attack-lab id="lab"></attack-lab>';
  const el = document.querySelector<HTMLElement>('attack-lab')!;
  await until(() => el.dataset.status === 'ready').catch(() => {
    throw new Error(`not ready: ${el.dataset.status}: ${q(el, 'state').textContent}`);
  });
  return el;
}

describe('<attack-lab>', () => {
  it('loads the shipped MLP on a gallery 7, with its prediction and a gallery of 20 test digits', async () => {
    const el = await mount();
    expect(fake.created[0]).toMatchObject({ model: 'mlp', weights: 'shipped', attack: 'fgsm', epsilon: 0.25, target: -1, digit: 14, image: null, seed: 1 });
    expect(fake.created[0].modelsUrl).toMatch(/\/models\/$/);
    expect(q(el, 'verdict').textContent).toMatch(/^MLP says 7 \(/);
    expect(q(el, 'model-line').textContent).toMatch(/^MLP 784-256-256-10 ReLU · 269,322 parameters · shipped weights \(940 steps from seed 1\) · clean accuracy .+ on 10,000 test digits$/);
    expect(q(el, 'gallery').querySelectorAll('button')).toHaveLength(20);
    expect(q(el, 'digit-14').getAttribute('aria-pressed')).toBe('true');
    expect(q(el, 'status').textContent).toBe('Ready · press Play to attack');
  });

  it('Play runs FGSM to its one step; then a new ε re-runs it at once, without Play', async () => {
    const el = await mount();
    q(el, 'play').click();
    await until(() => el.dataset.status === 'finished');
    expect(el.dataset.fooled).toBe('true');
    expect(q(el, 'verdict').textContent).toContain('Fooled');
    const slider = el.querySelector<HTMLInputElement>(`.lm-control[data-key='epsilon'] input`)!;
    slider.value = '0.01';
    slider.dispatchEvent(new Event('input'));
    slider.dispatchEvent(new Event('change'));
    await until(() => fake.updates.some((u) => u.epsilon === 0.01) && el.dataset.fooled === 'false');
    expect(el.dataset.frames).toBe('1');
    await until(() => location.hash.includes('lab.epsilon=0.01'));
  });

  it('draws with the keyboard on the pad: C clears, Shift+arrows paint, and the keys do not play or step', async () => {
    const el = await mount();
    const pad = q(el, 'draw-pad');
    press(pad, 'c');
    await until(() => fake.updates.some((u) => u.image instanceof Float32Array && u.image.every((v) => v === 0)));
    for (let i = 0; i < 6; i++) press(pad, 'ArrowDown', true);
    press(pad, ' ');
    await until(() => fake.updates.some((u) => u.image instanceof Float32Array && u.image.some((v) => v > 0.9)));
    expect(el.dataset.status).toBe('ready');
    expect(el.dataset.frames).toBe('0');
    await until(() => /Your drawing/.test(q(el, 'clean-panel').textContent ?? ''));
  });

  it('Step walks PGD a frame at a time; Reset rewinds; a gallery pick is written to the URL', async () => {
    const el = await mount('#lab.attack=pgd&lab.iterations=10');
    q(el, 'step').click();
    await until(() => el.dataset.frames === '1');
    q(el, 'step').click();
    await until(() => el.dataset.frames === '2');
    expect(q(el, 'counter').textContent).toBe('PGD iteration 1 of 10');
    q(el, 'reset').click();
    await until(() => el.dataset.frames === '0');
    q(el, 'digit-6').click();
    await until(() => q(el, 'digit-6').getAttribute('aria-pressed') === 'true');
    await until(() => location.hash.includes('lab.digit=6'));
    expect(q(el, 'clean-panel').textContent).toContain('labelled 3');
  });

  it('a new model loads a new run and disposes the old one; removing the figure disposes it too', async () => {
    const el = await mount();
    const select = el.querySelector<HTMLSelectElement>(`.lm-control[data-key='model'] select`)!;
    select.value = 'softmax';
    select.dispatchEvent(new Event('change'));
    await until(() => fake.created.length === 2 && el.dataset.status === 'ready');
    expect(fake.disposed).toEqual([1]);
    expect(q(el, 'model-line').textContent).toContain('softmax regression');
    el.remove();
    await until(() => fake.disposed.length === 2);
    expect(fake.runs.size).toBe(0);
  });
});

describe('<attack-lab> recovery', () => {
  it('a live change that meets a reloading setting not yet released rebuilds the run instead of failing', async () => {
    const el = await mount();
    const statuses: string[] = [];
    new MutationObserver(() => statuses.push(el.dataset.status ?? '')).observe(el, { attributes: true, attributeFilter: ['data-status'] });
    // A new seed (its reload waits 250 ms for more changes), then at once ε, a live setting.
    const seed = q<HTMLInputElement>(el, 'seed');
    seed.value = '5';
    seed.dispatchEvent(new Event('change'));
    const eps = el.querySelector<HTMLInputElement>(`.lm-control[data-key='epsilon'] input`)!;
    eps.value = String(Number(eps.max));
    eps.dispatchEvent(new Event('input'));
    eps.dispatchEvent(new Event('change'));
    await until(() => fake.created.length === 2 && el.dataset.status === 'ready');
    expect(fake.created[1].seed).toBe(5);
    expect(q(el, 'state').hidden).toBe(true);
    expect(statuses).not.toContain('error'); // not even for a moment
  });

  it('Retry rebuilds from the current settings; Defaults from the defaults; neither leaves it stuck', async () => {
    fake = new LabTrainer();
    fake.failCreates = 1;
    history.replaceState(null, '', '/#lab.model=softmax&lab.digit=3&lab.seed=5');
    document.body.innerHTML = '<attack-lab id="lab"></attack-lab>';
    const el = document.querySelector<HTMLElement>('attack-lab')!;
    await until(() => el.dataset.status === 'error');
    const state = q(el, 'state');
    expect(state.textContent).toContain('the worker could not build the run');
    q(state, 'retry').click();
    await until(() => el.dataset.status === 'ready');
    expect(state.hidden).toBe(true);
    expect(fake.created.at(-1)).toMatchObject({ model: 'softmax', digit: 3, seed: 5 });
    // A live change the run refuses: the error again, and Defaults brings back the shipped MLP on digit 14.
    fake.failUpdates = 1;
    const eps = el.querySelector<HTMLInputElement>(`.lm-control[data-key='epsilon'] input`)!;
    eps.value = String(Number(eps.max));
    eps.dispatchEvent(new Event('input'));
    eps.dispatchEvent(new Event('change'));
    await until(() => el.dataset.status === 'error');
    expect(state.textContent).toContain('the run refused the update');
    q(state, 'defaults').click();
    await until(() => el.dataset.status === 'ready');
    expect(fake.created.at(-1)).toMatchObject({ model: 'mlp', digit: 14, seed: 1 });
    expect(el.querySelector<HTMLSelectElement>(`.lm-control[data-key='model'] select`)!.value).toBe('mlp');
    q(el, 'play').click();
    await until(() => el.dataset.status === 'finished');
  });
});

describe('drawing and display helpers', () => {
  it('paintSegment inks a stroke about three pixels wide and never lightens; eraseAt clears a cell', () => {
    const px = new Float32Array(784);
    expect(paintSegment(px, 14, 4, 14, 24)).toBe(true);
    const row = Array.from(px.subarray(14 * 28, 15 * 28));
    expect(row[13]).toBe(1);
    expect(row.filter((v) => v > 0.5).length).toBeGreaterThanOrEqual(2);
    expect(row.filter((v) => v > 0).length).toBeLessThanOrEqual(4);
    expect(paintSegment(px, 14, 4, 14, 24, 0.5)).toBe(false);
    expect(eraseAt(px, 13, 14)).toBe(true);
    expect(px[14 * 28 + 13]).toBe(0);
  });

  it('perturbationStats measures ‖η‖∞, the mean |η| and the pixels moved; formatProbability reads well', () => {
    const clean = new Float32Array(784);
    const adv = clean.map((_, i) => (i < 100 ? 0.25 : 0));
    expect(perturbationStats(clean, adv)).toEqual({ linf: 0.25, meanAbs: 25 / 784, changed: 100 });
    expect(formatProbability(0.9731)).toBe('97.3%');
    expect(formatProbability(0.00001)).toBe('<0.1%');
    expect(formatProbability(0.99995)).toBe('>99.9%');
  });
});
