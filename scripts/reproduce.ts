/**
 * `npm run reproduce -- <experiment> [--steps N] [--seed S] [--backend wasm|cpu] [--quick]`
 * Runs a named experiment of src/lib in Node and prints the table its chapter quotes.
 * Experiments: overfitting.
 */
import { parseArgs } from 'node:util';
import { initNodeBackend } from './node-tf';
import { nodeSource } from '../src/lib/data/source-node';
import { OVERFIT_DEFAULTS, overfittingTable } from '../src/lib/experiments/overfitting';

interface Options {
  steps?: number;
  seed: number;
  quick: boolean;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

const experiments: Record<string, { about: string; run: (o: Options) => Promise<void> }> = {
  overfitting: {
    about: 'Introduction: MLP 784-256-10 (ReLU, Adam 1e-3, batch 64) on n MNIST digits; train vs test accuracy (2,000 test digits).',
    async run({ steps, seed, quick }) {
      const sizes = quick ? [100, 1000] : [100, 300, 1000, 3000, 10000];
      const n = steps ?? (quick ? 300 : 1500);
      const rows = await overfittingTable({ ...OVERFIT_DEFAULTS, seed }, sizes, n, nodeSource());
      console.log(`| training digits | steps | train accuracy | test accuracy | gap (points) |`);
      console.log(`| ---: | ---: | ---: | ---: | ---: |`);
      for (const r of rows) {
        console.log(`| ${r.trainSize.toLocaleString('en-US')} | ${r.steps} | ${pct(r.trainAccuracy)} | ${pct(r.testAccuracy)} | ${(100 * r.gap).toFixed(1)} |`);
      }
    },
  },
};

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      steps: { type: 'string' },
      seed: { type: 'string', default: '1' },
      backend: { type: 'string', default: 'wasm' },
      quick: { type: 'boolean', default: false },
    },
  });
  const name = positionals[0];
  const experiment = name ? experiments[name] : undefined;
  if (!experiment) {
    console.error(`Usage: npm run reproduce -- <experiment> [--steps N] [--seed S] [--backend wasm|cpu] [--quick]\nExperiments:`);
    for (const [key, e] of Object.entries(experiments)) console.error(`  ${key.padEnd(14)} ${e.about}`);
    process.exit(name ? 1 : 0);
  }
  const backend = await initNodeBackend(values.backend === 'cpu' ? 'cpu' : 'wasm');
  const seed = Number(values.seed);
  console.log(`# ${name} (backend ${backend}, seed ${seed})\n${experiment.about}\n`);
  const t0 = performance.now();
  await experiment.run({ steps: values.steps ? Number(values.steps) : undefined, seed, quick: values.quick });
  console.log(`\n(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
