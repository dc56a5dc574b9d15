/**
 * `npm run reproduce -- shift-invariance | picasso [--seed S] [--quick] [--steps N] [--engine E]
 * [--pretrained] [--fill zero|wrap]`: the CNN-pooling chapter's tables (science.md, "CNN pooling and
 * translation invariance"). The five nets train side by side from one seed in the typed engine
 * (wasm-simd where WebAssembly SIMD runs, else js; --engine picks another), Adam 1e-3, batch 64,
 * 3 epochs on 8,000 digits, scored on the 2,000 held-out ones; --pretrained loads the shipped
 * seed-1 weights (public/models/cnn-pooling) instead of training. --quick: 2,000 / 500 digits, 64 steps;
 * --test-size N scores fewer test images.
 */
import type { ReproduceExperiments, ReproduceOptions } from '../types';
import { wasmSimdAvailable, type EngineName } from '../../lib/engine';
import type { ShiftFill } from '../../lib/data/shift';
import { digitTask, epochSteps, faceTask, trainNets, type TrainedNets } from './experiments';
import { firstImages, SIDE, type LabeledImages } from './data';
import { equivarianceErrors } from '../../lib/invariance/equivariance';
import { EQUIVARIANCE_NETS, EQUIVARIANCE_SHIFTS } from './runs/equivariance';
import { NetSet } from './net-set';
import { NET_IDS, NETS, PROTOCOL, type NetId } from './nets';
import { faceScores, quadrantScores, shiftScores, type FaceScores, type QuadrantScores, type ShiftScores } from './scores';
import { changeTable, faceTable, formatBands, quadrantBand, quadrantTable, shiftBands, shiftTable } from './tables';
import { loadNetWeights, TASK_CLASSES, WEIGHTS_FOLDER, type Task } from './weights';

export interface Sizes {
  trainSize: number;
  testSize: number;
  steps: number;
  faceTrain: number;
  faceTest: number;
  faceSteps: number;
}

/** The run's sizes: full (science.md's protocol), --quick, then --steps and --test-size on top. */
export function sizes(options: Pick<ReproduceOptions, 'quick' | 'steps' | 'flags'>): Sizes {
  const base = options.quick
    ? { trainSize: 2000, testSize: 500, steps: 64, faceTrain: 1000, faceTest: 300, faceSteps: 48 }
    : { trainSize: PROTOCOL.trainSize, testSize: PROTOCOL.testSize, steps: epochSteps(PROTOCOL.trainSize), faceTrain: 4000, faceTest: 1000, faceSteps: epochSteps(4000) };
  const test = Number(options.flags['test-size']);
  const sized = Number.isInteger(test) && test > 0 ? { ...base, testSize: Math.min(test, base.testSize), faceTest: Math.min(test, base.faceTest) } : base;
  return options.steps ? { ...sized, steps: options.steps, faceSteps: options.steps } : sized;
}

export function engineOption(flags: ReproduceOptions['flags']): EngineName {
  const asked = flags.engine;
  if (typeof asked === 'string') return asked as EngineName;
  return wasmSimdAvailable() ? 'wasm-simd' : 'js';
}

/** The task's nets: trained from the seed, or (--pretrained) the shipped seed-1 weights. */
async function obtainNets(task: Task, train: LabeledImages, steps: number, options: ReproduceOptions): Promise<TrainedNets> {
  if (options.flags.pretrained) {
    const { nodeModelSource, DEFAULT_MODELS_DIR } = await import('../../lib/classifiers/pretrained-node');
    const { weights } = await loadNetWeights(task, NET_IDS, nodeModelSource(`${DEFAULT_MODELS_DIR}${WEIGHTS_FOLDER}`));
    return { set: NetSet.fromWeights(NET_IDS, TASK_CLASSES[task], weights), seconds: {} };
  }
  const engine = engineOption(options.flags);
  options.progress(`${task}: training ${NET_IDS.join(', ')} for ${steps} steps each (seed ${options.seed}, engine ${engine})`);
  return trainNets(NET_IDS, TASK_CLASSES[task], options.seed, engine, train, steps, options.progress);
}

