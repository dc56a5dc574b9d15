// What the comparison figure plots, as pure functions: the evaluation schedule, mean and range over
// seeds, the paired difference from backprop, the same-start check and the live-change markers.
import { describe, expect, it } from 'vitest';
import type { FaCompareMetrics } from '../../../src/chapters/feedback-alignment/runs/compare';
import { differenceFromBackprop, markerLines, meanOf, nextEvalStep, ruleCurve, sameStart, spread } from '../../../src/chapters/feedback-alignment/widgets/fa-compare/series';
import { nextLinearEval, playPace } from '../../../src/chapters/feedback-alignment/widgets/fa-linear/schedule';

function at(step: number, accuracy: number[][]): FaCompareMetrics {
  return {
    step,
    epoch: step / 250,
    diverged: false,
    rules: ['backprop', 'fa'],
    seeds: accuracy.map((_, s) => s + 1),
    results: accuracy.map((row) => row.map((a, r) => ({ rule: r ? 'fa' : 'backprop', testLoss: 1 - a, testAccuracy: a, angles: [r ? 40 : 0], feedbackAngles: r ? [50] : null }))),
    learningRate: 0.05,
    optimizer: 'sgd',
    batchSize: 32,
    initChecksums: accuracy.map(() => ['aaaaaaaa', 'aaaaaaaa']),
  };
}

describe('fa-compare series', () => {
  it('evaluates every 25 steps to 100, every 50 to 500, then every 125 (epoch boundaries at batch 32)', () => {
    const steps = [0];
    while (steps.at(-1)! < 1250) steps.push(nextEvalStep(steps.at(-1)!));
    expect(steps.slice(0, 8)).toEqual([0, 25, 50, 75, 100, 150, 200, 250]);
    expect(steps).toContain(500);
    expect(steps.filter((s) => s > 500)).toEqual([625, 750, 875, 1000, 1125, 1250]);
    expect(nextEvalStep(37)).toBe(50); // off-schedule (after a batch-size change) snaps forward
  });

  it('schedules the linear figure densely early: every 10 samples to 200, 50 to 1,000, then 200', () => {
    expect([0, 10, 190, 200, 950, 1000, 4800].map(nextLinearEval)).toEqual([10, 20, 200, 250, 1000, 1200, 5000]);
    // Played slowly through the first few hundred samples, then faster.
    expect([0, 299, 300, 999, 1000].map(playPace)).toEqual([60, 60, 200, 200, 600]);
  });

  it('summarises seeds by mean and range, ignoring non-finite values', () => {
    expect(spread([0.8, 0.9, 1])).toEqual({ mean: 0.9, lo: 0.8, hi: 1 });
    expect(spread([NaN, 2])).toEqual({ mean: 2, lo: 2, hi: 2 });
    expect(Number.isNaN(spread([]).mean)).toBe(true);
    expect(meanOf([30, 50])).toBe(40);
    expect(Number.isNaN(meanOf(null))).toBe(true);
  });

  it('draws one curve per rule over the history; the difference from backprop is paired by seed', () => {
    const history = [at(0, [[0.1, 0.12], [0.1, 0.08]]), at(25, [[0.5, 0.52], [0.6, 0.58]])];
    const fa = ruleCurve(history, 'fa', (m) => m.testAccuracy);
    expect(fa.xs).toEqual([0, 25]);
    expect(fa.mean[1]).toBeCloseTo(0.55, 10);
    expect([fa.lo[1], fa.hi[1]]).toEqual([0.52, 0.58]);
    const diff = ruleCurve(history, 'fa', differenceFromBackprop);
    // +2 points under seed 1, −2 under seed 2: mean 0, range ±2 (unpaired, the range would be 0.52–0.58 vs 0.5–0.6).
    expect(diff.mean[1]).toBeCloseTo(0, 10);
    expect(diff.lo[1]).toBeCloseTo(-2, 10);
    expect(diff.hi[1]).toBeCloseTo(2, 10);
  });

  it('finds a rule by name in each evaluation: another run\'s evaluations (fewer rules) add no point and never throw', () => {
    const old = at(0, [[0.1, 0.12]]);
    const wider: FaCompareMetrics = { ...at(25, [[0.5, 0.6]]), rules: ['backprop', 'fa', 'dfa'] };
    wider.results = [[...wider.results[0], { rule: 'dfa', testLoss: 0.4, testAccuracy: 0.7, angles: [45], feedbackAngles: [60] }]];
    const dfa = ruleCurve([old, wider], 'dfa', (m) => m.testAccuracy);
    expect(dfa).toEqual({ xs: [25], mean: [0.7], lo: [0.7], hi: [0.7] });
    expect(ruleCurve([old, wider], 'dfa', differenceFromBackprop).mean[0]).toBeCloseTo(20, 10);
  });

  it('checks that every rule started from the same weights, seed by seed', () => {
    expect(sameStart([['a', 'a'], ['b', 'b']])).toBe(true);
    expect(sameStart([['a', 'a'], ['b', 'c']])).toBe(false);
  });

  it('marks live changes as vertical segments separated by gaps', () => {
    expect(markerLines([10, 40], 0, 1)).toEqual({ xs: [10, 10, NaN, 40, 40], ys: [0, 1, NaN, 0, 1] });
    expect(markerLines([], 0, 1)).toEqual({ xs: [], ys: [] });
  });
});
