// @vitest-environment jsdom
// <fa-compare> against a fake worker: the run it asks for (rules from the toggles, depth × width,
// feedback gain, seeds), live settings sent without a reset and logged once per drag, the view
// switch kept on the page, restarts for the rest, the same-start check, finishing and disposal.
import { describe, expect, it, vi } from 'vitest';
import type { FaCompareConfig, FaCompareMetrics } from '../../../src/chapters/feedback-alignment/runs/compare';
import type { RunRef, TrainOptions } from '../../../src/runtime/protocol';
import { until, q } from './dom-helpers';
import { FakeTrainerBase, mountWidget, widgetDom } from './fake-trainer';

class FakeTrainer extends FakeTrainerBase<FaCompareConfig, FaCompareMetrics> {
  configs = new Map<number, FaCompareConfig>();
  differentStarts = false;

  protected override onCreate(id: number, config: FaCompareConfig) {
    this.configs.set(id, { ...config });
  }
  async train(run: RunRef, options: TrainOptions = {}) {
    // Like the real service: a big budget ('step') reaches untilStep; a play chunk takes up to 10 steps.
    const { step, steps } = await this.advance(run, options, options.steps ?? ((options.budgetMs ?? 40) > 1000 ? Infinity : 10));
    return { step, loss: 0.5, diverged: false, steps, stepsPerSec: 100 };
  }
  async evaluate(run: RunRef): Promise<FaCompareMetrics> {
    const step = this.steps.get(run.id)!;
    const c = this.configs.get(run.id)!;
    const seeds = Array.from({ length: c.seeds ?? 1 }, (_, i) => c.seed + i);
    const layers = c.hidden.length;
    return {
      step,
      epoch: (step * c.batchSize) / 8000,
      diverged: false,
      rules: c.rules,
      seeds,
      results: seeds.map((_, s) =>
        c.rules.map((rule, r) => ({
          rule,
          testLoss: 2 / (1 + step / 100),
          testAccuracy: Math.min(0.95, 0.1 + step / 1000 + 0.01 * r + 0.005 * s),
          angles: Array.from({ length: layers }, () => (rule === 'backprop' ? 0 : rule === 'output-only' ? 90 : Math.max(30, 90 - step / 5))),
          feedbackAngles: rule === 'fa' || rule === 'dfa' ? Array.from({ length: layers }, () => 90 - step / 10) : null,
        })),
      ),
      learningRate: c.learningRate,
      optimizer: c.optimizer,
      batchSize: c.batchSize,
      initChecksums: seeds.map((_, s) => c.rules.map((_, r) => (this.differentStarts && r === 1 ? 'deadbeef' : `0000000${s}`))),
    };
  }
  override async update(run: RunRef, partial: Partial<FaCompareConfig>) {
    await super.update(run, partial);
    Object.assign(this.configs.get(run.id)!, partial);
  }
}

