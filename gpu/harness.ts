/**
 * The real-GPU check of the training engines (issue 16), from Node through Dawn (the npm package
 * `webgpu`: the same Dawn that Chrome ships). Adapted from ../shared/gpu-probe/harness.ts. For each
 * model and batch it times, in one run: the fused WebGPU engine ('webgpu', src/lib/engine/webgpu),
 * the lib on tfjs-webgpu, and the WASM SIMD engine on one CPU core; counts the dispatches, queue
 * submits and buffers created per step (by wrapping Dawn's dispatchWorkgroups / submit / createBuffer);
 * checks 20-step agreement against the WASM SIMD engine; and asks the site's calibration what it
 * would choose. Prints JSON lines (and writes them to $OUT/gpu.jsonl when OUT is set).
 *
 * Env: GPU=webgpu|none (none: CPU engines only, to test the bundle without a GPU), QUICK=1 (the
 * first batch size of each model only), BUDGET=ms per timing (default 1200), DATA_DIR (the MNIST
 * .gz files; default public/data), OUT. Bundle and run: gpu/build.sh, gpu/run.sh, gpu/README.md.
 */
import { appendFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createEngine, type Batch, type Engine, type EngineName, type ModelSpec, type OptimizerSettings } from '../src/lib/engine';
import { TypedBnn } from '../src/lib/engine/bnn-engines';
import '../src/lib/engine/cnn-engines';
import { setWebGpuDevice, WebGpuBnn, WebGpuModel } from '../src/lib/engine/webgpu';
import { loadDataset, type ImageDataset } from '../src/lib/data';
import { nodeSource } from '../src/lib/data/source-node';
import { createRng } from '../src/lib/random';
import { SMALL_CNN } from '../src/lib/nets/cnn';
import { calibrate } from '../src/runtime/engine-choice/calibrate';

const gpuMode = process.env.GPU ?? 'webgpu';
const quick = !!process.env.QUICK;
const budget = Number(process.env.BUDGET ?? 1200);
const dataDir = process.env.DATA_DIR ?? 'public/data';
const outFile = process.env.OUT ? `${process.env.OUT}/gpu.jsonl` : null;
const started = performance.now();

function log(o: Record<string, unknown>): void {
  const line = JSON.stringify({ t: Math.round((performance.now() - started) / 100) / 10, ...o });
  console.log(line);
  if (outFile) appendFileSync(outFile, line + '\n');
}

const counts = { dispatch: 0, submit: 0, buffers: 0 };

interface Case {
  name: string;
  model: ModelSpec;
  batches: number[];
  settings: OptimizerSettings;
  /** The agreement reference's batch (the 4096-wide BNN: 8, so that its CPU curve stays quick). */
  agreeBatch?: number;
}

const CASES: Case[] = [
  { name: 'mlp 784-256-10', model: { kind: 'mlp', sizes: [784, 256, 10], activation: 'relu' }, batches: [64, 1024], settings: { optimizer: 'adam', learningRate: 1e-3 } },
  { name: 'mlp 784-1024-1024-10', model: { kind: 'mlp', sizes: [784, 1024, 1024, 10], activation: 'relu' }, batches: [64, 1024], settings: { optimizer: 'adam', learningRate: 1e-3 } },
  { name: 'cnn small', model: { kind: 'cnn', spec: SMALL_CNN }, batches: [32, 256], settings: { optimizer: 'adam', learningRate: 3e-3 } },
  { name: 'bnn 784-512-512-10', model: { kind: 'bnn', sizes: [784, 512, 512, 10], gammaInit: 'uniform', initScale: 0.05 }, batches: [64, 1024], settings: { optimizer: 'adam', learningRate: 5e-3 } },
  // The paper's width (Laborieux et al. 2021), metaplastic Adam with its m = 1.35, batch 100.
  { name: 'bnn 784-4096-4096-10 metaplastic m=1.35', model: { kind: 'bnn', sizes: [784, 4096, 4096, 10], gammaInit: 'uniform', initScale: 0.05 }, batches: [100], settings: { optimizer: 'adam', learningRate: 5e-3, meta: 1.35 }, agreeBatch: 8 },
];

let mnist: ImageDataset;

function batchesFor(n: number, count: number, seed: number): Batch[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const x = new Float32Array(n * 784);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const idx = rng.int(mnist.n);
      labels[i] = mnist.labels[idx];
      for (let j = 0; j < 784; j++) x[i * 784 + j] = mnist.images[idx * 784 + j] / 255;
    }
    return { x, labels, n };
  });
}

