/**
 * The numbers the exponentiated-gradient chapter quotes, with science.md's pass bands, as structured
 * results (reproduce.ts prints them; the unit test checks the bands at a reduced size).
 *   eg-online:     Kivinen & Warmuth's race, sparse (one relevant input, x ∈ {±1}ᴺ) and dense.
 *   guess-the-map: which potential made the weight change most Gaussian (Pogodin, Cornford et al.).
 *   dale-mnist:    a Dale network trained on MNIST by GD and by EG: accuracy, sign flips, changes.
 */
import type { ByteSource } from '../../lib/data';
import { POTENTIAL_NAMES, type PotentialName } from '../../lib/rules/update/potentials';
import { RACE_DEFAULTS, RACE_DENSE, raceTable } from './runs/sparse-dense-race';
import { GUESS_MAP_DEFAULTS, guessTheMap, type GuessMapRow } from './runs/guess-the-map';
import { WEIGHTS_LIVE_DEFAULTS, WeightsLiveRun, type WeightsLiveConfig } from './runs/weights-live';
import { summariseChange } from './runs/weight-change';
import { nonGaussianity } from '../../lib/stats/normality';
import { createRng } from '../../lib/random';

const logMagnitudes = (w: ArrayLike<number>) => Float64Array.from(w, (v) => Math.log(Math.abs(v)));

export interface Band {
  /** What is checked, e.g. 'GD/EG± loss ratio at N = 1024'. */
  name: string;
  value: number;
  /** The condition as science.md states it, e.g. '≥ 10'. */
  limit: string;
  hit: boolean;
}

export interface OnlineTables {
  sparse: { sizes: number[]; gd: number[]; eg: number[] };
  dense: { sizes: number[]; gd: number[]; eg: number[] };
  trials: number;
  seconds: number;
  bands: Band[];
}

export function onlineTables(seed: number, sizes: number[], trials: number, denseSizes = [64]): OnlineTables {
  const sparse = raceTable({ ...RACE_DEFAULTS, sizes, trials, seed });
  const dense = raceTable({ ...RACE_DEFAULTS, ...RACE_DENSE, sizes: denseSizes, trials, seed });
  const at = (t: { sizes: number[]; gd: number[]; eg: number[] }, n: number) => t.sizes.indexOf(n);
  const bands: Band[] = [];
  const i1024 = at(sparse, 1024);
  const i64 = at(sparse, 64);
  if (i1024 >= 0) {
    const ratio = sparse.gd[i1024] / sparse.eg[i1024];
    bands.push({ name: 'GD/EG± cumulative loss at N = 1024', value: ratio, limit: '≥ 10', hit: ratio >= 10 });
    if (i64 >= 0) {
      const growth = sparse.eg[i1024] / sparse.eg[i64];
      bands.push({ name: 'EG± loss growth from N = 64 to 1024', value: growth, limit: '≤ 2', hit: growth <= 2 });
    }
  }
  const d64 = at(dense, 64);
  if (d64 >= 0) {
    const ratio = dense.eg[d64] / dense.gd[d64];
    bands.push({ name: 'dense target, N = 64: EG±/GD (the winner flips)', value: ratio, limit: '> 1', hit: ratio > 1 });
  }
  return {
    sparse: { sizes: sparse.sizes, gd: sparse.gd, eg: sparse.eg },
    dense: { sizes: dense.sizes, gd: dense.gd, eg: dense.eg },
    trials,
    seconds: sparse.seconds + dense.seconds,
    bands,
  };
}

export interface GuessMapTables {
  dimension: number;
  points: number;
  candidates: PotentialName[];
  rows: GuessMapRow[];
  /** For scale: the non-Gaussianity of D genuine Gaussian draws (sampling noise alone). */
  gaussianBaseline: number;
  bands: Band[];
}

/** The potentials science.md's band speaks of; the 3-norm row is reported without a band. */
export const BANDED_POTENTIALS: readonly PotentialName[] = ['2-norm', 'negative-entropy'];

