// @vitest-environment jsdom
// <event-camera> on the real event-camera run and a real MNIST test digit: Step as 10 ms, nothing seen
// while the digit is still off the field, events and frames once it enters, a still scene (speed 0,
// sent live) that adds frames but no events, the threshold sent live, and the data counters.
import { describe, expect, it, vi } from 'vitest';
import { until, q } from '../../widgets/dom-helpers';
import { mountWidget, widgetDom } from '../../widgets/fake-trainer';
import { LocalTrainer } from './local-trainer';

let trainer = new LocalTrainer();
vi.mock('../../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(trainer) }));
widgetDom(() => import('../../../../src/chapters/brains-not-feed-forward/widgets/event-camera/element'));

const data = (el: HTMLElement, key: 'events' | 'frames' | 'step') => Number(el.dataset[key]);
async function steps(el: HTMLElement, n: number) {
  for (let i = 0; i < n; i++) {
    const s = data(el, 'step');
    q(el, 'step').click();
    await until(() => data(el, 'step') === s + 10, 5000);
  }
}
const slide = (el: Element, name: string, value: number) => {
  const input = el.querySelector<HTMLInputElement>(`[data-key="${name}"] input`)!;
  input.value = String(value);
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('change'));
};

describe('<event-camera>', () => {
  it('reports events only where the digit moves, and none from a still scene', async () => {
    trainer = new LocalTrainer();
    const el = await mountWidget('<event-camera id="events"></event-camera>', 'event-camera', { ms: 20_000 });
    expect(trainer.created[0]).toMatchObject({ kind: 'event-camera', config: { seed: 1, speed: 100, threshold: 0.15, frameRate: 30, digitIndex: -1 } });
    await steps(el, 5); // 50 ms: the digit is still left of the field
    expect(data(el, 'events')).toBe(0);
    expect(data(el, 'frames')).toBe(2);
    await steps(el, 25); // 300 ms: it has entered
    const moving = data(el, 'events');
    expect(moving).toBeGreaterThan(1000);
    expect(q(el, 'events').textContent).toMatch(/^[\d,]+ \([\d,]+ · [\d,]+\)$/);
    slide(el, 'speed', 0);
    await until(() => trainer.updates.some((u) => u.speed === 0));
    await steps(el, 10);
    expect(data(el, 'events')).toBe(moving);
    expect(data(el, 'frames')).toBe(13); // 400 ms at 30 frames per second, the first at 0
    expect(q(el, 'bytes').textContent).toBe(`${((8 * moving) / 1000).toFixed(1)} kB vs ${((13 * 96 * 32) / 1000).toFixed(1)} kB`);
    slide(el, 'threshold', 0.3);
    await until(() => trainer.updates.some((u) => u.threshold === 0.3));
    expect(trainer.created).toHaveLength(1);
    await until(() => /a \d moving at 0 pixels per second/.test(q(el, 'summary').textContent ?? ''), 4000);
  }, 60_000);
});
