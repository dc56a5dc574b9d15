/**
 * The chapter's numbers (`npm run reproduce -- <name>`):
 *   ntk-width      per width: kernel deviation at init, kernel and weight change in training, gap to kernel regression;
 *   ntk-lazy-rich  per output scale α: how far the kernel and the hidden features move;
 *   ntk-speed      ms per training step of the width-slider run (ensemble of 10) at widths 1,000 and 10,000.
 * Flags, written --name=value (a bare `--name value` reads as a switch): --members=N, --widths=10,100,… (ntk-width),
 * --step-size=η (ntk-lazy-rich); and --steps N (training steps).
 */
import type { ReproduceExperiments, ReproduceOptions } from '../types';
import { WIDTH_TABLE_DEFAULTS, widthBands, widthTable, type Summary } from './width-table';
import { LAZY_RICH_TABLE_DEFAULTS, lazyRichTable } from './lazy-rich-table';
import { WIDTH_ENSEMBLE_DEFAULTS, WidthEnsembleRun } from './runs';
import { analyticNtk, modeProjections, symmetricEigen } from '../../lib/kernels';
import { toyData } from './toy';

/** science.md's reference numbers for widths 100, 1,000, 10,000. */
const REFERENCE: Record<number, string> = { 100: '0.18 / 0.049 / 0.096', 1000: '0.067 / 0.0094 / 0.037', 10000: '0.021 / 0.0027 / 0.015' };

const num = (x: number) => (x >= 0.01 ? x.toFixed(3) : x.toPrecision(2));
const cell = (s: Summary) => `${num(s.mean)} ± ${num(s.sd)}`;
const count = (options: ReproduceOptions, flag: string, fallback: number) => {
  const value = options.flags[flag];
  return typeof value === 'string' ? Number(value) : fallback;
};

export const experiments: ReproduceExperiments = {
  'ntk-width': {
    about:
      'NTK toy (Jacot, Gabriel & Hongler 2018): one hidden ReLU layer in the NTK parameterisation (no biases), 4 points on the unit circle (γ = −2.5, −1, 0.5, 2; y = sin 2γ), full-batch GD η = 0.5 on ½Σ(f − y)²; per width, an ensemble of 10 initialisations trained 1,000 steps.',
    async run(options) {
      const widthsFlag = options.flags.widths;
      const config = {
        ...WIDTH_TABLE_DEFAULTS,
        seed: options.seed,
        members: count(options, 'members', WIDTH_TABLE_DEFAULTS.members),
        // Quick: the residual's slowest mode decays by (1 − 0.5·0.64)ᵗ, below 1e-16 of its start by t = 100.
        steps: options.steps ?? (options.quick ? 100 : WIDTH_TABLE_DEFAULTS.steps),
        widths: typeof widthsFlag === 'string' ? widthsFlag.split(',').map(Number) : options.quick ? [100, 1000, 10000] : WIDTH_TABLE_DEFAULTS.widths,
      };
      const rows = widthTable(config, options.progress);
      const lines = [
        `Each cell: mean ± sd over ${config.members} initialisations (members 0–${config.members - 1} of seed ${config.seed}); kernels on the 4 training points; T = ${config.steps} steps; gap over ${config.gridSize} angles on [−π, π], relative to RMS(y) = ${num(Math.sqrt(toyTargetsMeanSquare()))}.`,
        '',
        '| width | deviation ‖Θ₀ − Θ∞‖_F / ‖Θ∞‖_F | kernel change ‖Θ_T − Θ₀‖_F / ‖Θ₀‖_F | weight change ‖θ_T − θ₀‖ / ‖θ₀‖ | gap RMS(f_T − f∞) / RMS(y) | fitted (MSE < 10⁻⁶) | final training MSE (worst) | science.md: deviation / change / gap |',
        '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        ...rows.map((r) => `| ${r.width.toLocaleString('en-US')} | ${cell(r.deviation)} | ${cell(r.kernelChange)} | ${cell(r.weightChange)} | ${cell(r.gap)} | ${r.fitted}/${config.members} | ${r.finalLoss.toExponential(1)} | ${REFERENCE[r.width] ?? '—'} |`),
        '',
        'Bands (science.md):',
        '',
        ...widthBands(rows).map((b) => `- ${b.pass ? 'HIT' : 'MISS'}: ${b.band}: ${b.value}`),
        '',
        ...limitKernelTable(config),
      ];
      return lines.join('\n');
    },
  },
  'ntk-lazy-rich': {
    about:
      'Lazy vs rich (Chizat, Oyallon & Bach 2019): the NTK toy at width 1,000 with output scale α (parameter step η/α², η = 0.5 unless --step-size), paired start f₀ ≡ 0, 2,000 steps; per α, 5 initialisations.',
    async run(options) {
      const config = {
        ...LAZY_RICH_TABLE_DEFAULTS,
        seed: options.seed,
        members: count(options, 'members', options.quick ? 2 : LAZY_RICH_TABLE_DEFAULTS.members),
        steps: options.steps ?? (options.quick ? 500 : LAZY_RICH_TABLE_DEFAULTS.steps),
        // The figure's default is η = 0.05, so that the units can be watched moving: this prints its numbers.
        stepSize: count(options, 'step-size', LAZY_RICH_TABLE_DEFAULTS.stepSize),
      };
      const rows = lazyRichTable(config);
      return [
        `Each cell: mean ± sd over ${config.members} initialisations of seed ${config.seed}; width ${config.width}; η = ${config.stepSize}, T = ${config.steps} steps. α = ${num(1 / Math.sqrt(config.width))} = 1/√width is the mean-field scaling.`,
        '',
        '| α | kernel change ‖Θ_T − Θ₀‖_F / ‖Θ₀‖_F | feature-kernel change | hidden-weight change ‖W_T − W₀‖_F / ‖W₀‖_F | feature spread, start → end | gap to kernel regression | final training MSE (worst) |',
        '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        ...rows.map(
          (r) =>
            `| ${num(r.alpha)} | ${cell(r.kernelChange)} | ${cell(r.featureKernelChange)} | ${cell(r.hiddenChange)} | ${num(r.spreadStart.mean)} → ${num(r.spreadEnd.mean)} | ${cell(r.gap)} | ${r.finalLoss.toExponential(1)} |`,
        ),
      ].join('\n');
    },
  },
  'ntk-speed': {
    about:
      'Speed of the width-slider run in this JavaScript engine: ms per training step of an ensemble of 10 networks (4 training points), and ms per evaluation (121 grid angles), at widths 1,000 and 10,000; wall time, and the process\'s CPU time, which a machine busy with other work inflates less.',
    async run(options) {
      const steps = options.steps ?? (options.quick ? 20 : 200);
      const cpu = () => (typeof process !== 'undefined' ? process.cpuUsage() : { user: NaN, system: NaN });
      const cpuMillis = (from: { user: number; system: number }) => {
        const now = cpu();
        return (now.user - from.user + now.system - from.system) / 1000;
      };
      const lines = [
        '| width | parameters per network | ms per ensemble step (10 networks), wall | …, CPU | ms per evaluate, wall | …, CPU |',
        '| ---: | ---: | ---: | ---: | ---: | ---: |',
      ];
      for (const width of [1000, 10000]) {
        const run = new WidthEnsembleRun({ ...WIDTH_ENSEMBLE_DEFAULTS, seed: options.seed, width });
        run.train(10); // warm up the JIT
        let t0 = performance.now();
        let c0 = cpu();
        run.train(steps);
        const stepWall = (performance.now() - t0) / steps;
        const stepCpu = cpuMillis(c0) / steps;
        run.evaluate();
        const evaluations = options.quick ? 2 : 10;
        t0 = performance.now();
        c0 = cpu();
        for (let k = 0; k < evaluations; k++) run.evaluate();
        const evalWall = (performance.now() - t0) / evaluations;
        const evalCpu = cpuMillis(c0) / evaluations;
        run.dispose();
        lines.push(`| ${width.toLocaleString('en-US')} | ${(3 * width).toLocaleString('en-US')} | ${stepWall.toFixed(2)} | ${stepCpu.toFixed(2)} | ${evalWall.toFixed(1)} | ${evalCpu.toFixed(1)} |`);
      }
      return lines.join('\n');
    },
  },
};