let fake = new FakeTrainer();
vi.mock('../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(fake) }));

widgetDom(() => import('../../../src/chapters/feedback-alignment/widgets/fa-compare/element'), { stubCanvas: false });

async function mount(html = '<fa-compare id="bp-vs-fa"></fa-compare>', before?: (f: FakeTrainer) => void) {
  fake = new FakeTrainer();
  before?.(fake);
  return mountWidget(html, 'fa-compare', { statuses: ['ready', 'error'] });
}
const input = <T extends HTMLElement = HTMLInputElement>(el: Element, key: string) => el.querySelector<T>(`[data-key="${key}"] input, [data-key="${key}"] select`)!;

describe('<fa-compare>', () => {
  it('asks the worker for the rules switched on, depth × width, the feedback gain and the seeds, from the URL', async () => {
    history.replaceState(null, '', '/#bp-vs-fa.dfa=1&bp-vs-fa.output-only=0&bp-vs-fa.depth=2&bp-vs-fa.hidden=64&bp-vs-fa.feedback-scale=2&bp-vs-fa.seeds=3&bp-vs-fa.seed=9');
    const el = await mount();
    expect(fake.created[0]).toMatchObject({
      rules: ['backprop', 'fa', 'dfa', 'sign-symmetry'],
      hidden: [64, 64],
      activation: 'tanh',
      feedbackGain: 2,
      seeds: 3,
      seed: 9,
      optimizer: 'sgd',
      learningRate: 0.05,
      batchSize: 32,
    });
    // A card per rule, and the step-0 evaluation drawn (next frame) before play.
    expect([...el.querySelectorAll('.fa-card')].map((c) => c.getAttribute('data-rule'))).toEqual(['backprop', 'fa', 'dfa', 'sign-symmetry']);
    await until(() => q(el, 'acc-backprop').textContent !== '–');
    expect(q(el, 'acc-backprop').textContent).toBe('10.5%');
    expect(q(el, 'meta-fa').textContent).toBe('angle to BP by layer 90.0° · 90.0°');
    expect(el.querySelector('.fa-card-range')!.textContent).toBe('3 seeds: 10.0–11.0%');
    const check = q(el, 'same-start');
    expect(check.dataset.same).toBe('true');
    expect(check.textContent).toContain('under each of 3 seeds');
    // Bands for the three seeds; a legend entry per rule and layer on the angle charts.
    expect(el.querySelectorAll('[data-testid="chart-loss"] path.band')).toHaveLength(4);
    expect(q(el, 'chart-angle').querySelector('.legend')!.textContent).toContain('DFA · layer 2');
    expect(q(el, 'chart-feedback').querySelectorAll('path.series')).toHaveLength(5);
  });

  it('says so when the networks did not start equal', async () => {
    const el = await mount(undefined, (f) => (f.differentStarts = true));
    const check = q(el, 'same-start');
    await until(() => check.dataset.same !== undefined);
    expect(check.dataset.same).toBe('false');
    expect(check.textContent).toContain('did not start from identical weights');
  });

  it('trains to each evaluation step and finishes after five epochs', async () => {
    const el = await mount('<fa-compare id="bp-vs-fa" batch-size="256"></fa-compare>');
    q(el, 'play').click();
    await until(() => el.dataset.status === 'finished', 5000);
    // Every chunk stops exactly at an evaluation step: 25, 50, 75, 100, 150, …
    const stops = [...new Set(fake.trainCalls.map((c) => c.untilStep).filter((s): s is number => s !== undefined))];
    expect(stops.slice(0, 6)).toEqual([25, 50, 75, 100, 150, 200]);
    expect(Number(el.dataset.step)).toBeGreaterThanOrEqual((5 * 8000) / 256);
    expect(q(el, 'status').textContent).toMatch(/^Finished/);
  });

  it('sends live settings without a reset, logs a drag as one change, and keeps the view switch on the page', async () => {
    const el = await mount();
    q(el, 'step').click();
    await until(() => el.dataset.step === '25');
    const lr = input(el, 'learningRate');
    for (let i = 0; i < 3; i++) {
      lr.value = String(Number(lr.value) - 10);
      lr.dispatchEvent(new Event('input'));
      lr.dispatchEvent(new Event('change'));
      await new Promise((r) => setTimeout(r, 5));
    }
    // Three decades-per-20-positions moves of 10: 0.05 → 0.016 → 0.005 → 0.0016.
    await until(() => fake.configs.get(1)!.learningRate === 0.0016);
    expect(fake.created).toHaveLength(1);
    expect(fake.updates.every((u) => Object.keys(u).join() === 'learningRate')).toBe(true);
    // The log follows the drag as it lands (under load the page may render 0.05 → 0.005 first):
    // wait for the drag's last value, then check the whole drag reads as one change.
    await until(() => !q(el, 'changes').hidden && (q(el, 'changes').textContent ?? '').includes('0.0016'));
    expect(q(el, 'changes').textContent).toBe('Changed mid-run: step 25, learning rate 0.05 → 0.0016.');
    await until(() => (q(el, 'summary').textContent ?? '').includes('step 25, epoch 0.1, learning rate 0.0016, SGD, batch 32'), 4000); // the live region speaks every ~2 s
    expect(q(el, 'chart-accuracy').querySelector('.legend')!.textContent).toContain('setting changed');
    // The accuracy plot's view is the page's business: no worker call, no restart.
    const updates = fake.updates.length;
    const view = input<HTMLSelectElement>(el, 'view');
    view.value = 'difference';
    view.dispatchEvent(new Event('change'));
    await until(() => (q(el, 'chart-accuracy').textContent ?? '').includes('points vs BP'));
    expect(fake.updates).toHaveLength(updates);
    expect(fake.created).toHaveLength(1);
  });

  it('restarts for width, depth, rules and seeds; says so when no rule is on', async () => {
    const el = await mount();
    const hidden = input(el, 'hidden');
    hidden.value = '128';
    hidden.dispatchEvent(new Event('input'));
    hidden.dispatchEvent(new Event('change'));
    await until(() => fake.created.length === 2, 2000);
    expect(fake.created[1].hidden).toEqual([128]);
    expect(fake.disposed).toEqual([1]);
    for (const key of ['backprop', 'fa', 'signSymmetry', 'outputOnly']) {
      const box = input(el, key);
      box.checked = false;
      box.dispatchEvent(new Event('change'));
    }
    await until(() => el.dataset.status === 'error', 2000);
    expect(q(el, 'state').textContent).toContain('switch on at least one learning rule');
  });

  // A rule ticked on (or back on) restarts the comparison with one more network. The figure must
  // draw the new run, never the old run's evaluations against the new rule list (which once threw
  // "Cannot read properties of undefined (reading 'testAccuracy')" and left the widget stuck).
  const OFF_BY_DEFAULT = [{ key: 'dfa', rule: 'dfa' }];
  const ON_BY_DEFAULT = [
    { key: 'backprop', rule: 'backprop' },
    { key: 'fa', rule: 'fa' },
    { key: 'signSymmetry', rule: 'sign-symmetry' },
    { key: 'outputOnly', rule: 'output-only' },
  ];
  for (const depth of [1, 2, 3]) {
    for (const seeds of [1, 2, 3, 4, 5]) {
      for (const mode of ['paused', 'running'] as const) {
        it(`adds each rule to a ${mode} comparison (depth ${depth}, ${seeds} seed${seeds > 1 ? 's' : ''}) and draws it`, async () => {
          history.replaceState(null, '', `/#bp-vs-fa.depth=${depth}&bp-vs-fa.seeds=${seeds}&bp-vs-fa.hidden=32`);
          const el = await mount();
          const toggle = async (key: string, on: boolean) => {
            const box = input(el, key);
            box.checked = on;
            box.dispatchEvent(new Event('change'));
            const runs = fake.created.length;
            await until(() => fake.created.length > runs && el.dataset.status !== 'loading', 3000);
          };
          const advanced = async () => {
            // A running comparison resumes playing after the restart a rule change causes.
            if (mode === 'paused') q(el, 'step').click();
            else if (el.dataset.status !== 'playing') q(el, 'play').click();
            await until(() => Number(el.dataset.step) >= 25, 3000);
          };
          await advanced();
          // Re-tick a rule just unticked, then add the one off by default.
          const again = ON_BY_DEFAULT[(depth + seeds) % ON_BY_DEFAULT.length];
          await toggle(again.key, false);
          await advanced();
          await toggle(again.key, true);
          for (const { key } of OFF_BY_DEFAULT) await toggle(key, true);
          expect(el.dataset.status).not.toBe('error');
          expect(q(el, 'state').hidden).toBe(true);
          if (mode === 'running') expect(el.dataset.status).toBe('playing');
          await advanced();
          const rules = fake.created.at(-1)!.rules;
          expect(rules).toEqual(['backprop', 'fa', 'dfa', 'sign-symmetry', 'output-only']);
          expect(fake.created.at(-1)!.hidden).toHaveLength(depth);
          expect(fake.created.at(-1)!.seeds).toBe(seeds);
          for (const rule of rules) await until(() => q(el, `acc-${rule}`).textContent !== '–', 2000);
          el.remove();
        });
      }
    }
  }

  it('keeps playing when a second rule changes while the first change is still restarting the run', async () => {
    const el = await mount('<fa-compare id="bp-vs-fa" hidden="32"></fa-compare>', (f) => (f.createDelayMs = 300));
    q(el, 'play').click();
    await until(() => Number(el.dataset.step) >= 25, 3000);
    const box = (key: string) => input(el, key);
    box('signSymmetry').checked = false;
    box('signSymmetry').dispatchEvent(new Event('change'));
    await until(() => el.dataset.status === 'loading', 2000);
    box('dfa').checked = true;
    box('dfa').dispatchEvent(new Event('change'));
    await until(() => el.dataset.status === 'playing' && fake.created.at(-1)!.rules.includes('dfa'), 3000);
    expect(fake.created.at(-1)!.rules).toEqual(['backprop', 'fa', 'dfa', 'output-only']);
  });

  it('disposes its worker run when removed from the page', async () => {
    const el = await mount();
    q(el, 'play').click();
    await until(() => Number(el.dataset.step) >= 25);
    el.remove();
    await until(() => fake.disposed.includes(1));
    expect(await fake.memory()).toMatchObject({ runs: 0 });
  });
});