export interface ShiftResult {
  scores: Partial<Record<NetId, ShiftScores>>;
  seconds: Partial<Record<NetId, number>>;
  markdown: string;
}

export async function runShiftInvariance(options: ReproduceOptions): Promise<ShiftResult> {
  const size = sizes(options);
  const fill: ShiftFill = options.flags.fill === 'wrap' ? 'wrap' : 'zero';
  const { train, test } = await digitTask(options.source, size.trainSize, size.testSize);
  const { set, seconds } = await obtainNets('digits', train, size.steps, options);
  const scores: Partial<Record<NetId, ShiftScores>> = {};
  for (const id of NET_IDS) scores[id] = shiftScores(set.logits(id), test, 10, options.seed, fill);
  set.dispose();
  const note = `${train.n.toLocaleString('en-US')} training digits, ${size.steps} steps of ${PROTOCOL.batchSize}; ${test.n.toLocaleString('en-US')} test digits; ${fill === 'wrap' ? 'wrap-around' : 'zero-fill'} shifts.`;
  const markdown = [note, '', shiftTable(scores, seconds), '', changeTable(scores), '', "science.md's bands:", '', formatBands(shiftBands(scores))].join('\n');
  return { scores, seconds, markdown };
}

export interface PicassoResult {
  quadrants: Partial<Record<NetId, QuadrantScores>>;
  faces: Partial<Record<NetId, FaceScores>>;
  markdown: string;
}

export async function runPicasso(options: ReproduceOptions): Promise<PicassoResult> {
  const size = sizes(options);
  const { train, test } = await digitTask(options.source, size.trainSize, size.testSize);
  const digits = await obtainNets('digits', train, size.steps, options);
  const quadrants: Partial<Record<NetId, QuadrantScores>> = {};
  for (const id of NET_IDS) quadrants[id] = quadrantScores(digits.set.logits(id), test, 10);
  digits.set.dispose();
  const task = faceTask(size.faceTrain, size.faceTest);
  const faceNets = await obtainNets('faces', task.train, size.faceSteps, options);
  const faces: Partial<Record<NetId, FaceScores>> = {};
  for (const id of NET_IDS) faces[id] = faceScores(faceNets.set.logits(id), task.test, task.pairs);
  faceNets.set.dispose();
  const markdown = [
    `${test.n.toLocaleString('en-US')} test digits (nets trained ${size.steps} steps on ${train.n.toLocaleString('en-US')}); faces: ${task.train.n.toLocaleString('en-US')} training images, ${size.faceSteps} steps, ${task.test.n.toLocaleString('en-US')} test images and ${task.pairs.n.toLocaleString('en-US')} scrambled twins.`,
    '',
    quadrantTable(quadrants),
    '',
    "science.md's band:",
    '',
    formatBands(quadrantBand(quadrants)),
    '',
    faceTable(faces, faceNets.seconds),
  ].join('\n');
  return { quadrants, faces, markdown };
}

/**
 * MaxBlurPool's gain over max-pool, seed by seed: the two nets trained side by side from seeds
 * seed … seed + count − 1 (--seeds, default 8), accuracy at 0–4 px and the gain, then its mean and
 * standard deviation: is a gain of a few points at 2 px larger than the spread between seeds?
 */
