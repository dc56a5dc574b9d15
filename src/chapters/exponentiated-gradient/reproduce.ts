/**
 * `npm run reproduce -- eg-online | guess-the-map | dale-mnist [--seed S] [--quick] [--steps N]`:
 * the exponentiated-gradient chapter's tables and science.md's bands (HIT/MISS), from tables.ts.
 * --steps: trials (eg-online), epochs (dale-mnist); guess-the-map trains to MSE < 1e-12.
 * --quick: eg-online without N = 4096; guess-the-map without the 3-norm learner; dale-mnist 784-64-10
 * on 2,000 digits for one epoch.
 */
import type { ReproduceExperiments } from '../types';
import { WEIGHTS_LIVE_DEFAULTS } from './runs/weights-live';
import { BANDED_POTENTIALS, DALE_QUICK, daleTables, guessMapTables, onlineTables, type Band } from './tables';

const table = (header: string[], rows: string[][]) =>
  [header, header.map((_, i) => (i === 0 ? '---' : '---:')), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
const fixed = (digits: number) => (x: number) => x.toFixed(digits);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function formatBands(bands: Band[]): string {
  return bands.map((b) => `- ${b.hit ? 'HIT' : 'MISS'}: ${b.name} = ${b.value.toPrecision(3)} (band ${b.limit})`).join('\n');
}

const LABEL: Record<string, string> = { '2-norm': '2-norm (GD)', '3-norm': '3-norm', 'negative-entropy': 'negative entropy (EG)' };

export const experiments: ReproduceExperiments = {
  'eg-online': {
    about:
      'Kivinen & Warmuth 1997: online linear regression, GD (η = 1/(2N)) vs EG± (η = 1/(2U²), U = ‖u‖₁), cumulative squared loss over 2,000 trials; x ∈ {±1}ᴺ with one relevant input, then a dense ±1 target with unit-vector inputs.',
    async run({ seed, quick, steps }) {
      const sizes = quick ? [16, 64, 256, 1024] : [16, 64, 256, 1024, 4096];
      const t = onlineTables(seed, sizes, steps ?? 2000, quick ? [64] : [16, 64, 256]);
      const sparse = table(
        ['N', 'GD', 'EG±', 'GD / EG±'],
        t.sparse.sizes.map((n, i) => [String(n), t.sparse.gd[i].toFixed(1), t.sparse.eg[i].toFixed(1), (t.sparse.gd[i] / t.sparse.eg[i]).toFixed(1)]),
      );
      const dense = table(
        ['N', 'GD', 'EG±'],
        t.dense.sizes.map((n, i) => [String(n), t.dense.gd[i].toFixed(1), t.dense.eg[i].toFixed(1)]),
      );
      return [
        `Sparse target (one relevant input, x ∈ {±1}ᴺ), cumulative loss after ${t.trials} trials:\n`,
        sparse,
        `\nDense target (every input relevant, ±1 weights; unit-vector inputs):\n`,
        dense,
        `\nBands (science.md):\n${formatBands(t.bands)}`,
        `\nRace time: ${t.seconds.toFixed(2)} s for ${t.trials} trials of every N.`,
      ].join('\n');
    },
  },
  'guess-the-map': {
    about:
      'Pogodin, Cornford et al. 2024: a linear model (D = 1,000 weights, w₀ ~ N(0, 1/D)) fits N = 177 correlated points to MSE < 1e-12 by mirror descent with each potential; non-Gaussianity (W1 of the standardised dual change to N(0,1)) per candidate.',
    async run({ seed, quick, progress }) {
      // --quick keeps the size (below D ≈ 1,000 the measure's sampling noise blurs the 3× margin) and
      // drops the slow 3-norm learner, which no band names.
      const [dimension, points] = [1000, 177];
      progress(`guess the map: D = ${dimension}, N = ${points}, seed ${seed}`);
      const t = guessMapTables(seed, dimension, points, quick ? BANDED_POTENTIALS : undefined);
      const rows = t.rows.map((r) => [
        LABEL[r.hidden],
        String(r.iterations),
        r.loss.toExponential(1),
        pct(r.signFlipFraction),
        ...r.scores.map(fixed(3)),
        LABEL[r.guess],
        `${r.margin.toFixed(1)}×`,
        r.seconds.toFixed(1),
      ]);
      return [
        `D = ${dimension}, N = ${points}. Non-Gaussianity of ξ = ∇φ(w_T) − ∇φ(w₀) in each candidate's geometry (0 = Gaussian):\n`,
        table(['trained by', 'iterations', 'final MSE', 'sign flips', ...t.candidates.map((c) => `in ${LABEL[c]}`), 'guess', 'margin', 'seconds'], rows),
        `\nFor scale: ${dimension.toLocaleString('en-US')} genuine Gaussian draws (seed ${seed}) have a non-Gaussianity of ${t.gaussianBaseline.toFixed(3)}, from sampling noise alone.`,
        `\nBands (science.md; the band names the 2-norm and the negative entropy, the 3-norm row is ours):\n${formatBands(t.bands)}`,
      ].join('\n');
    },
  },
  'dale-mnist': {
    about:
      "A Dale's-law MLP 784-256-10 (ReLU; 80% excitatory neurons; log-normal |w|, σ = 1) trained on 10,000 MNIST digits for 5 epochs (batch 32) by GD (η = 0.1) and by EG (η = 0.1/mean|w₀|) from one start; 2,000 test digits.",
    async run({ seed, quick, steps, source, progress }) {
      const config = { ...(quick ? DALE_QUICK : WEIGHTS_LIVE_DEFAULTS), seed };
      const epochs = steps ?? (quick ? 1 : 5);
      const t = await daleTables(config, epochs, source, progress);
      const layers = t.rows[0].changes.map((_, l) => l);
      const rows = t.rows.map((r) => [
        r.rule === 'gd' ? 'GD' : 'EG',
        r.learningRate.toPrecision(3),
        pct(r.testAccuracy),
        pct(r.violationFraction),
        ...r.violationsPerLayer.map(pct),
        ...r.changes.flatMap((c) => [c.twoNorm.toFixed(3), c.entropy.toFixed(3)]),
      ]);
      const header = [
        'rule',
        'η',
        'test accuracy',
        'sign flips (all)',
        ...layers.map((l) => `flips, layer ${l + 1}`),
        ...layers.flatMap((l) => [`layer ${l + 1} change: 2-norm`, `layer ${l + 1}: entropy`]),
      ];
      const curve = table(['epoch', 'GD', 'EG'], t.accuracy.map((a, e) => [String(e + 1), pct(a[0]), pct(a[1])]));
      const logNormal = table(
        ['weights', ...layers.map((l) => `layer ${l + 1}`)],
        [['at the start', ...t.startLogNormality.map(fixed(3))], ...t.rows.map((r) => [`after ${r.rule === 'gd' ? 'GD' : 'EG'}`, ...r.logNormality.map(fixed(3))])],
      );
      return [
        `784-${config.hidden.join('-')}-10, ${config.trainSize} training / ${config.testSize} test digits, ${epochs} epoch(s), ${t.steps} steps of batch ${config.batchSize}:\n`,
        table(header, rows),
        `\nTest accuracy by epoch:\n`,
        curve,
        `\nNon-Gaussianity of log|w| (0 = exactly log-normal magnitudes):\n`,
        logNormal,
        `\nBands (science.md):\n${formatBands(t.bands)}`,
        `\nSpeed: ${t.msPerStep.toFixed(1)} ms per step (both networks, forward + backward + update).`,
      ].join('\n');
    },
  },
};
