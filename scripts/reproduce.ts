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

/**
 * The command line: the experiment's name, then flags as `--name value`, `--name=value` or a bare
 * `--name` (true). Known flags: --seed (default 1), --steps, --quick, --backend (wasm | cpu), --list.
 */
export function parseCommandLine(args: readonly string[]): { name?: string; flags: Record<string, string | boolean> } {
  const flags: Record<string, string | boolean> = {};
  let name: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      if (name === undefined) name = arg;
      else throw new Error(`reproduce: unexpected argument "${arg}" (flags take the form --name value)`);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) flags[arg.slice(2, eq)] = arg.slice(eq + 1);
    else if (i + 1 < args.length && !args[i + 1].startsWith('--') && name !== undefined) flags[arg.slice(2)] = args[++i];
    else flags[arg.slice(2)] = true;
  }
  return { name, flags };
}

async function main(): Promise<void> {
  const { name, flags: given } = parseCommandLine(process.argv.slice(2));
  const { seed: seedFlag = '1', steps, quick, backend: backendFlag, list, ...flags } = given;
  const all = await chapterExperiments();
  const experiment: ReproduceExperiment | undefined = name ? all.find((c) => name in c.experiments)?.experiments[name] : undefined;
  if (list || !experiment) {
    (list ? console.log : console.error)(usage(all));
    process.exit(list || !name ? 0 : 1);
  }
  const backend = await initNodeBackend(backendFlag === 'cpu' ? 'cpu' : 'wasm');
  const seed = Number(seedFlag);
  console.log(`# ${name} (backend ${backend}, seed ${seed})\n${experiment.about}\n`);
  const t0 = performance.now();
  const text = await experiment.run({
    seed,
    quick: quick === true || quick === 'true',
    steps: typeof steps === 'string' ? Number(steps) : undefined,
    flags,
    source: nodeSource(),
    progress: (line) => console.error(line),
  });
  console.log(text);
  console.log(`\n(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