export async function runBlurSeeds(options: ReproduceOptions): Promise<string> {
  const size = sizes(options);
  const count = Number(options.flags.seeds ?? (options.quick ? 2 : 8));
  const { train, test } = await digitTask(options.source, size.trainSize, size.testSize);
  const shifts = [0, 1, 2, 3, 4];
  const rows: string[] = [];
  const gains: number[][] = [];
  for (let k = 0; k < count; k++) {
    const seed = options.seed + k;
    const { set } = await trainNets(['max', 'blur'], 10, seed, engineOption(options.flags), train, size.steps);
    const [max, blur] = (['max', 'blur'] as NetId[]).map((id) => shiftScores(set.logits(id), test, 10, seed, 'zero', shifts).accuracy);
    set.dispose();
    gains.push(shifts.map((_, i) => blur[i] - max[i]));
    rows.push(`| ${seed} | ${max.map((a) => (100 * a).toFixed(1)).join(' / ')} | ${blur.map((a) => (100 * a).toFixed(1)).join(' / ')} | ${gains[k].map((g) => (100 * g).toFixed(1)).join(' / ')} |`);
    options.progress(`  seed ${seed}: gain at 2 px ${(100 * gains[k][2]).toFixed(1)} points`);
  }
  const mean = shifts.map((_, i) => gains.reduce((s, g) => s + g[i], 0) / count);
  const sd = shifts.map((_, i) => Math.sqrt(gains.reduce((s, g) => s + (g[i] - mean[i]) ** 2, 0) / Math.max(1, count - 1)));
  return [
    `${count} seeds; ${train.n.toLocaleString('en-US')} training digits, ${size.steps} steps; ${test.n.toLocaleString('en-US')} test digits; zero-fill horizontal shifts (mean of right and left).`,
    '',
    `| seed | max-pool at ${shifts.join('/')} px (%) | MaxBlurPool (%) | gain (points) |`,
    '| ---: | --- | --- | --- |',
    ...rows,
    `| mean ± sd | | | ${mean.map((m, i) => `${(100 * m).toFixed(1)} ± ${(100 * sd[i]).toFixed(1)}`).join(' / ')} |`,
  ].join('\n');
}

/** The per-layer equivariance error of the max-pool, MaxBlurPool and global-average CNNs (layers × shifts 0–6 px) on the first 200 test digits. */
export async function runEquivariance(options: ReproduceOptions): Promise<string> {
  const size = sizes(options);
  const { train, test } = await digitTask(options.source, size.trainSize, size.testSize);
  const { set } = await obtainNets('digits', train, size.steps, options);
  const images = firstImages(test, Math.min(200, test.n));
  const tables = EQUIVARIANCE_NETS.map((id) => {
    const grid = equivarianceErrors(set.maps(id)!, images.x, images.n, SIDE, EQUIVARIANCE_SHIFTS);
    return [
      `${NETS[id].label}:`,
      '',
      `| layer | ${grid.shifts.map((s) => `${s} px`).join(' | ')} |`,
      `| --- | ${grid.shifts.map(() => '---:').join(' | ')} |`,
      ...grid.layers.map((layer, l) => `| ${layer} | ${grid.error[l].map((e) => e.toFixed(3)).join(' | ')} |`),
    ].join('\n');
  });
  set.dispose();
  return [`Equivariance error E(s) (src/lib/invariance/equivariance.ts) on ${images.n} test digits, horizontal zero-fill shifts:`, '', ...tables.flatMap((t) => [t, ''])].join('\n');
}

export const experiments: ReproduceExperiments = {
  'shift-invariance': {
    about: 'CNN pooling (Azulay & Weiss 2019; Zhang 2019): MLP, max-pool CNN, MaxBlurPool CNN, global-average CNN, max-pool CNN + ±2 px shifts; Adam 1e-3, batch 64, 3 epochs on 8,000 digits; accuracy under 0–6 px shifts, P(top-1 change), consistency.',
    run: async (options) => (await runShiftInvariance(options)).markdown,
  },
  equivariance: {
    about: 'CNN pooling: per-layer equivariance error (layers × 0–6 px shifts) of the max-pool, MaxBlurPool and global-average CNNs: which layer loses the shift.',
    run: runEquivariance,
  },
  'blurpool-seeds': {
    about: 'CNN pooling: MaxBlurPool vs max-pool over several seeds (--seeds N, default 8): accuracy at 0–4 px and the gain, with its mean and spread.',
    run: runBlurSeeds,
  },
  picasso: {
    about: "CNN pooling, Picasso: the five nets on digits whose quadrants are swapped, and on faces vs non-faces shown a face's scrambled twin.",
    run: async (options) => (await runPicasso(options)).markdown,
  },
};
