/**
 * `npm run reproduce -- <experiment> [--steps N] [--seed S] [--backend wasm|cpu] [--quick] [--pretrained] [--bn-eval batch|running]`
 * Runs a named experiment of src/lib in Node and prints the table its chapter quotes.
 * Experiments: overfitting, fa-linear, fa-mnist, forward-forward, eqprop, fgsm-softmax, robustness-mlp,
 * blackbox-nes, permuted-mlp, metaplastic-bnn, metaplastic-sweep, mnist-to-fashion. --pretrained: the adversarial
 * experiments load public/models instead of training (--quick implies it). --bn-eval: how the
 * binarized networks of metaplastic-bnn, metaplastic-sweep and mnist-to-fashion are scored: 'batch' (default, the paper's
 * code) normalises each chunk of 1,000 test images by its own statistics, 'running' uses BN's running
 * statistics (PyTorch's eval mode).
 */
import { parseArgs } from 'node:util';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ReproduceExperiments } from '../src/chapters/types';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from './node-tf';
import { fixedEngine, type EngineName } from '../src/lib/engine';
import { nodeSource } from '../src/lib/data/source-node';
import { OVERFIT_DEFAULTS, overfittingTable } from '../src/chapters/introduction/runs/overfit';
import { FA_LINEAR_DEFAULTS, faLinearTable } from '../src/chapters/feedback-alignment/runs/linear';
import { FA_MNIST_DEEP, FA_MNIST_DEFAULTS, faMnistTable } from '../src/chapters/feedback-alignment/runs/mnist';
import { FORWARD_FORWARD_DEFAULTS, forwardForwardTable } from '../src/chapters/feedback-alignment/runs/forward-forward';
import { EQPROP_DEFAULTS, eqpropTable, type EqPropTable } from '../src/chapters/feedback-alignment/runs/eqprop';
import { formatEqProp, formatFaLinear, formatFaMnist, formatForwardForward } from '../src/chapters/feedback-alignment/format';
import { nodeModelSource } from '../src/lib/classifiers/pretrained-node';
import { loadTestSet, obtainModel } from '../src/chapters/adversarial-attacks/runs/models';
import { ROBUSTNESS_MODELS, blackboxNes, fgsmSweep, robustnessTable } from '../src/chapters/adversarial-attacks/runs/tables';
import { formatBlackbox, formatFgsmSweep, formatRobustness } from '../src/chapters/adversarial-attacks/format';
import {
  metaplasticBnnBands,
  metaplasticBnnPreset,
  metaplasticSweepPreset,
  mnistToFashionBands,
  mnistToFashionPreset,
  permutedMlpBands,
  permutedMlpPreset,
  forgettingTable,
  type TablePreset,
} from '../src/chapters/catastrophic-forgetting/runs/tables';
import { formatBands, formatFinal, formatMnistToFashion, formatNewest, formatTaskOne, formatTradeOff } from '../src/chapters/catastrophic-forgetting/format';

interface Options {
  steps?: number;
  seed: number;
  quick: boolean;
  /** Use the shipped weights in public/models instead of training (adversarial experiments). */
  pretrained: boolean;
  /** Which BN statistics score the binarized networks (forgetting experiments). */
  bnEval: 'batch' | 'running';
}

/** A forgetting preset with its binarized networks scored with `bnEval` statistics. */
const scoredWith = (preset: TablePreset, bnEval: Options['bnEval']): TablePreset => ({ ...preset, config: { ...preset.config, bnnEvalStatistics: bnEval } });

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