async function useBackend(engine: EngineName): Promise<void> {
  await tf.setBackend(engine === 'tfjs-webgpu' ? 'webgpu' : 'cpu');
}

/** β ≠ 0 on a BNN (no rounding-level tie at z = 0; see tests/unit/engine/bnn.test.ts). */
async function setBeta(e: Engine): Promise<void> {
  const pattern = (b: Float32Array) => b.map((_, j) => 0.02 * Math.cos(j));
  if (e instanceof TypedBnn) {
    const s = e.saveBatchNorm();
    e.restoreBatchNorm({ ...s, beta: s.beta.map(pattern) });
  } else if (e instanceof WebGpuBnn) {
    const s = await e.saveBatchNorm();
    e.restoreBatchNorm({ ...s, beta: s.beta.map(pattern) });
  }
}

async function curve(engine: EngineName, c: Case, settings: OptimizerSettings, batches: Batch[], beta: boolean): Promise<number[]> {
  await useBackend(engine);
  const e = createEngine(engine, c.model, createRng(7), settings);
  if (beta) await setBeta(e);
  const losses: number[] = [];
  for (const b of batches) {
    e.step(b, false);
    losses.push((await e.lastStep()).loss);
  }
  e.dispose();
  return losses;
}

const gap = (a: number[], ref: number[]) => Math.max(...a.map((v, k) => (Number.isFinite(v) ? Math.abs(v - ref[k]) / (1 + Math.abs(ref[k])) : Infinity)));

async function agreement(c: Case, gpuEngines: EngineName[]): Promise<void> {
  const batches = batchesFor(c.agreeBatch ?? 16, 20, 11);
  // The model's own settings, and for the BNN also SGD from β ≠ 0 (the strict comparison).
  const variants: [string, OptimizerSettings, boolean][] = [[c.settings.optimizer + (c.settings.meta ? ` meta ${c.settings.meta}` : ''), c.settings, false]];
  if (c.model.kind === 'bnn') variants.push(['sgd 0.2, beta != 0', { optimizer: 'sgd', learningRate: 0.2 }, true]);
  for (const [label, settings, beta] of variants) {
    const ref = await curve('wasm-simd', c, settings, batches, beta);
    for (const engine of gpuEngines) {
      if (engine === 'tfjs-webgpu' && beta) continue;
      try {
        const got = await curve(engine, c, settings, batches, beta);
        log({ model: c.name, agree: engine, vs: 'wasm-simd', settings: label, batch: batches[0].n, maxRelative: gap(got, ref), first: got[0], last: got[19], refLast: ref[19] });
      } catch (err) {
        log({ model: c.name, agree: engine, settings: label, error: String(err).slice(0, 300) });
      }
    }
  }
}

async function time(c: Case, engine: EngineName, n: number, batches: Batch[]): Promise<number | null> {
  await useBackend(engine);
  try {
    const t0 = performance.now();
    const e = createEngine(engine, c.model, createRng(5), c.settings);
    e.step(batches[0], false);
    await e.lastStep();
    const first = performance.now() - t0;
    for (let i = 1; i < 4; i++) e.step(batches[i], false);
    await e.lastStep();
    const c0 = { ...counts };
    let steps = 0;
    const s0 = performance.now();
    while ((performance.now() - s0 < budget || steps < 2) && steps < 20000) {
      e.step(batches[steps % batches.length], false);
      steps++;
      if (steps % 8 === 0) await e.lastStep();
    }
    const last = await e.lastStep();
    const elapsed = performance.now() - s0;
    const perStep = engine === 'wasm-simd' ? undefined : { dispatches: +((counts.dispatch - c0.dispatch) / steps).toFixed(2), submits: +((counts.submit - c0.submit) / steps).toFixed(2), buffers: +((counts.buffers - c0.buffers) / steps).toFixed(2) };
    const own = e instanceof WebGpuModel ? e.counts : undefined;
    const stepsPerSec = (steps * 1000) / elapsed;
    log({ model: c.name, batch: n, engine, stepsPerSec: +stepsPerSec.toFixed(1), examplesPerSec: Math.round(stepsPerSec * n), firstStepMs: Math.round(first), steps, perStep, engineCounts: own, lastLoss: last.loss });
    e.dispose();
    return stepsPerSec;
  } catch (err) {
    log({ model: c.name, batch: n, engine, error: String(err).slice(0, 300) });
    return null;
  }
}

