// @vitest-environment jsdom
// <eg-guess-map> against a fake worker that runs the real learner (D = 200: fast): the hidden rule
// drawn from the seed (deterministic, all three rules), the config (N = ⌊D^¾⌋, the correlation), the
// guess buttons only once the fit has converged, nothing that names the answer before the guess
// (scores, sign flips, the marked candidate, the summary), the reveal and the score, next round.
import { describe, expect, it, vi } from 'vitest';
import { GuessMapRun, type GuessMapConfig, type GuessMapMetrics } from '../../../../src/chapters/exponentiated-gradient/runs/guess-the-map';
import { guessMapConfig, hiddenRule, pointsFor, surpriseRule } from '../../../../src/chapters/exponentiated-gradient/widgets/eg-guess-map/config';
import { playIterations } from '../../../../src/chapters/exponentiated-gradient/widgets/eg-guess-map/element';
import { roundVerdict } from '../../../../src/chapters/exponentiated-gradient/widgets/eg-guess-map/verdict';
import { defaults } from '../../../../src/settings/schema';
import { guessMapSchema } from '../../../../src/chapters/exponentiated-gradient/widgets/eg-guess-map/schema';
import type { RunRef, TrainOptions } from '../../../../src/runtime/protocol';
import { q, until } from '../../widgets/dom-helpers';
import { FakeTrainerBase, mountWidget, widgetDom } from '../../widgets/fake-trainer';

class FakeTrainer extends FakeTrainerBase<GuessMapConfig, GuessMapMetrics> {
  runs = new Map<number, GuessMapRun>();

  protected override onCreate(id: number, config: GuessMapConfig) {
    this.runs.set(id, new GuessMapRun(config));
  }
  async train(run: RunRef, options: TrainOptions = {}) {
    this.trainCalls.push(options);
    await new Promise((r) => setTimeout(r, 1));
    const learner = this.runs.get(run.id)!;
    const r = learner.train(options.steps ?? 10);
    this.steps.set(run.id, learner.step);
    return { ...r, steps: options.steps ?? 10, stepsPerSec: 1000 };
  }
  async evaluate(run: RunRef): Promise<GuessMapMetrics> {
    return this.runs.get(run.id)!.evaluate();
  }
}