const experiments: Record<string, { about: string; run: (o: Options) => Promise<void> }> = {
  overfitting: {
    about: 'Introduction: MLP 784-256-10 (ReLU, Adam 1e-3, batch 64) on n MNIST digits; train vs test accuracy (2,000 test digits).',
    async run({ steps, seed, quick }) {
      const sizes = quick ? [100, 1000] : [100, 300, 1000, 3000, 10000];
      const n = steps ?? (quick ? 300 : 1500);
      const rows = await overfittingTable({ ...OVERFIT_DEFAULTS, seed }, sizes, n, nodeSource(), fixedEngine(`tfjs-${tf.getBackend()}` as EngineName, 'the lib on tfjs'));
      console.log(`| training digits | steps | train accuracy | test accuracy | gap (points) |`);
      console.log(`| ---: | ---: | ---: | ---: | ---: |`);
      for (const r of rows) {
        console.log(`| ${r.trainSize.toLocaleString('en-US')} | ${r.steps} | ${pct(r.trainAccuracy)} | ${pct(r.testAccuracy)} | ${(100 * r.gap).toFixed(1)} |`);
      }
    },
  },
  'fa-linear': {
    about: 'Feedback alignment, Lillicrap Fig. 1: 30-20-10 linear net learns y = Tx online (SGD 0.005, W ~ U(±0.01), B ~ U(±0.5)); normalised test error and FA angle.',
    async run({ steps, seed, quick }) {
      const last = steps ?? (quick ? 1000 : 5000);
      const checkpoints = [0, 10, 100, 200, 500, 1000, 5000].filter((c) => c < last).concat(last);
      const config = { ...FA_LINEAR_DEFAULTS, seed };
      console.log(formatFaLinear(faLinearTable(config, checkpoints), config.rules));
    },
  },
  'fa-mnist': {
    about: 'Feedback alignment on MNIST (8,000 train / 2,000 test of the shipped subset): 784-256-10 tanh, SGD 0.05, batch 32, 5 epochs; then 784-256-256-10, Adam 1e-3, batch 64.',
    async run({ steps, seed, quick }) {
      const epochs = steps ?? (quick ? 2 : 5);
      const size = quick ? { trainSize: 2000, testSize: 1000 } : {};
      const angleSteps = [0, 50, 100, 200, 400, 1200];
      console.log(`## 784-${quick ? 128 : 256}-10 tanh, SGD 0.05, batch 32\n`);
      const shallow = await faMnistTable({ ...FA_MNIST_DEFAULTS, ...size, ...(quick ? { hidden: [128] } : {}), seed }, epochs, angleSteps, nodeSource());
      console.log(formatFaMnist(shallow));
      console.log(`\n## 784-${quick ? '128-128' : '256-256'}-10 tanh, Adam 1e-3, batch 64\n`);
      const deep = await faMnistTable({ ...FA_MNIST_DEEP, ...size, ...(quick ? { hidden: [128, 128] } : {}), seed }, epochs, [0, 100, 400], nodeSource());
      console.log(formatFaMnist(deep));
    },
  },
  'forward-forward': {
    about: 'Forward-forward (Hinton 2022): 784-500-500 ReLU, θ = 2, Adam 0.03, batch 100, W ~ N(0, 1.41²); 8,000 / 2,000 MNIST split; test accuracy per epoch.',
    async run({ steps, seed, quick }) {
      const epochs = steps ?? (quick ? 2 : 10);
      const size = quick ? { trainSize: 2000, testSize: 1000 } : {};
      console.log(formatForwardForward(await forwardForwardTable({ ...FORWARD_FORWARD_DEFAULTS, ...size, seed }, epochs, nodeSource())));
    },
  },
  eqprop: {
    about:
      'Equilibrium propagation (Scellier & Bengio 2017; Laborieux 2021): 784-512-10, T1 = 30, T2 = 10, β = 0.1 random sign, SGD 0.08/0.04, batch 50; accuracy per epoch, then, on the first 1,000 training digits with both phases relaxed to convergence, the angle to the true gradient vs β and how far the +β and −β phases move the output; then the same with Laborieux\'s softmax readout (cross-entropy, the output outside the energy).',
    async run({ steps, seed, quick }) {
      const epochs = steps ?? (quick ? 1 : 3);
      const size = quick ? { trainSize: 2000, testSize: 1000 } : {};
      // 1,000 digits: on 100, the summed gradient is dominated by the few misfit digits and the angle
      // swings by several degrees from one batch of 100 to the next.
      const betas = [0.01, 0.05, 0.1, 0.2, 0.5, 1];
      const shifts = (table: EqPropTable, output: string) =>
        `| β | +β phase: ${output} ‖s^β − s⁰‖ | −β phase: ${output} ‖s^−β − s⁰‖ |\n| ---: | ---: | ---: |\n` +
        table.betas.map((b, i) => `| ${b} | ${table.plusShift[i].toFixed(3)} | ${table.minusShift[i].toFixed(3)} |`).join('\n');
      const table = await eqpropTable({ ...EQPROP_DEFAULTS, ...size, seed, probeSize: 1000 }, epochs, betas, nodeSource());
      console.log("Squared error on the sigmoid outputs (the widget's network):\n");
      console.log(formatEqProp(table));
      console.log(`\n${shifts(table, 'output moves')}`);
      // Laborieux et al.'s softmax readout: the 512 hidden units settle in the energy, the 10 outputs are
      // a readout softmax(W s_h) outside it, trained on the cross-entropy; the nudge is −β ∂L/∂s_h.
      const readout = await eqpropTable({ ...EQPROP_DEFAULTS, ...size, seed, probeSize: 1000, loss: 'softmax-readout' }, epochs, betas, nodeSource());
      console.log('\nSoftmax readout outside the energy, cross-entropy loss (same training otherwise):\n');
      console.log(`| epoch | test accuracy | test loss (cross-entropy) |\n| ---: | ---: | ---: |`);
      readout.accuracy.forEach((m) => console.log(`| ${m.epoch.toFixed(0)} | ${pct(m.testAccuracy)} | ${m.testLoss.toFixed(4)} |`));
      console.log(`\n| β | one-sided: angle to true gradient | symmetric ±β: angle to true gradient |\n| ---: | ---: | ---: |`);
      readout.betas.forEach((b, i) => console.log(`| ${b} | ${readout.oneSided[i].toFixed(1)}° | ${readout.symmetric[i].toFixed(1)}° |`));
      console.log(`\n${shifts(readout, 'logits move')}`);
    },
  },
  'fgsm-softmax': {
    about: 'Adversarial attacks, Goodfellow 2015: softmax regression (Adam 1e-3, batch 64, 5 epochs) under FGSM as ε grows; 10,000 test digits.',
    async run({ steps, seed, quick, pretrained }) {
      const { model, origin } = await obtainModel('softmax', { pretrained: pretrained || quick, seed, steps }, nodeSource(), nodeModelSource());
      const test = await loadTestSet(nodeSource(), quick ? 1000 : 10_000);
      console.log(`softmax regression: ${origin}; ${test.x.shape[0].toLocaleString('en-US')} test digits\n`);
      console.log(formatFgsmSweep(fgsmSweep(model, test, [0, 0.05, 0.1, 0.15, 0.2, 0.25])));
      model.dispose();
      tf.dispose([test.x, test.y]);
    },
  },
  'robustness-mlp': {
    about: 'Adversarial attacks, Madry 2018: MLP 784-256-256-10 (Adam 1e-3, 5 epochs) trained clean, with FGSM (ε 0.25, α 0.5) and with PGD (ε 0.1); accuracy under FGSM and PGD-40 (step 0.01, random start); 2,000 test digits.',
    async run({ steps, seed, quick, pretrained }) {
      const test = await loadTestSet(nodeSource(), quick ? 300 : 2000);
      const models = [];
      for (const { name, label } of ROBUSTNESS_MODELS) {
        const { model, origin } = await obtainModel(name, { pretrained: pretrained || quick, seed, steps }, nodeSource(), nodeModelSource());
        console.log(`${label}: ${origin}`);
        models.push({ name: label, model });
      }
      console.log(`${test.x.shape[0].toLocaleString('en-US')} test digits\n`);
      console.log(formatRobustness(robustnessTable(models, test)));
      models.forEach(({ model }) => model.dispose());
      tf.dispose([test.x, test.y]);
    },
  },
  'blackbox-nes': {
    about: 'Adversarial attacks, Ilyas 2018: NES with outputs only (25 antithetic pairs, σ 1e-3, sign step 0.01) on the clean MLP, ε 0.3, 20,000-query cap; the first 200 correctly classified test digits.',
    async run({ steps, seed, quick, pretrained }) {
      const { model, origin } = await obtainModel('mlp', { pretrained: pretrained || quick, seed, steps }, nodeSource(), nodeModelSource());
      const count = quick ? 20 : 200;
      const test = await loadTestSet(nodeSource(), 2 * count);
      console.log(`MLP: ${origin}; NES on the first ${count} correctly classified of ${test.x.shape[0]} test digits\n`);
      const options = { epsilon: 0.3, sigma: 1e-3, samples: 25, stepSize: 0.01, maxQueries: 20_000 };
      console.log(formatBlackbox(blackboxNes(model, test, count, options, seed), options.epsilon, options.maxQueries));
      model.dispose();
      tf.dispose([test.x, test.y]);
    },
  },
  'permuted-mlp': {
    about: 'Catastrophic forgetting: MLP 784-256-256-10 ReLU, Adam 1e-3, batch 64, 3 epochs per task on 5 permuted-MNIST tasks (task 1 unpermuted; 8,000 train / 2,000 test per task); plain vs EWC (λ 500) vs uniform L2 anchor (λ 1) vs replay (1,000 examples).',
    async run({ steps, seed, quick }) {
      await printForgetting(permutedMlpPreset(seed, quick), steps, (t) => [formatTaskOne(t), formatFinal(t), formatBands(permutedMlpBands(t))]);
    },
  },
  'metaplastic-bnn': {
    about: 'Catastrophic forgetting: binarized 784-512-512-10, metaplastic Adam 5e-3, batch 100, 400 steps (5 epochs) per task on 5 permuted-MNIST tasks, per-task BN restored, m = 0, 8, 16.',
    async run({ steps, seed, quick, bnEval }) {
      console.log(bnEvalNote(bnEval));
      await printForgetting(scoredWith(metaplasticBnnPreset(seed, quick), bnEval), steps, (t) => [formatTaskOne(t, 'm'), formatNewest(t, 'm'), formatFinal(t, 'm'), formatBands(metaplasticBnnBands(t))]);
    },
  },
  'metaplastic-sweep': {
    about: 'The stability–plasticity trade-off: the metaplastic-bnn protocol at m = 0, 2, 4, 6, 8, 10, 12, 16 (one seed, the same batches); task 1 and the newest task after 5 tasks.',
    async run({ steps, seed, quick, bnEval }) {
      console.log(bnEvalNote(bnEval));
      await printForgetting(scoredWith(metaplasticSweepPreset(seed, quick), bnEval), steps, (t) => [formatTradeOff(t, 'm')]);
    },
  },
  'mnist-to-fashion': {
    about: 'Catastrophic forgetting (Laborieux Fig. 1a): MNIST then Fashion-MNIST, 400 steps (5 epochs, batch 100) each; float MLP 784-256-256-10 vs binarized 784-512-512-10 with m = 0, 8, 16.',
    async run({ steps, seed, quick, bnEval }) {
      console.log(bnEvalNote(bnEval));
      await printForgetting(scoredWith(mnistToFashionPreset(seed, quick), bnEval), steps, (t) => [formatMnistToFashion(t), formatBands(mnistToFashionBands(t), 'checks (the direction of the paper\'s claim; science.md has no band here):')]);
    },
  },
};