async function main(): Promise<void> {
  let engines: EngineName[] = ['wasm-simd'];
  if (gpuMode === 'webgpu') {
    const { create, globals } = await import('webgpu');
    Object.assign(globalThis, globals);
    const G = globalThis as unknown as Record<string, { prototype: Record<string, (...a: unknown[]) => unknown> } | undefined>;
    for (const [cls, method, key] of [['GPUComputePassEncoder', 'dispatchWorkgroups', 'dispatch'], ['GPUQueue', 'submit', 'submit'], ['GPUDevice', 'createBuffer', 'buffers']] as const) {
      const proto = G[cls]?.prototype;
      const original = proto?.[method];
      if (proto && original) proto[method] = function (this: unknown, ...a: unknown[]) {
        counts[key]++;
        return original.apply(this, a);
      };
    }
    (globalThis as { navigator?: unknown }).navigator = { gpu: create([]) };
    const gpu = (globalThis as unknown as { navigator: { gpu: GPU } }).navigator.gpu;
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    log({ adapter: adapter ? { vendor: adapter.info.vendor, architecture: adapter.info.architecture, description: adapter.info.description, fallback: adapter.info.isFallbackAdapter } : null });
    if (!adapter) {
      log({ error: 'NO ADAPTER' });
      process.exit(3);
    }
    const device = await adapter.requestDevice({ requiredLimits: { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxBufferSize: adapter.limits.maxBufferSize } });
    // (Dawn for Node may lack addEventListener: the property handler is the fallback.)
    const onError = (e: Event) => log({ gpuError: (e as GPUUncapturedErrorEvent).error.message.slice(0, 300) });
    if (typeof device.addEventListener === 'function') device.addEventListener('uncapturederror', onError);
    else (device as unknown as { onuncapturederror: unknown }).onuncapturederror = onError;
    setWebGpuDevice(device);
    await import('@tensorflow/tfjs-backend-webgpu');
    if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs-webgpu did not start');
    engines = ['webgpu', 'tfjs-webgpu', 'wasm-simd'];
  }
  await tf.setBackend('cpu');
  mnist = await loadDataset('mnist', 'train', nodeSource(dataDir));
  log({ gpu: gpuMode, engines, budget, quick, node: process.version });
  for (const c of CASES) {
    // Without a GPU, the plain-JS engine stands in (the agreement code runs; not the 4096-wide BNN: slow in JS).
    const against: EngineName[] = gpuMode === 'webgpu' ? engines.filter((e) => e !== 'wasm-simd') : c.agreeBatch ? [] : ['js'];
    await agreement(c, against);
    for (const n of quick ? c.batches.slice(0, 1) : c.batches) {
      const batches = batchesFor(n, 8, 3);
      const speeds: Partial<Record<EngineName, number | null>> = {};
      for (const engine of engines) speeds[engine] = await time(c, engine, n, batches);
      const ratio = (a?: number | null, b?: number | null) => (a && b ? +(a / b).toFixed(1) : null);
      log({ model: c.name, batch: n, summary: true, webgpuVsTfjsWebgpu: ratio(speeds.webgpu, speeds['tfjs-webgpu']), webgpuVsWasmSimd: ratio(speeds.webgpu, speeds['wasm-simd']) });
      if (gpuMode === 'webgpu') {
        await tf.setBackend('webgpu');
        try {
          const ms = await calibrate(['webgpu', 'wasm-simd'], c.model, c.settings, (i) => batches[i % batches.length]);
          const best = ms.filter((m) => m.correct).sort((a, b) => b.stepsPerSec - a.stepsPerSec)[0];
          log({ model: c.name, batch: n, calibration: ms.map((m) => ({ e: m.engine, sps: Math.round(m.stepsPerSec), first: Math.round(m.firstStepMs), ok: m.correct, err: m.error })), chosen: best?.engine });
        } catch (err) {
          log({ model: c.name, batch: n, calibrationError: String(err).slice(0, 300) });
        }
      }
    }
  }
  log({ done: true, seconds: Math.round((performance.now() - started) / 1000), tensorsLeft: tf.memory().numTensors });
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    log({ fatal: String(err).slice(0, 500) });
    process.exit(1);
  },
);
