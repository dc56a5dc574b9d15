/**
 * The software half of the crossbar chapter: `npm run reproduce -- quantize-prune | energy-ledger
 * [--seed S] [--quick] [--steps N]`.
 *  - quantize-prune: the adversarial chapter's shipped float MLP (784-256-256-10) on the 10,000 test
 *    digits at 32/8/4/3/2/1 bits and at 0–99% sparsity (global magnitude pruning), as is and after N
 *    fine-tuning steps (default 100; --quick: 1,000 test digits, 20 steps, fewer rows).
 *  - energy-ledger: one inference's energy on FP32, INT8 and a binary crossbar (arithmetic, no data).
 */
import type { ReproduceExperiments, ReproduceOptions } from '../types';
import { nodeModelSource } from '../../lib/classifiers/pretrained-node';
import { loadDataset, type ByteSource } from '../../lib/data';
import { countCorrect, MaskedFineTuner } from '../../lib/hardware/quantize';
import { createRng } from '../../lib/random';
import { energyLedger, ENERGY_SOURCES, formatEnergy, formatRange, HARDWARE_LABEL, hiddenSizes, movementShare, networkCounts, CROSSBAR_MAC_PJ, HOROWITZ_45NM } from '../../lib/hardware/energy';
import { compressed, digitSet, FINE_TUNE, loadFloatMlp, SWEEP_BITS, SWEEP_SPARSITY } from './runs/quantize-prune';

