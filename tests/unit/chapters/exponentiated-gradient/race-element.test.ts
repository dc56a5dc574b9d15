// @vitest-environment jsdom
// <eg-race> against a fake worker that runs the real race (plain JS, fast): the config from the URL
// (the five sizes plus the reader's N, the dense task's mapping, a malformed hash), a race played in
// paced chunks and stepped in tenths to the reproduce table's numbers, predictions checked at the end,
// live step multipliers without a restart, restarts for the rest, divergence naming the step size.
import { describe, expect, it, vi } from 'vitest';
import { RaceRun, type RaceConfig, type RaceMetrics } from '../../../../src/chapters/exponentiated-gradient/runs/sparse-dense-race';
import { classifyGrowth, raceVerdicts, winnerOf } from '../../../../src/chapters/exponentiated-gradient/widgets/eg-race/verdicts';
import type { RunRef, TrainOptions } from '../../../../src/runtime/protocol';
import { q, until } from '../../widgets/dom-helpers';
import { FakeTrainerBase, mountWidget, widgetDom } from '../../widgets/fake-trainer';

class FakeTrainer extends FakeTrainerBase<RaceConfig, RaceMetrics> {
  runs = new Map<number, RaceRun>();
  evaluations = 0;

  protected override onCreate(id: number, config: RaceConfig) {
    this.runs.set(id, new RaceRun(config));
  }
  async train(run: RunRef, options: TrainOptions = {}) {
    this.trainCalls.push(options);
    await new Promise((r) => setTimeout(r, 1));
    const race = this.runs.get(run.id)!;
    const n = options.untilStep !== undefined ? Math.max(0, options.untilStep - race.step) : options.steps ?? 50;
    const r = race.train(n);
    this.steps.set(run.id, race.step);
    return { ...r, steps: n, stepsPerSec: 1000 };
  }
  async evaluate(run: RunRef): Promise<RaceMetrics> {
    this.evaluations += 1;
    return this.runs.get(run.id)!.evaluate();
  }
  override async update(run: RunRef, partial: Partial<RaceConfig>) {
    await super.update(run, partial);
    this.runs.get(run.id)!.update(partial);
  }
  override async dispose(run: RunRef) {
    await super.dispose(run);
    this.runs.delete(run.id);
  }
}

