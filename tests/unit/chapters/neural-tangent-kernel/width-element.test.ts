// @vitest-environment jsdom
// <ntk-width> over the real width-ensemble run in process: the run it asks for (from the URL, and
// a malformed URL's defaults), the step-0 drawing, one GD step per Step until the fit, playing to the
// end at step 1,000, the live learning rate, restarts for the rest, the page-only highlight, the
// standard parameterisation blowing up at η = 0.5 (said, and named), keyboard and disposal.
import { describe, expect, it, vi } from 'vitest';
import { WidthEnsembleRun, type WidthEnsembleConfig, type WidthEnsembleMetrics } from '../../../../src/chapters/neural-tangent-kernel/runs/width-ensemble';
import { widthSchema } from '../../../../src/chapters/neural-tangent-kernel/widgets/ntk-width/schema';
import { findSetting, type NumberSetting } from '../../../../src/settings/schema';
import { toLogPosition } from '../../../../src/widgets/base/format';
import { q, until as waitUntil } from '../../widgets/dom-helpers';
import { mountWidget, widgetDom } from '../../widgets/fake-trainer';
import { LiveTrainer, setControl } from './live-trainer';
import { frenchCatalogue } from '../../../../src/essay/french-typography';
import { fr } from '../../../../src/i18n/fr';
import { resetMessages } from '../../../../src/i18n/t';

