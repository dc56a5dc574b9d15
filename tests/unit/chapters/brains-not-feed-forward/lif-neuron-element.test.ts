// @vitest-environment jsdom
// <lif-neuron> on the real neuron run (in-process trainer service): the run it asks for from the URL,
// Step (→) as 100 ms of simulated time, the adaptation shown after one stimulus cycle, live sliders
// sent without a new run, the circuit restarting as a pair, Reset replaying the same run, disposal.
import { describe, expect, it, vi } from 'vitest';
import { until, q } from '../../widgets/dom-helpers';
import { mountWidget, widgetDom } from '../../widgets/fake-trainer';
import { LocalTrainer } from './local-trainer';

let trainer = new LocalTrainer();
vi.mock('../../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(trainer) }));
widgetDom(() => import('../../../../src/chapters/brains-not-feed-forward/widgets/lif-neuron/element'));

async function mount(html = '<lif-neuron id="neuron"></lif-neuron>') {
  trainer = new LocalTrainer();
  return mountWidget(html, 'lif-neuron', { ms: 10_000 });
}
const key = (el: Element, k: string) => el.querySelector('.lm-figure')!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
const slide = (el: Element, name: string, value: number) => {
  const input = el.querySelector<HTMLInputElement>(`[data-key="${name}"] input`)!;
  input.value = String(value);
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('change'));
};
const time = (el: HTMLElement) => Number(el.dataset.time);

describe('<lif-neuron>', () => {
  it('asks for the neuron the URL describes and shows it at rest', async () => {
    history.replaceState(null, '', '/#neuron.adaptation=0.25&neuron.time-constant=10&neuron.seed=3');
    const el = await mount();
    expect(trainer.created).toHaveLength(1);
    expect(trainer.created[0]).toMatchObject({ kind: 'lif-neuron', config: { seed: 3, circuit: 'single', adaptation: 0.25, timeConstant: 10, inputCurrent: 3, noise: 0.5, bias: 0 } });
    expect(time(el)).toBe(0);
    expect(q(el, 'static-now').textContent).toBe('0.0 Hz'); // the input starts off
    expect(q(el, 'onset-steady').textContent).toBe('after one cycle');
    expect(q(el, 'scope').getAttribute('role')).toBe('img');
  });

  it('steps 100 ms per → and, after one cycle, shows the rate falling under a constant input', async () => {
    const el = await mount();
    key(el, 'ArrowRight');
    await until(() => time(el) === 100);
    for (let i = 0; i < 15; i++) {
      const t = time(el);
      q(el, 'step').click();
      await until(() => time(el) > t, 5000);
    }
    expect(time(el)).toBeCloseTo(1600, 6);
    const text = q(el, 'onset-steady').textContent!;
    const [onset, steady] = text.match(/[\d.]+(?= Hz)/g)!.map(Number);
    expect(steady).toBeLessThan(0.7 * onset); // adaptation 0.5 nA: the band's ≥ 30% drop
    expect(q(el, 'after').textContent).toBe('0.0 Hz');
    await until(() => (q(el, 'summary').textContent ?? '').includes('last cycle'), 4000);
  }, 30_000);

  it('sends live sliders to the running neuron; the circuit restarts it as a pair', async () => {
    const el = await mount();
    q(el, 'step').click();
    await until(() => time(el) === 100);
    slide(el, 'adaptation', 0);
    slide(el, 'bias', 2.5);
    await until(() => trainer.updates.length >= 1);
    await until(() => trainer.updates.some((u) => u.bias === 2.5));
    expect(trainer.updates.flatMap((u) => Object.keys(u)).every((k) => ['adaptation', 'bias'].includes(k))).toBe(true);
    expect(trainer.created).toHaveLength(1);
    // Tonic firing with no input: 2.5 nA of intrinsic current alone.
    q(el, 'step').click();
    await until(() => time(el) === 200);
    expect(q(el, 'static-now').textContent).toBe('29 Hz');
    const circuit = el.querySelector<HTMLSelectElement>('[data-key="circuit"] select')!;
    circuit.value = 'pair';
    circuit.dispatchEvent(new Event('change'));
    await until(() => trainer.created.length === 2, 4000);
    expect(trainer.created[1].config).toMatchObject({ circuit: 'pair', adaptation: 0, bias: 2.5 });
    await until(() => el.dataset.status === 'ready');
    expect(time(el)).toBe(0);
  });

  it('Reset (R) replays the same run, and removal disposes it', async () => {
    const el = await mount();
    for (let i = 0; i < 3; i++) {
      const t = time(el);
      q(el, 'step').click();
      await until(() => time(el) > t);
    }
    const first = q(el, 'rate-now').textContent;
    key(el, 'r');
    await until(() => trainer.created.length === 2 && time(el) === 0);
    for (let i = 0; i < 3; i++) {
      const t = time(el);
      q(el, 'step').click();
      await until(() => time(el) > t);
    }
    expect(q(el, 'rate-now').textContent).toBe(first);
    el.remove();
    await until(() => trainer.disposed.length === 2);
  });
});