let fake = new FakeTrainer();
vi.mock('../../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(fake) }));

widgetDom(() => import('../../../../src/chapters/exponentiated-gradient/widgets/eg-guess-map/element'));

async function mount(html = '<eg-guess-map id="guess" dimension="200"></eg-guess-map>') {
  fake = new FakeTrainer();
  return mountWidget(html, 'eg-guess-map', { statuses: ['ready', 'error'] });
}
const RULES = ['gradient descent', '3-norm mirror descent', 'exponentiated gradient'];

describe('the guessing game’s rounds', () => {
  it('draws the hidden rule from the seed: the same every time, each rule about a third of the time, no cycle', () => {
    const draws = Array.from({ length: 300 }, (_, i) => surpriseRule(i + 1));
    expect(Array.from({ length: 300 }, (_, i) => surpriseRule(i + 1))).toEqual(draws);
    for (const rule of ['2-norm', '3-norm', 'negative-entropy']) expect(draws.filter((d) => d === rule).length).toBeGreaterThan(75);
    expect(draws.slice(0, 9).join()).not.toBe(draws.slice(3, 12).join());
    const s = defaults(guessMapSchema);
    expect(hiddenRule({ ...s, hidden: '3-norm' }, 1)).toBe('3-norm');
    expect(hiddenRule(s, 1)).toBe(surpriseRule(1));
  });

  it('fits N = ⌊D^¾⌋ points (177 for D = 1,000), with the chosen correlation; plays a growing share of iterations per frame', () => {
    expect([200, 300, 1000].map(pointsFor)).toEqual([53, 72, 177]);
    const c = guessMapConfig({ ...defaults(guessMapSchema), power: '1', dimension: 300 }, 5);
    expect(c).toMatchObject({ dimension: 300, points: 72, power: 1, seed: 5, tolerance: 1e-12, candidates: ['2-norm', '3-norm', 'negative-entropy'] });
    expect([0, 90, 1000, 2000].map(playIterations)).toEqual([3, 4, 40, 80]);
  });
});

describe('<eg-guess-map>', () => {
  it('hides the answer until the reader guesses, then shows it, the scores and the sign flips', async () => {
    history.replaceState(null, '', '/#guess.hidden=negative-entropy');
    const el = await mount();
    const buttons = ['2-norm', '3-norm', 'negative-entropy'].map((p) => q<HTMLButtonElement>(el, `guess-${p}`));
    expect(buttons.every((b) => b.disabled)).toBe(true);
    expect(q(el, 'hist-2-norm').dataset.empty).toContain('No change yet');
    q(el, 'play').click();
    await until(() => el.dataset.status === 'finished', 15_000);
    expect(el.dataset.converged).toBe('true');
    expect(buttons.every((b) => !b.disabled)).toBe(true);
    // Before the guess nothing gives the answer away.
    expect(q(el, 'verdict').hidden).toBe(true);
    expect([...el.querySelectorAll('.eg-candidate')].map((c) => c.getAttribute('data-answer'))).toEqual(['false', 'false', 'false']);
    expect([...el.querySelectorAll('.eg-candidate-score')].map((s) => s.textContent)).toEqual(['', '', '']);
    expect(q(el, 'hist-2-norm').dataset.empty).toBeUndefined();
    expect(q(el, 'hist-2-norm').querySelectorAll('path.series')).toHaveLength(2);
    await until(() => (q(el, 'summary').textContent ?? '').startsWith('Fitted'), 4000);
    expect(q(el, 'summary').textContent).not.toMatch(/hidden rule was|changed sign|\d\.\d{3}/);
    q(el, 'guess-2-norm').click();
    expect(buttons.every((b) => b.disabled)).toBe(true);
    expect(q(el, 'guess-2-norm').getAttribute('aria-pressed')).toBe('true');
    expect(q(el, 'verdict').hidden).toBe(false);
    expect(q(el, 'verdict').dataset.right).toBe('false');
    expect(q(el, 'verdict-text').textContent).toMatch(/^Not this time: the hidden rule was exponentiated gradient, not gradient descent\. The change looks most Gaussian in the log-domain \(entropy\) geometry/);
    expect(q(el, 'verdict-text').textContent).toContain('On the way, no weight changed sign.');
    expect(q(el, 'tally').textContent).toBe('Your score on this page: 0 of 1.');
    expect(el.querySelector('.eg-candidate[data-answer="true"]')!.getAttribute('data-testid')).toBe('candidate-negative-entropy');
    expect(q(el, 'score-negative-entropy').textContent).toMatch(/^non-Gaussianity 0\.\d{3} · the most Gaussian$/);
  });

  it('next round: the next seed, in the URL; a fresh fit with the answer hidden again and the score kept', async () => {
    history.replaceState(null, '', '/#guess.hidden=2-norm');
    const el = await mount();
    q(el, 'play').click();
    await until(() => el.dataset.status === 'finished', 15_000);
    q(el, 'guess-2-norm').click();
    expect(q(el, 'verdict').dataset.right).toBe('true');
    expect(q(el, 'verdict-text').textContent).toMatch(/^Right: the hidden rule was gradient descent\./);
    expect(q(el, 'verdict-text').textContent).toMatch(/[\d,]+ of its 200 weights changed sign\.$/);
    q(el, 'next-round').click();
    await until(() => fake.created.length === 2 && el.dataset.status === 'ready', 3000);
    expect(fake.created[1]).toMatchObject({ seed: 2, hidden: '2-norm', dimension: 200 });
    expect(q<HTMLInputElement>(el, 'seed').value).toBe('2');
    await until(() => /guess\.seed=2/.test(location.hash), 2000);
    expect(q(el, 'verdict').hidden).toBe(true);
    expect(el.dataset.guess).toBeUndefined();
    q(el, 'play').click();
    await until(() => el.dataset.status === 'finished', 15_000);
    q(el, 'guess-3-norm').click();
    expect(q(el, 'tally').textContent).toBe('Your score on this page: 1 of 2.');
  });

  it('says when the most Gaussian geometry was not the hidden one', () => {
    const m = { hidden: '3-norm', signFlips: 3, weights: 10, candidates: [ { potential: '2-norm', nonGaussianity: 0.05 }, { potential: '3-norm', nonGaussianity: 0.06 }, { potential: 'negative-entropy', nonGaussianity: 0.3 } ] } as unknown as GuessMapMetrics;
    const v = roundVerdict(m, '3-norm');
    expect(v).toMatchObject({ right: true, methodRight: false });
    expect(v.text).toContain('the test can be fooled');
    expect(v.text).toContain('3 of its 10 weights changed sign');
    expect(RULES.some((r) => v.text.includes(r))).toBe(true);
  });
});