const table = (header: string[], rows: string[][]) =>
  [header, header.map((_, i) => (i === 0 ? '---' : '---:')), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
const oneFigure = (x: number) => Number(x.toPrecision(1)).toLocaleString('en-US');
const kb = (bits: number) => `${(bits / 8 / 1024).toFixed(1)} kB`;

export interface CompressionRow {
  bits: number;
  sparsity: number;
  accuracy: number;
  tuned: number;
  storedBits: number;
}

export interface CompressionTables {
  testImages: number;
  steps: number;
  floatAccuracy: number;
  floatBits: number;
  byBits: CompressionRow[];
  bySparsity: CompressionRow[];
}

/** Every row of the quantize-prune tables (models: public/models by default). */
export async function compressionTables(
  o: { seed: number; quick: boolean; steps?: number; source: ByteSource; progress(line: string): void },
  models: ByteSource = nodeModelSource(),
): Promise<CompressionTables> {
  const model = await loadFloatMlp(models);
  const [trainSet, testSet] = await Promise.all([loadDataset('mnist', 'train', o.source), loadDataset('mnist', 'test', o.source)]);
  const test = digitSet(testSet, o.quick ? 1000 : testSet.n);
  const train = digitSet(trainSet);
  const steps = o.steps ?? (o.quick ? 20 : 100);
  const score = (params: Float32Array[]) => countCorrect(params, model.sizes, test) / test.n;
  const row = async (bits: number, sparsity: number): Promise<CompressionRow> => {
    const c = compressed(model, bits, sparsity);
    const accuracy = score(c.params);
    o.progress(`${bits} bits, ${(100 * sparsity).toFixed(0)}% pruned: ${pct(accuracy)}; fine-tuning ${steps} steps`);
    const tuner = new MaskedFineTuner(model.sizes, model.params, c.masks, bits, train, createRng(o.seed).fork('fine-tune'), FINE_TUNE.learningRate, FINE_TUNE.batchSize);
    for (let s = 0; s < steps; s++) await tuner.step();
    tuner.dispose();
    return { bits, sparsity, accuracy, tuned: score(tuner.deployed()), storedBits: c.bits };
  };
  // 32 bits: the float weights fine-tuned too, the yardstick for the extra training fine-tuning is.
  const bitsList = o.quick ? [8, 2, 1] : [...SWEEP_BITS];
  const sparsityList = o.quick ? [0.9, 0.99] : SWEEP_SPARSITY.filter((s) => s > 0);
  const byBits: CompressionRow[] = [];
  for (const b of bitsList) byBits.push(await row(b, 0));
  const bySparsity: CompressionRow[] = [];
  for (const s of sparsityList) bySparsity.push(await row(32, s));
  const float = compressed(model, 32, 0);
  return { testImages: test.n, steps, floatAccuracy: score(model.params), floatBits: float.bits, byBits, bySparsity };
}

function compressionText(t: CompressionTables): string {
  // Fine-tuning is extra training: the fair yardstick is the float model fine-tuned alike (when run).
  const floatTuned = t.byBits.find((r) => r.bits === 32)?.tuned;
  const yardstick = floatTuned ?? t.floatAccuracy;
  const rows = (list: CompressionRow[], first: (r: CompressionRow) => string) =>
    list.map((r) => [first(r), kb(r.storedBits), `${(t.floatBits / r.storedBits).toFixed(1)}×`, pct(r.accuracy), pct(r.tuned), (100 * (r.tuned - yardstick)).toFixed(2)]);
  const head = ['size', 'smaller by', 'accuracy, as is', `after ${t.steps} fine-tuning steps`, floatTuned === undefined ? 'fine-tuned − float (points)' : 'fine-tuned − float fine-tuned (points)'];
  return [
    `The adversarial chapter's shipped float MLP 784-256-256-10 (ReLU): ${pct(t.floatAccuracy)} on ${t.testImages.toLocaleString('en-US')} test digits at 32-bit floats, ${kb(t.floatBits)}.`,
    `Fine-tuning: plain SGD (η = ${FINE_TUNE.learningRate}, batch ${FINE_TUNE.batchSize}) on the 12,000 training digits, quantizer in the loop, pruned weights kept at 0.\n`,
    `Quantization (symmetric, one scale per weight matrix chosen for least squared error; 1 bit = sign × mean|W|; biases stay 32-bit):\n`,
    table(['weights', ...head], rows(t.byBits, (r) => (r.bits === 32 ? '32-bit float' : `${r.bits} bit${r.bits > 1 ? 's' : ''}`))),
    `\nMagnitude pruning (global: the smallest |W| over all three weight matrices; 32-bit weights + a 1-bit map of the kept ones):\n`,
    table(['pruned', ...head], rows(t.bySparsity, (r) => `${(100 * r.sparsity).toFixed(0)}%`)),
  ].join('\n');
}

/** The energy-ledger table for the float MLP and the BNN. */
export function energyText(): string {
  const nets: [string, number[]][] = [
    ['MLP 784-256-256-10 (the float MLP)', hiddenSizes(256, 2)],
    ['BNN 784-512-512-10', hiddenSizes(512, 2)],
  ];
  const e = HOROWITZ_45NM;
  const parts = nets.map(([name, sizes]) => {
    const c = networkCounts(sizes);
    const rows = energyLedger(sizes).map((r) => {
      const share = movementShare(r);
      const moved = formatRange({ low: r.weights.low + r.activations.low, high: r.weights.high + r.activations.high });
      const shareText = share.low === share.high ? `${(100 * share.low).toFixed(0)}%` : `${(100 * share.low).toFixed(0)}–${(100 * share.high).toFixed(0)}%`;
      return [HARDWARE_LABEL[r.hardware], formatRange(r.compute), formatRange(r.weights), formatRange(r.activations), moved, formatRange(r.total), shareText];
    });
    return [
      `\n${name}: ${c.macs.toLocaleString('en-US')} multiply-accumulates, ${(c.weights + c.biases).toLocaleString('en-US')} parameters.\n`,
      table(['hardware', 'compute', 'moving weights', 'image + activations', 'all data movement', 'total', 'movement share'], rows),
    ].join('\n');
  });
  const [fp32, , xbar] = energyLedger(hiddenSizes(256, 2));
  return [
    ...parts,
    `\nFloat MLP, FP32 ÷ binary crossbar: ${oneFigure(fp32.total.low / xbar.total.high)}–${oneFigure(fp32.total.low / xbar.total.low)}× (one significant figure).`,
    `\nPer-operation energies (pJ): FP32 multiply ${e.fp32Mult}, add ${e.fp32Add}; INT8 multiply ${e.int8Mult}, add ${e.int8Add}; DRAM ${e.dramRead32} and SRAM ${e.sramRead32} per 32-bit read — ${ENERGY_SOURCES.digital}.`,
    `Crossbar, per multiply-accumulate, whole chip: ${CROSSBAR_MAC_PJ.low}–${CROSSBAR_MAC_PJ.high} pJ (order of magnitude) — ${ENERGY_SOURCES.crossbar}.`,
    `Model (ours): batch of one; digital chips read every weight and bias from DRAM once, the image (784 bytes) from DRAM, and write and read each layer's outputs in SRAM; the crossbar's weights never move, its activations are 1 bit.`,
    `For scale: ${formatEnergy(e.dramRead32)} per DRAM read is ${Math.round(e.dramRead32 / (e.fp32Mult + e.fp32Add))}× one FP32 multiply-add.`,
  ].join('\n');
}

export const softwareExperiments: ReproduceExperiments = {
  'quantize-prune': {
    about:
      "Post-training quantization (8/4/3/2/1 bits) and global magnitude pruning (50–99%) of the adversarial chapter's shipped float MLP 784-256-256-10, scored on the 10,000 test digits as is and after a short masked fine-tuning.",
    async run(o: ReproduceOptions) {
      return compressionText(await compressionTables(o));
    },
  },
  'energy-ledger': {
    about: 'One inference (batch 1) on FP32, INT8 and a binary crossbar: operation and memory-access counts × per-operation energies (Horowitz 2014, 45 nm) and a crossbar range from two measured chips.',
    async run() {
      return energyText();
    },
  },
};
