/**
 * `npx tsx scripts/bench-pooling.ts [--seconds 1.5] [--windows 4] [--nets mlp,max,blur,gap,augmented] [--out bench/POOLING.md]`
 * Node micro-benchmark for the CNN-pooling chapter: each of its five nets (src/chapters/cnn-pooling/nets.ts)
 * trained at batch 64 on real digits (augmentation included where the net has it) by the typed engine
 * (wasm-simd, and plain js) and by the lib on tfjs-wasm (its written-out backward; plain tfjs autodiff
 * has no Conv2D filter gradient on wasm), in alternating timed windows, so each ratio is taken under the
 * same load. Prints a Markdown table and writes it to --out.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from './node-tf';
import { nodeSource } from '../src/lib/data/source-node';
import { BatchSampler } from '../src/lib/data';
import { augmentShifts } from '../src/lib/data/shift';
import { createEngine, type Batch, type Engine, type EngineName } from '../src/lib/engine';
import '../src/lib/engine/cnn-engines';
import '../src/lib/engine/bnn-engines';
import { createRng } from '../src/lib/random';
import { gatherRows, loadDigitSplit } from '../src/chapters/cnn-pooling/data';
import { NET_IDS, NETS, type NetId } from '../src/chapters/cnn-pooling/nets';
import { SHIFT_PROBE_DEFAULTS, ShiftProbeRun } from '../src/chapters/cnn-pooling/runs/shift-probe';
import { PICASSO_DEFAULTS, PicassoRun } from '../src/chapters/cnn-pooling/runs/picasso';
import { DEFAULT_MODELS_DIR, nodeModelSource } from '../src/lib/classifiers/pretrained-node';
import { WEIGHTS_FOLDER } from '../src/chapters/cnn-pooling/weights';

/**
 * Median and 95th percentile of the worker-side cost of a reader's change on the shift probe and
 * Picasso runs (shipped weights). A shift- or t-slider move costs nothing here: both runs send every
 * shift's (every t's) answers, and the page looks them up.
 */
async function probeLatency(moves = 60): Promise<string[]> {
  const models = nodeModelSource(`${DEFAULT_MODELS_DIR}${WEIGHTS_FOLDER}`);
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `${s[Math.floor(s.length / 2)].toFixed(2)} ms median, ${s[Math.floor(0.95 * (s.length - 1))].toFixed(2)} ms p95`;
  };
  const probe = await ShiftProbeRun.create({ ...SHIFT_PROBE_DEFAULTS }, nodeSource(), models);
  await probe.evaluate();
  const digit: number[] = [];
  const wrap: number[] = [];
  for (let k = 0; k < moves; k++) {
    probe.update({ digit: (k + 1) % 20 });
    digit.push((await probe.evaluate()).probeMs);
    probe.update({ wrap: k % 2 === 0 });
    wrap.push((await probe.evaluate()).probeMs);
  }
  probe.dispose();
  const picasso = await PicassoRun.create({ ...PICASSO_DEFAULTS, scoreImages: 100 }, nodeSource(), models);
  picasso.evaluate();
  const faceChange: number[] = [];
  for (let k = 0; k < moves; k++) {
    picasso.update({ face: (k + 1) % 24 });
    faceChange.push(picasso.evaluate().probeMs);
  }
  picasso.dispose();
  return [
    `- Shift probe, a new digit (the digit at all 13 shifts through the five nets): ${stats(digit)}; the wrap toggle (the same): ${stats(wrap)} (${moves} of each). A shift-slider move is a lookup on the page (no worker call).`,
    `- Picasso, a new face (the face at 21 values of t through the five face nets): ${stats(faceChange)}. A t-slider move is a lookup on the page.`,
  ];
}

const PATHS: EngineName[] = ['wasm-simd', 'js', 'tfjs-wasm'];

interface Timing {
  steps: number;
  ms: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '1.5' }, windows: { type: 'string', default: '4' }, nets: { type: 'string' }, out: { type: 'string', default: 'bench/POOLING.md' } } });
  const windowMs = Number(values.seconds) * 1000;
  const windows = Number(values.windows);
  const ids = (values.nets ? values.nets.split(',') : NET_IDS) as NetId[];
  const backend = await initNodeBackend('wasm');
  if (backend !== 'wasm') throw new Error('bench-pooling needs tfjs-wasm');
  const load0 = loadavg()[0];
  const started = Date.now();
  const { train } = await loadDigitSplit(nodeSource(), 8000, 2000);
  const rows: string[] = [];
  for (const id of ids) {
    const net = NETS[id];
    const model = net.model(10);
    const engines = Object.fromEntries(PATHS.map((p) => [p, createEngine(p, model, createRng(1).fork('init'), { optimizer: 'adam', learningRate: 1e-3 })])) as Record<EngineName, Engine>;
    const sampler = new BatchSampler(Int32Array.from({ length: train.n }, (_, i) => i), 64, createRng(1).fork('batches'));
    const augment = createRng(1).fork('augment');
    let batch: Batch | undefined;
    const step = (e: Engine) => {
      batch = gatherRows(train, sampler.next(), batch);
      const x = net.augment > 0 ? augmentShifts(batch.x, batch.n, 28, net.augment, augment) : batch.x;
      e.step({ x, labels: batch.labels, n: batch.n });
    };
    const timings = Object.fromEntries(PATHS.map((p) => [p, { steps: 0, ms: 0 }])) as Record<EngineName, Timing>;
    // Warm-up: three steps each, untimed.
    for (const p of PATHS) for (let i = 0; i < 3; i++) step(engines[p]);
    for (let w = 0; w < windows; w++) {
      for (const p of w % 2 === 0 ? PATHS : [...PATHS].reverse()) {
        const t0 = performance.now();
        let k = 0;
        while (performance.now() - t0 < windowMs || k < 2) {
          step(engines[p]);
          k++;
        }
        timings[p].steps += k;
        timings[p].ms += performance.now() - t0;
      }
    }
    const rate = (p: EngineName) => (1000 * timings[p].steps) / timings[p].ms;
    const base = rate('tfjs-wasm');
    const memory = `${(engines['wasm-simd'].memory().bytes / 2 ** 20).toFixed(1)} MB`;
    rows.push(`| ${net.label} | ${rate('wasm-simd').toFixed(1)} | ${rate('js').toFixed(1)} | ${base.toFixed(2)} | **${(rate('wasm-simd') / base).toFixed(1)}×** | ${(rate('js') / base).toFixed(1)}× | ${memory} |`);
    console.error(rows[rows.length - 1]);
    for (const p of PATHS) engines[p].dispose();
  }
  const text = [
    '# CNN-pooling nets: training speed by engine (Node, batch 64)',
    '',
    `\`npx tsx scripts/bench-pooling.ts\` — ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, tfjs ${tf.version_core} on wasm (XNNPACK, 1 thread); ${windows} alternating windows of ${windowMs / 1000} s per engine after 3 untimed steps; load average ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)} (a shared machine: compare the ratios, taken in the same windows); ${new Date().toISOString().slice(0, 10)}, ${Math.round((Date.now() - started) / 1000)} s.`,
    '',
    '| net | wasm-simd (steps/s) | js (steps/s) | lib on tfjs-wasm (steps/s) | wasm-simd × tfjs-wasm | js × tfjs-wasm | wasm-simd heap |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    "What a reader's change costs the worker (Node, wasm-simd probes, shipped weights):",
    '',
    ...(await probeLatency()),
    '',
  ].join('\n');
  console.log(text);
  if (values.out) await writeFile(values.out, text);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
