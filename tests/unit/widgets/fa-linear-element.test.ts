// @vitest-environment jsdom
// <fa-linear> against a fake worker: the run it asks for, its numbers and charts, the live learning
// rate, a blown-up run shown as diverged, and a finished run at 5,000 samples.
import { describe, expect, it, vi } from 'vitest';
import type { LinearTaskConfig, LinearTaskMetrics } from '../../../src/chapters/feedback-alignment/runs/linear';
import type { RunRef, TrainOptions } from '../../../src/runtime/protocol';
import { until as waitUntil, q } from './dom-helpers';
import { FakeTrainerBase, mountWidget, widgetDom } from './fake-trainer';

class FakeTrainer extends FakeTrainerBase<LinearTaskConfig, LinearTaskMetrics> {
  blowUpAt = Infinity;

  async train(run: RunRef, options: TrainOptions = {}) {
    const { step, steps } = await this.advance(run, options, 100);
    return { step, loss: step >= this.blowUpAt ? 1e9 : 0.1, diverged: false, steps, stepsPerSec: 1000 };
  }
  async evaluate(run: RunRef): Promise<LinearTaskMetrics> {
    const n = this.steps.get(run.id)!; // one step is one sample
    return { step: n, samples: n, errors: [1 / (1 + n / 100), 1 / (1 + n), 0.99], angles: [0, Math.max(25, 89 - n / 4), 90], feedbackAngles: [null, Math.max(28, 90 - n / 5), null] };
  }
}

let fake = new FakeTrainer();
vi.mock('../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(fake) }));
// Playing is paced for readers (tens of samples a second at first); tests run unpaced.
vi.mock('../../../src/chapters/feedback-alignment/widgets/fa-linear/schedule', async (original) => ({ ...(await original<typeof import('../../../src/chapters/feedback-alignment/widgets/fa-linear/schedule')>()), playPace: () => 1e9 }));

widgetDom(() => import('../../../src/chapters/feedback-alignment/widgets/fa-linear/element'), { stubCanvas: false });

const until = (check: () => boolean, ms = 4000) => waitUntil(check, ms);

async function mount(html = '<fa-linear id="fa-linear"></fa-linear>', before?: (f: FakeTrainer) => void) {
  fake = new FakeTrainer();
  before?.(fake);
  return mountWidget(html, 'fa-linear', { ms: 4000 });
}

describe('<fa-linear>', () => {
  it('asks for the 30-h-10 task with BP, FA and output-only, and shows the start', async () => {
    history.replaceState(null, '', '/#fa-linear.hidden=12&fa-linear.feedback-scale=0.2&fa-linear.seed=4');
    const el = await mount();
    expect(fake.created[0]).toEqual({ sizes: [30, 12, 10], rules: ['backprop', 'fa', 'output-only'], learningRate: 0.005, weightScale: 0.01, feedbackScale: 0.2, seed: 4, testSize: 1000 });
    expect(q(el, 'error-fa').textContent).toBe('1.000');
    expect(q(el, 'angle-fa').textContent).toBe('89.0°');
    expect(q(el, 'chart-error').querySelectorAll('path.series')).toHaveLength(3);
  });

  it('plays to 5,000 samples and finishes; FA beats output-only and its angle falls', async () => {
    const el = await mount();
    q(el, 'play').click();
    await until(() => el.dataset.status === 'finished', 8000);
    expect(el.dataset.step).toBe('5000');
    expect(q(el, 'error-fa').textContent).toBe('2.0e-4');
    expect(q(el, 'error-output-only').textContent).toBe('0.990');
    expect(q(el, 'angle-fa').textContent).toBe('25.0°');
    expect(q(el, 'angle-feedback').textContent).toBe('28.0°');
  });

  it('applies the learning rate live and restarts for the rest', async () => {
    const el = await mount();
    const lr = el.querySelector<HTMLInputElement>('[data-key="learningRate"] input')!;
    lr.value = String(Number(lr.value) + 20);
    lr.dispatchEvent(new Event('input'));
    lr.dispatchEvent(new Event('change'));
    await until(() => fake.updates.length === 1);
    expect(fake.updates[0]).toEqual({ learningRate: 0.05 });
    expect(fake.created).toHaveLength(1);
    const hidden = el.querySelector<HTMLInputElement>('[data-key="hidden"] input')!;
    hidden.value = '40';
    hidden.dispatchEvent(new Event('input'));
    hidden.dispatchEvent(new Event('change'));
    await until(() => fake.created.length === 2);
    expect(fake.created[1]).toMatchObject({ sizes: [30, 40, 10], learningRate: 0.05 });
    expect(fake.disposed).toEqual([1]);
  });

  it('shows a blown-up run as diverged', async () => {
    const el = await mount(undefined, (f) => (f.blowUpAt = 300));
    q(el, 'play').click();
    await until(() => el.dataset.status === 'diverged');
    expect(q(el, 'state').textContent).toContain('learning rate');
  });

  it('blames the feedback-weight scale, not the learning rate, when that was the reader’s last change', async () => {
    const el = await mount(undefined, (f) => (f.blowUpAt = 300));
    const scale = el.querySelector<HTMLInputElement>('[data-key="feedbackScale"] input')!;
    scale.value = scale.max; // the slider's far end: 5
    scale.dispatchEvent(new Event('input'));
    scale.dispatchEvent(new Event('change'));
    await until(() => fake.created.length === 2 && el.dataset.status === 'ready');
    expect(fake.created[1].feedbackScale).toBe(5);
    q(el, 'play').click();
    await until(() => el.dataset.status === 'diverged');
    const text = q(el, 'state').textContent ?? '';
    expect(text).toContain('after feedback-weight scale was set to 5 (default 0.5). Set it back and reset.');
    expect(text).not.toMatch(/learning rate/i);
  });
});