const bnEvalNote = (bnEval: Options['bnEval']): string =>
  bnEval === 'batch'
    ? 'BNNs scored with the statistics of each batch of 1,000 test images (the paper\'s code: track_running_stats = False).'
    : 'BNNs scored with BN\'s running statistics, saved with each task (--bn-eval running).';

/** Run a forgetting preset (`steps` overrides its steps per task), print progress, then its tables. */
async function printForgetting(preset: TablePreset, steps: number | undefined, format: (t: Awaited<ReturnType<typeof forgettingTable>>) => string[]): Promise<void> {
  const stepsPerTask = steps ?? preset.stepsPerTask;
  console.log(`${preset.note}; ${stepsPerTask} steps per task\n`);
  const t0 = performance.now();
  const table = await forgettingTable(preset.config, stepsPerTask, nodeSource(), (k, m) => {
    const cells = m.methods.map((name, i) => `${name} ${(100 * m.accuracy[i][0]).toFixed(1)}`).join(', ');
    console.error(`  task ${k + 1}/${m.tasks.length} done (${((performance.now() - t0) / 1000).toFixed(0)} s): task-1 accuracy ${cells}`);
  });
  console.log(format(table).join('\n\n'));
}

/** The experiments of every chapter folder that has a reproduce.ts (src/chapters/<slug>/reproduce.ts). */
async function chapterExperiments(): Promise<ReproduceExperiments> {
  const root = fileURLToPath(new URL('../src/chapters/', import.meta.url));
  const all: ReproduceExperiments = {};
  for (const slug of readdirSync(root).sort()) {
    const file = `${root}${slug}/reproduce.ts`;
    if (!existsSync(file)) continue;
    const { experiments: found } = (await import(pathToFileURL(file).href)) as { experiments: ReproduceExperiments };
    for (const [key, e] of Object.entries(found)) {
      if (key in experiments || key in all) throw new Error(`reproduce: experiment "${key}" is defined twice`);
      all[key] = e;
    }
  }
  return all;
}