/** Θ∞ on the training points, its eigenvalues and each eigen-direction's factor per step, (1 − ηλ). */
function limitKernelTable(config: typeof WIDTH_TABLE_DEFAULTS): string[] {
  const data = toyData(config);
  const n = data.count;
  const kernel = analyticNtk({ parameterisation: 'ntk', alpha: 1, width: 1, init: 'gaussian' }, data.x, n, data.x, n, 2);
  const { values, vectors } = symmetricEigen(kernel, n);
  const angles = config.angles.map((g) => `γ = ${g}`);
  return [
    'The infinite-width kernel Θ∞(X, X) on the training points:',
    '',
    `| | ${angles.join(' | ')} |`,
    `| --- | ${angles.map(() => '---:').join(' | ')} |`,
    ...angles.map((a, i) => `| ${a} | ${Array.from(kernel.subarray(i * n, i * n + n), (v) => v.toFixed(3)).join(' | ')} |`),
    '',
    `Its eigen-directions (η = ${config.stepSize}): the residual along vₖ is multiplied by 1 − ηλₖ at every step.`,
    '',
    `| k | λₖ | vₖ | 1 − ηλₖ | steps to shrink 10⁶× | share of the targets ⟨vₖ, y⟩² / ‖y‖² |`,
    '| ---: | ---: | :--- | ---: | ---: | ---: |',
    ...Array.from(values, (lambda, k) => {
      const factor = 1 - config.stepSize * lambda;
      const vector = Array.from(vectors.subarray(k * n, k * n + n), (v) => v.toFixed(2)).join(', ');
      const share = modeProjections({ values, vectors }, n, data.y)[k] ** 2 / data.y.reduce((t, y) => t + y * y, 0);
      return `| ${k + 1} | ${lambda.toFixed(3)} | (${vector}) | ${factor.toFixed(3)} | ${Math.ceil(Math.log(1e-6) / Math.log(Math.abs(factor)))} | ${(100 * share).toFixed(1)}% |`;
    }),
  ];
}

function toyTargetsMeanSquare(): number {
  const targets = WIDTH_TABLE_DEFAULTS.angles.map((g) => Math.sin(2 * g));
  return targets.reduce((s, y) => s + y * y, 0) / targets.length;
}
