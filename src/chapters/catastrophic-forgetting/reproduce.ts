/**
 * `npm run reproduce -- permuted-mlp | metaplastic-bnn | metaplastic-sweep | mnist-to-fashion
 * [--bn-eval batch|running]`: the tables the chapter quotes. --bn-eval: how the binarized networks are
 * scored: 'batch' (default, the paper's code) normalises each chunk of 1,000 test images by its own
 * statistics, 'running' uses BN's running statistics (PyTorch's eval mode).
 */
import type { ReproduceExperiments, ReproduceOptions } from '../types';
import { formatBands, formatFinal, formatMnistToFashion, formatNewest, formatTaskOne, formatTradeOff } from './format';
import {
  forgettingTable,
  metaplasticBnnBands,
  metaplasticBnnPreset,
  metaplasticSweepPreset,
  mnistToFashionBands,
  mnistToFashionPreset,
  permutedMlpBands,
  permutedMlpPreset,
  type TablePreset,
} from './runs/tables';

type BnEval = 'batch' | 'running';

function bnEvalOf({ flags }: ReproduceOptions): BnEval {
  const value = flags['bn-eval'] ?? 'batch';
  if (value !== 'batch' && value !== 'running') throw new Error(`--bn-eval must be 'batch' or 'running', got '${String(value)}'`);
  return value;
}

const bnEvalNote = (bnEval: BnEval): string =>
  bnEval === 'batch'
    ? 'BNNs scored with the statistics of each batch of 1,000 test images (the paper\'s code: track_running_stats = False).'
    : 'BNNs scored with BN\'s running statistics, saved with each task (--bn-eval running).';

/** A forgetting preset with its binarized networks scored with `bnEval` statistics. */
const scoredWith = (preset: TablePreset, bnEval: BnEval): TablePreset => ({ ...preset, config: { ...preset.config, bnnEvalStatistics: bnEval } });

/** Run a forgetting preset (`steps` overrides its steps per task), report progress, then its tables. */
async function forgettingTables(preset: TablePreset, o: ReproduceOptions, format: (t: Awaited<ReturnType<typeof forgettingTable>>) => string[]): Promise<string> {
  const stepsPerTask = o.steps ?? preset.stepsPerTask;
  const t0 = performance.now();
  const table = await forgettingTable(preset.config, stepsPerTask, o.source, (k, m) => {
    const cells = m.methods.map((name, i) => `${name} ${(100 * m.accuracy[i][0]).toFixed(1)}`).join(', ');
    o.progress(`  task ${k + 1}/${m.tasks.length} done (${((performance.now() - t0) / 1000).toFixed(0)} s): task-1 accuracy ${cells}`);
  });
  return `${preset.note}; ${stepsPerTask} steps per task\n\n${format(table).join('\n\n')}`;
}

export const experiments: ReproduceExperiments = {
  'permuted-mlp': {
    about: 'Catastrophic forgetting: MLP 784-256-256-10 ReLU, Adam 1e-3, batch 64, 3 epochs per task on 5 permuted-MNIST tasks (task 1 unpermuted; 8,000 train / 2,000 test per task); plain vs EWC (λ 500) vs uniform L2 anchor (λ 1) vs replay (1,000 examples).',
    run: (o) => forgettingTables(permutedMlpPreset(o.seed, o.quick), o, (t) => [formatTaskOne(t), formatFinal(t), formatBands(permutedMlpBands(t))]),
  },
  'metaplastic-bnn': {
    about: 'Catastrophic forgetting: binarized 784-512-512-10, metaplastic Adam 5e-3, batch 100, 400 steps (5 epochs) per task on 5 permuted-MNIST tasks, per-task BN restored, m = 0, 8, 16.',
    async run(o) {
      const bnEval = bnEvalOf(o);
      const tables = await forgettingTables(scoredWith(metaplasticBnnPreset(o.seed, o.quick), bnEval), o, (t) => [formatTaskOne(t, 'm'), formatNewest(t, 'm'), formatFinal(t, 'm'), formatBands(metaplasticBnnBands(t))]);
      return `${bnEvalNote(bnEval)}\n${tables}`;
    },
  },
  'metaplastic-sweep': {
    about: 'The stability–plasticity trade-off: the metaplastic-bnn protocol at m = 0, 2, 4, 6, 8, 10, 12, 16 (one seed, the same batches); task 1 and the newest task after 5 tasks.',
    async run(o) {
      const bnEval = bnEvalOf(o);
      return `${bnEvalNote(bnEval)}\n${await forgettingTables(scoredWith(metaplasticSweepPreset(o.seed, o.quick), bnEval), o, (t) => [formatTradeOff(t, 'm')])}`;
    },
  },
  'mnist-to-fashion': {
    about: 'Catastrophic forgetting (Laborieux Fig. 1a): MNIST then Fashion-MNIST, 400 steps (5 epochs, batch 100) each; float MLP 784-256-256-10 vs binarized 784-512-512-10 with m = 0, 8, 16.',
    async run(o) {
      const bnEval = bnEvalOf(o);
      const tables = await forgettingTables(scoredWith(mnistToFashionPreset(o.seed, o.quick), bnEval), o, (t) => [
        formatMnistToFashion(t),
        formatBands(mnistToFashionBands(t), 'checks (the direction of the paper\'s claim; science.md has no band here):'),
      ]);
      return `${bnEvalNote(bnEval)}\n${tables}`;
    },
  },
};