const make = () => new LiveTrainer<WidthEnsembleConfig, WidthEnsembleMetrics>((c) => new WidthEnsembleRun(c));
let fake = make();
vi.mock('../../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(fake) }));
// Playing is paced for readers (a few steps a second through the fit); tests run unpaced.
vi.mock('../../../../src/chapters/neural-tangent-kernel/widgets/common/schedule', async (original) => ({
  ...(await original<typeof import('../../../../src/chapters/neural-tangent-kernel/widgets/common/schedule')>()),
  FIT_PACE: [[Infinity, 1e9]],
}));

widgetDom(() => import('../../../../src/chapters/neural-tangent-kernel/widgets/ntk-width/element'), { stubCanvas: false });

const until = (check: () => boolean, ms = 8000) => waitUntil(check, ms);
const position = (key: string, value: number) => String(toLogPosition(findSetting(widthSchema, key) as NumberSetting, value));
const paths = (el: Element, layer: string) => [...el.querySelectorAll<SVGPathElement>(`.layer-${layer} path`)];

async function mount(hash = '') {
  fake = make();
  history.replaceState(null, '', `/${hash}`);
  return mountWidget('<ntk-width id="w"></ntk-width>', 'ntk-width', { statuses: ['ready', 'error'], ms: 8000 });
}

describe('<ntk-width>', () => {
  it('asks for the networks the URL describes and draws them, their twins, the band and the points at step 0', async () => {
    const el = await mount('#w.width=120&w.networks=3&w.seed=5&w.learning-rate=0.2');
    expect(fake.created[0]).toMatchObject({ width: 120, members: 3, seed: 5, parameterisation: 'ntk', alpha: 1, gridSize: 121 });
    // "learning-rate" is not this schema's key (step-size is): ignored, the default stays.
    expect(fake.created[0].stepSize).toBe(0.5);
    await until(() => paths(el, 'networks').length === 3);
    expect(paths(el, 'twins')).toHaveLength(3);
    // At step 0 each network is its own twin, path for path.
    expect(paths(el, 'networks').map((p) => p.getAttribute('d'))).toEqual(paths(el, 'twins').map((p) => p.getAttribute('d')));
    expect(paths(el, 'band')[0].getAttribute('d')).toMatch(/^M/);
    expect(el.querySelectorAll('.layer-points circle')).toHaveLength(4);
    expect(q(el, 'stat-step').textContent).toBe('0');
    expect(q(el, 'stat-fitted').textContent).toBe('0 of 3');
    expect(q(el, 'stat-gap').textContent).toBe('0.0%');
    expect(q(el, 'summary').textContent).toContain('Ready: 3 networks of width 120 (NTK parameterisation), learning rate 0.5');
  });

  it('falls back to the defaults on a malformed hash', async () => {
    await mount('#w.width=wide&w.networks=99&w.parameterisation=huge&w.seed=-3');
    expect(fake.created[0]).toMatchObject({ width: 10, members: 10, parameterisation: 'ntk', seed: 1, stepSize: 0.5 });
  });

  it('steps one gradient-descent step at a time through the fit, and plays on to step 1,000', async () => {
    const el = await mount('#w.width=40&w.networks=2');
    q(el, 'step').click();
    await until(() => el.dataset.step === '1');
    expect(fake.runs.get(1)!.step).toBe(1);
    const before = paths(el, 'networks')[0].getAttribute('d');
    q(el, 'step').click();
    await until(() => el.dataset.step === '2');
    await until(() => paths(el, 'networks')[0].getAttribute('d') !== before);
    q(el, 'play').click();
    await until(() => el.dataset.status === 'finished', 20_000);
    expect(el.dataset.step).toBe('1000');
    // Evaluations stop exactly at the schedule's steps: every step to 24, then every 2, 10, 25.
    const stops = [...new Set(fake.trainCalls.map((c) => c.untilStep))];
    expect(stops.slice(0, 3)).toEqual([1, 2, 3]);
    expect(stops).toContain(26);
    expect(stops).toContain(200);
    expect(stops).toContain(225);
    expect(stops).not.toContain(210);
    expect(q(el, 'stat-fitted').textContent).toBe('2 of 2');
    expect(Number(el.dataset.gap)).toBeGreaterThan(0);
    expect(q(el, 'status').textContent).toMatch(/^Finished · step 1,000/);
    expect(q(el, 'summary').textContent).toContain('step 1,000, 2 networks of width 40');
  });

  it('on a French page, writes the step in the summary with the French digit grouping (1 000, not 1000)', async () => {
    document.documentElement.lang = 'fr';
    const script = Object.assign(document.createElement('script'), { type: 'application/json', id: 'lm-messages', textContent: JSON.stringify(frenchCatalogue(fr)) });
    document.head.append(script);
    resetMessages();
    try {
      const el = await mount('#w.width=40&w.networks=2');
      q(el, 'play').click();
      await until(() => el.dataset.status === 'finished', 20_000);
      expect(q(el, 'summary').textContent).toContain('pas 1\u202f000, 2 réseaux de largeur 40');
      expect(q(el, 'summary').textContent).not.toMatch(/\d000/);
    } finally {
      script.remove();
      document.documentElement.lang = '';
      resetMessages();
    }
  });

  it('changes the learning rate without a restart, restarts for the width, and keeps the highlight on the page', async () => {
    const el = await mount('#w.width=30&w.networks=2');
    setControl(el, 'stepSize', position('stepSize', 0.05));
    await until(() => fake.updates.length === 1);
    expect(fake.updates[0]).toEqual({ stepSize: 0.05 });
    expect(fake.created).toHaveLength(1);
    setControl(el, 'highlight', '2');
    await until(() => paths(el, 'focus').length === 2);
    expect(fake.updates).toHaveLength(1);
    expect(paths(el, 'focus')[1].getAttribute('stroke-width')).toBe('3');
    setControl(el, 'width', position('width', 1000));
    await until(() => fake.created.length === 2);
    expect(fake.created[1]).toMatchObject({ width: 1000, members: 2, stepSize: 0.05 });
    await until(() => fake.disposed.includes(1));
    await until(() => location.hash.includes('w.width=1000'));
  });

  it('collects each width’s gap after the fit on a log–log chart, and starts afresh for another seed', async () => {
    const el = await mount('#w.width=10&w.networks=2&w.step-size=1');
    const play = async () => {
      q(el, 'play').click();
      await until(() => Number(el.dataset.step) >= 70, 20_000);
      q(el, 'play').click();
      await until(() => el.dataset.status === 'ready');
    };
    await play();
    expect(el.dataset.tried).toBe('10');
    setControl(el, 'width', position('width', 1000));
    await until(() => fake.created.length === 2 && el.dataset.status === 'ready');
    await play();
    expect(el.dataset.tried).toBe('10,1000');
    const dots = q(el, 'chart-tried').querySelectorAll('.layer-dots circle');
    expect(dots).toHaveLength(2);
    // The run now showing is marked; the wider one sits lower (smaller gap) on the chart.
    expect(dots[1].getAttribute('r')).toBe('6');
    expect(Number(dots[1].getAttribute('cy'))).toBeGreaterThan(Number(dots[0].getAttribute('cy')));
    expect(q(el, 'chart-tried').querySelector('.layer-reference path')!.getAttribute('d')).toMatch(/^M/);
    await until(() => /Gap after the fit by width so far: 10: [\d.]+%, 1,000: [\d.]+%/.test(q(el, 'summary').textContent ?? ''), 5000);
    const seed = q<HTMLInputElement>(el, 'seed');
    seed.value = '2';
    seed.dispatchEvent(new Event('change'));
    await until(() => fake.created.length === 3 && el.dataset.status === 'ready');
    expect(q(el, 'chart-tried').querySelectorAll('.layer-dots circle')).toHaveLength(0);
  });

  it('says the standard parameterisation diverged at η = 0.5 and names the learning rate', async () => {
    const el = await mount('#w.width=1000&w.networks=1&w.parameterisation=standard');
    q(el, 'play').click();
    await until(() => el.dataset.status === 'diverged');
    // From a link: every setting away from its default is a suspect, and the step size too.
    expect(q(el, 'state').textContent).toContain('parameterisation Standard (default NTK). Set one of them back, or lower learning rate η 0.5, and reset.');
    expect(q(el, 'diverged-reset')).toBeTruthy();
  });

  it('answers the keyboard and disposes its run when removed', async () => {
    const el = await mount('#w.width=20&w.networks=1');
    const figure = el.querySelector<HTMLElement>('.lm-figure')!;
    figure.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await until(() => el.dataset.step === '1');
    figure.dispatchEvent(new KeyboardEvent('keydown', { key: 'r', bubbles: true }));
    await until(() => fake.created.length === 2);
    await until(() => el.dataset.step === '0');
    el.remove();
    await until(() => fake.disposed.length === 2);
    expect(fake.runs.size).toBe(0);
  });
});
