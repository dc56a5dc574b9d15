/**
 * `npm run reproduce -- <experiment> [--seed S] [--quick] [--steps N] [--backend wasm|cpu] [--flag value …]`
 * `npm run reproduce -- --list`
 *
 * Runs a named experiment in Node, on the same lib and run code as the chapter's figures, and prints
 * the Markdown tables the chapter quotes. Each chapter's experiments live in its folder,
 * src/chapters/<slug>/reproduce.ts, found for every chapter of the one list (src/chapters/index.ts).
 * Experiment-specific flags (e.g. --pretrained, --bn-eval running) are passed through; each
 * experiment's description says which it reads.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chapters } from '../src/chapters';
import type { ReproduceExperiment, ReproduceExperiments } from '../src/chapters/types';
import { nodeSource } from '../src/lib/data/source-node';
import { initNodeBackend } from './node-tf';

/** Every chapter's experiments, by chapter, in the essay's order. */
async function chapterExperiments(): Promise<{ slug: string; experiments: ReproduceExperiments }[]> {
  const found: { slug: string; experiments: ReproduceExperiments }[] = [];
  const seen = new Set<string>();
  for (const { slug } of chapters) {
    const file = fileURLToPath(new URL(`../src/chapters/${slug}/reproduce.ts`, import.meta.url));
    if (!existsSync(file)) continue;
    const { experiments } = (await import(pathToFileURL(file).href)) as { experiments: ReproduceExperiments };
    for (const key of Object.keys(experiments)) {
      if (seen.has(key)) throw new Error(`reproduce: experiment "${key}" is defined twice`);
      seen.add(key);
    }
    found.push({ slug, experiments });
  }
  return found;
}

function usage(all: { slug: string; experiments: ReproduceExperiments }[]): string {
  const lines = ['Usage: npm run reproduce -- <experiment> [--seed S] [--quick] [--steps N] [--backend wasm|cpu] [--flag value …]', 'Experiments, by chapter:'];
  for (const { slug, experiments } of all) {
    lines.push(`  ${slug}`);
    for (const [key, e] of Object.entries(experiments)) lines.push(`    ${key.padEnd(20)} ${e.about}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    strict: false,
    options: {
      steps: { type: 'string' },
      seed: { type: 'string', default: '1' },
      backend: { type: 'string', default: 'wasm' },
      quick: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
    },
  });
  const all = await chapterExperiments();
  const name = positionals[0];
  const experiment: ReproduceExperiment | undefined = name ? all.find((c) => name in c.experiments)?.experiments[name] : undefined;
  if (values.list || !experiment) {
    (values.list ? console.log : console.error)(usage(all));
    process.exit(values.list || !name ? 0 : 1);
  }
  const backend = await initNodeBackend(values.backend === 'cpu' ? 'cpu' : 'wasm');
  const seed = Number(values.seed);
  console.log(`# ${name} (backend ${backend}, seed ${seed})\n${experiment.about}\n`);
  const t0 = performance.now();
  const { steps: _steps, seed: _seed, quick: _quick, backend: _backend, list: _list, ...flags } = values;
  const text = await experiment.run({
    seed,
    quick: values.quick === true,
    steps: typeof values.steps === 'string' ? Number(values.steps) : undefined,
    flags: flags as Record<string, string | boolean>,
    source: nodeSource(),
    progress: (line) => console.error(line),
  });
  console.log(text);
  console.log(`\n(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