let fake = new FakeTrainer();
vi.mock('../../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(fake) }));

widgetDom(() => import('../../../../src/chapters/exponentiated-gradient/widgets/eg-race/element'));

async function mount(html = '<eg-race id="race"></eg-race>') {
  fake = new FakeTrainer();
  return mountWidget(html, 'eg-race', { statuses: ['ready', 'error'] });
}
const input = (el: Element, key: string) => el.querySelector<HTMLInputElement>(`[data-key="${key}"] input, [data-key="${key}"] select`)!;
const press = (el: Element, id: string) => q(el, id).click();

describe('the race’s verdicts', () => {
  it('name the growth law nearest on a log scale, and the winner within 25%', () => {
    // Seed 1's table: GD ×96 and EG± ×2.7 while N grows ×256.
    expect(classifyGrowth(1539 / 16, 16, 4096)).toBe('linear');
    expect(classifyGrowth(15.5 / 5.8, 16, 4096)).toBe('log');
    expect(classifyGrowth(16, 16, 4096)).toBe('sqrt');
    expect(classifyGrowth(1.02, 16, 4096)).toBe('flat');
    expect([winnerOf(873.8, 13), winnerOf(64, 1297), winnerOf(10, 11)]).toEqual(['eg', 'gd', 'tie']);
  });
});

describe('<eg-race>', () => {
  it('races the five sizes plus the reader’s N, from the URL; the dense task uses every input, one at a time', async () => {
    history.replaceState(null, '', '/#race.inputs=100&race.relevant=4&race.seed=7&race.trials=1000');
    const el = await mount();
    expect(fake.created[0]).toMatchObject({ sizes: [16, 64, 100, 256, 1024, 4096], relevant: 4, inputs: 'signs', seed: 7, trials: 1000, curveEvery: 5, gdRateScale: 1, egRateScale: 1 });
    expect(q(el, 'race-heading').textContent).toBe('N = 100 · trial 0 of 1,000');
    expect(q(el, 'chart-trials').textContent).toContain('Cumulative loss at N = 100');
    const task = input(el, 'target');
    task.value = 'dense';
    task.dispatchEvent(new Event('change'));
    await until(() => fake.created.length === 2 && el.dataset.status === 'ready', 2000);
    expect(fake.created[1]).toMatchObject({ inputs: 'unit', relevant: Number.MAX_SAFE_INTEGER });
    expect(fake.disposed).toEqual([1]);
  });

  it('falls back to the defaults on a malformed hash', async () => {
    history.replaceState(null, '', '/#race.inputs=lots&race.target=bogus&race.gd-step-size=-1&race.seed=x');
    await mount();
    expect(fake.created[0]).toMatchObject({ sizes: [16, 64, 256, 1024, 4096], relevant: 1, inputs: 'signs', seed: 1, gdRateScale: 0.1 });
  });

  it('steps in tenths to the reproduce table’s numbers, then checks the reader’s predictions', async () => {
    const el = await mount();
    press(el, 'predict-winner-eg');
    press(el, 'predict-gd-linear');
    press(el, 'predict-eg-sqrt');
    expect(q(el, 'predict-winner-result').textContent).toBe('');
    for (let i = 1; i <= 10; i++) {
      press(el, 'step');
      await until(() => el.dataset.step === String(200 * i), 2000);
    }
    expect(fake.trainCalls.map((c) => c.untilStep)).toEqual([200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000]);
    await until(() => el.dataset.status === 'finished');
    // `npm run reproduce -- eg-online`, seed 1, N = 1,024.
    expect(q(el, 'race-gd').textContent).toBe('873.8');
    expect(q(el, 'race-eg').textContent).toBe('13.0');
    expect(q(el, 'race-ratio').textContent).toBe('67×');
    expect(q(el, 'predict-winner-result').dataset.verdict).toBe('right');
    expect(q(el, 'predict-gd-result').dataset.verdict).toBe('right');
    expect(q(el, 'predict-eg-result').dataset.verdict).toBe('wrong');
    expect(q(el, 'predict-eg-result').textContent).toContain('Answer: like log N');
    expect(q(el, 'predict-eg-result').textContent).toContain('You predicted “like √N”');
    expect(q(el, 'predict-gd-result').textContent).toContain('from 16.0 to 1,539, ×96, while N grew ×256');
    // The right option is marked, the wrong choice too.
    expect(el.querySelector('[data-question="eg"] .is-answer')!.getAttribute('data-value')).toBe('log');
    expect(el.querySelector('[data-question="eg"] .is-wrong')!.getAttribute('data-value')).toBe('sqrt');
    // Play again: a new race, answers hidden, the reader's choices kept.
    press(el, 'play');
    await until(() => fake.created.length === 2);
    await until(() => el.dataset.status === 'playing', 2000);
    expect(q(el, 'predict-winner-result').textContent).toBe('');
    expect(el.querySelector<HTMLInputElement>('[data-testid="predict-winner-eg"]')!.checked).toBe(true);
    press(el, 'play');
    await until(() => el.dataset.status === 'ready', 2000);
  });

  it('paces a played race: ⌈trials / 240⌉ trials a frame, every frame drawn', async () => {
    const el = await mount('<eg-race id="race" trials="4800"></eg-race>');
    press(el, 'play');
    await until(() => Number(el.dataset.step) >= 100, 4000);
    press(el, 'play');
    await until(() => el.dataset.status === 'ready');
    const played = fake.trainCalls.filter((c) => c.steps !== undefined);
    expect(played.length).toBeGreaterThan(4);
    expect(played.every((c) => c.steps === 20)).toBe(true);
    expect(fake.evaluations).toBe(played.length + 1);
    await until(() => (q(el, 'summary').textContent ?? '').startsWith('Trial'), 4000);
    expect(q(el, 'summary').textContent).toMatch(/^Trial [\d,]+ of 4,800, the sparse task \(1 relevant input among N random signs\): at N = 1,024 gradient descent has paid/);
  });

  it('sends the step multipliers to the running race without a restart; k restarts it', async () => {
    const el = await mount();
    press(el, 'step');
    await until(() => el.dataset.step === '200');
    const gd = input(el, 'gdStepSize');
    gd.value = String(Number(gd.value) - 6);
    gd.dispatchEvent(new Event('input'));
    gd.dispatchEvent(new Event('change'));
    await until(() => fake.updates.length > 0);
    expect(Object.keys(fake.updates[0])).toEqual(['gdRateScale']);
    expect(fake.updates[0].gdRateScale).toBeLessThan(1);
    await until(() => (q(el, 'race-foot').textContent ?? '').includes(`GD η = ${(fake.updates[0].gdRateScale! / 2048).toPrecision(2)}`));
    expect(fake.created).toHaveLength(1);
    expect(el.dataset.step).toBe('200');
    await until(() => /race\.gd-step-size=0\.5/.test(location.hash), 2000);
    const k = input(el, 'relevant');
    k.value = String(Number(k.value) + 20);
    k.dispatchEvent(new Event('input'));
    k.dispatchEvent(new Event('change'));
    await until(() => fake.created.length === 2, 2000);
    expect(fake.created[1].relevant).toBe(10);
    expect(fake.created[1].gdRateScale).toBe(fake.updates[0].gdRateScale);
  });

  it('pauses a diverging race and names the step size to lower', async () => {
    const el = await mount('<eg-race id="race" gd-step-size="4"></eg-race>');
    for (let i = 0; i < 10 && el.dataset.status !== 'diverged'; i++) {
      press(el, 'step');
      await until(() => el.dataset.status !== 'ready' || Number(el.dataset.step) >= 200 * (i + 1), 2000);
      await new Promise((r) => setTimeout(r, 5));
    }
    await until(() => el.dataset.status === 'diverged', 2000);
    expect(q(el, 'state').textContent).toContain('Training diverged (loss blew up) with gradient descent’s step × 4. Lower it and reset.');
  });

  it('computes the verdicts from the metrics alone', () => {
    const run = new RaceRun({ sizes: [16, 64, 256], relevant: 1, inputs: 'signs', trials: 500, seed: 2, gdRateScale: 1, egRateScale: 1, curveEvery: 10 });
    run.train(500);
    const v = raceVerdicts(run.evaluate(), 64);
    expect(v.winner.answer).toBe('eg');
    expect(v.gd.answer).toBe('linear');
    expect(v.eg.answer).toBe('log');
    expect(raceVerdicts(run.evaluate(), 100).winner).toBeUndefined();
  });
});