/** Learners trained by each of `hiddens` (default: all three potentials); every potential is a candidate. */
export function guessMapTables(seed: number, dimension: number, points: number, hiddens: readonly PotentialName[] = POTENTIAL_NAMES): GuessMapTables {
  const config = { ...GUESS_MAP_DEFAULTS, dimension, points, seed, candidates: [...POTENTIAL_NAMES] };
  const rows = guessTheMap(config, [...hiddens]);
  const bands: Band[] = [];
  for (const row of rows) {
    if (!BANDED_POTENTIALS.includes(row.hidden)) continue;
    const own = row.scores[config.candidates.indexOf(row.hidden)];
    const nearest = Math.min(...row.scores.filter((_, i) => config.candidates[i] !== row.hidden));
    bands.push({ name: `trained by ${row.hidden}: next-most-Gaussian / right potential`, value: nearest / own, limit: '≥ 3', hit: nearest / own >= 3 });
  }
  const flips = (name: PotentialName) => rows.find((r) => r.hidden === name)!.signFlipFraction;
  bands.push({ name: 'sign flips, EG-trained (fraction)', value: flips('negative-entropy'), limit: '= 0', hit: flips('negative-entropy') === 0 });
  bands.push({ name: 'sign flips, GD-trained (fraction)', value: flips('2-norm'), limit: '≥ 0.10', hit: flips('2-norm') >= 0.1 });
  const draws = createRng(seed).fork('gaussian-baseline');
  const gaussianBaseline = nonGaussianity(Float64Array.from({ length: dimension }, () => draws.normal()));
  return { dimension, points, candidates: config.candidates, rows, gaussianBaseline, bands };
}

export interface DaleRow {
  rule: 'gd' | 'eg';
  learningRate: number;
  testAccuracy: number;
  violationFraction: number;
  violationsPerLayer: number[];
  /** Per layer: non-Gaussianity of the change in the 2-norm and the entropy geometry. */
  changes: { twoNorm: number; entropy: number }[];
  /** Per layer: non-Gaussianity of log|w| at the end (how far from log-normal the weights are). */
  logNormality: number[];
}

export interface DaleTables {
  config: WeightsLiveConfig;
  epochs: number;
  steps: number;
  msPerStep: number;
  /** Test accuracy after each epoch: [epoch][gd, eg]. */
  accuracy: number[][];
  rows: DaleRow[];
  /** Per layer: non-Gaussianity of log|w| at the start (log-normal magnitudes, E and I populations mixed). */
  startLogNormality: number[];
  bands: Band[];
}

export async function daleTables(config: WeightsLiveConfig, epochs: number, source: ByteSource, progress: (line: string) => void): Promise<DaleTables> {
  const run = await WeightsLiveRun.create(config, source);
  try {
    const perEpoch = Math.ceil(config.trainSize / config.batchSize);
    const accuracy: number[][] = [];
    let trainMs = 0;
    for (let e = 1; e <= epochs; e++) {
      const t0 = performance.now();
      const r = run.train(perEpoch);
      trainMs += performance.now() - t0;
      if (r.diverged) throw new Error(`dale-mnist diverged at step ${r.step}`);
      const m = run.evaluate();
      accuracy.push(m.members.map((x) => x.testAccuracy));
      progress(`epoch ${e}: accuracy GD ${(100 * accuracy[e - 1][0]).toFixed(1)}%, EG ${(100 * accuracy[e - 1][1]).toFixed(1)}%; GD sign flips ${(100 * m.members[0].violationFraction).toFixed(1)}%`);
    }
    const m = run.evaluate();
    const start = run.initialWeights();
    const rows = m.members.map((member, i): DaleRow => {
      const after = run.weights(member.rule);
      return {
        rule: member.rule,
        learningRate: i === 0 ? m.gdRate : m.egRate,
        testAccuracy: member.testAccuracy,
        violationFraction: member.violationFraction,
        violationsPerLayer: member.violationsPerLayer.map((v, l) => v / start[l].length),
        changes: start.map((w0, l) => ({
          twoNorm: summariseChange('2-norm', w0, after[l], 10, 3).nonGaussianity,
          entropy: summariseChange('negative-entropy', w0, after[l], 10, 3).nonGaussianity,
        })),
        logNormality: after.map((w) => nonGaussianity(logMagnitudes(w))),
      };
    });
    const [gd, eg] = rows;
    const bands: Band[] = [
      { name: 'Dale violations (sign flips), EG (fraction)', value: eg.violationFraction, limit: '= 0', hit: eg.violationFraction === 0 },
      { name: 'Dale violations (sign flips), GD (fraction)', value: gd.violationFraction, limit: '≥ 0.10', hit: gd.violationFraction >= 0.1 },
    ];
    const startLogNormality = start.map((w) => nonGaussianity(logMagnitudes(w)));
    return { config, epochs, steps: run.step, msPerStep: trainMs / run.step, accuracy, rows, startLogNormality, bands };
  } finally {
    run.dispose();
  }
}

export const DALE_QUICK: WeightsLiveConfig = { ...WEIGHTS_LIVE_DEFAULTS, hidden: [64], trainSize: 2000, testSize: 1000 };