async function main(): Promise<void> {
  const chapters = await chapterExperiments();
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    strict: false,
    options: {
      steps: { type: 'string' },
      seed: { type: 'string', default: '1' },
      backend: { type: 'string', default: 'wasm' },
      quick: { type: 'boolean', default: false },
      pretrained: { type: 'boolean', default: false },
      'bn-eval': { type: 'string', default: 'batch' },
    },
  });
  const name = positionals[0];
  const chapter = name ? chapters[name] : undefined;
  const experiment = name ? experiments[name] : undefined;
  if (chapter) {
    const backend = await initNodeBackend(values.backend === 'cpu' ? 'cpu' : 'wasm');
    const seed = Number(values.seed);
    console.log(`# ${name} (backend ${backend}, seed ${seed})\n${chapter.about}\n`);
    const t0 = performance.now();
    const { steps: _s, seed: _seed, quick: _q, backend: _b, ...flags } = values;
    const text = await chapter.run({
      seed,
      quick: values.quick === true,
      steps: typeof values.steps === 'string' ? Number(values.steps) : undefined,
      flags: flags as Record<string, string | boolean>,
      source: nodeSource(),
      progress: (line) => console.error(line),
    });
    console.log(text);
    console.log(`\n(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    return;
  }
  if (!experiment) {
    console.error(`Usage: npm run reproduce -- <experiment> [--steps N] [--seed S] [--backend wasm|cpu] [--quick] [--pretrained] [--bn-eval batch|running]\nExperiments:`);
    for (const [key, e] of Object.entries({ ...experiments, ...chapters })) console.error(`  ${key.padEnd(14)} ${e.about}`);
    process.exit(name ? 1 : 0);
  }
  const bnEval = values['bn-eval'];
  if (bnEval !== 'batch' && bnEval !== 'running') {
    console.error(`--bn-eval must be 'batch' or 'running', got '${bnEval}'`);
    process.exit(1);
  }
  const backend = await initNodeBackend(values.backend === 'cpu' ? 'cpu' : 'wasm');
  const seed = Number(values.seed);
  console.log(`# ${name} (backend ${backend}, seed ${seed})\n${experiment.about}\n`);
  const t0 = performance.now();
  await experiment.run({ steps: values.steps ? Number(values.steps) : undefined, seed, quick: values.quick === true, pretrained: values.pretrained === true, bnEval });
  console.log(`\n(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
