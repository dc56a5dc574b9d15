/**
 * The benchmark's worker: starts one tfjs backend, then runs jobs (model × path) as the site's
 * training worker would — batches gathered from real MNIST (or the toy rings) every step — timing
 * creation + first step, then steps/s over several windows. Messages: 'run' (BenchPageOptions) →
 * 'job' per result, then 'done' (BenchPageResult). The page records frames meanwhile.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createEngine, type Batch, type Engine } from '../src/lib/engine';
import '../src/lib/engine/cnn-engines';
import '../src/lib/engine/bnn-engines';
import { fetchSource, loadDataset, toyRings, type ImageDataset } from '../src/lib/data';
import { createRng } from '../src/lib/random';
import { EngineChooser } from '../src/runtime/engine-choice';
import { memoryCache } from '../src/runtime/engine-choice/cache';
import { gather } from '../src/chapters/introduction/runs/overfit';
import { createBaseline } from './baseline';
import { CURVE_BATCH, CURVE_STEPS, MODELS, type BenchJob, type BenchJobResult, type BenchModel, type BenchPageOptions, type BenchPageResult } from './jobs';

const SEED = 1;

async function startBackend(name: BenchPageOptions['backend']): Promise<void> {
  if (name === 'wasm') {
    const [wasm, paths] = await Promise.all([import('@tensorflow/tfjs-backend-wasm'), import('../src/runtime/wasm-paths')]);
    wasm.setWasmPaths(paths.wasmPaths);
    // Threads (cross-origin isolated pages only): one per core.
    if ((self as unknown as { crossOriginIsolated?: boolean }).crossOriginIsolated) wasm.setThreadsCount(navigator.hardwareConcurrency || 2);
  } else if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  else if (name === 'webgpu') {
    countGpuCalls();
    // tfjs-webgpu, and the fused engine (it loads on demand; its 'webgpu' path needs it here)
    await Promise.all([import('@tensorflow/tfjs-backend-webgpu'), import('../src/lib/engine/webgpu')]);
  }
  await import('@tensorflow/tfjs-backend-cpu');
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed`);
  await tf.ready();
}

/** Does dataSync() return what data() does? (tfjs-webgpu reads synchronously through a canvas.) */
async function checkSyncReadback(): Promise<string> {
  const t = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])));
  try {
    const async = Array.from(await t.data());
    const t2 = tf.tidy(() => tf.add(t, 1));
    const sync = Array.from(t2.dataSync());
    t2.dispose();
    return sync.every((v, i) => Math.abs(v - async[i] - 1) < 1e-3) ? 'ok' : `dataSync gave [${sync.join(', ')}], data() [${async.map((v) => v + 1).join(', ')}]`;
  } catch (err) {
    return `dataSync threw: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    t.dispose();
  }
}

/** Dispatches, submits and buffer creations on this worker's WebGPU (every engine's, tfjs' too). */
const gpuCalls = { dispatches: 0, submits: 0, buffers: 0 };

function countGpuCalls(): void {
  const g = self as unknown as Record<string, { prototype: Record<string, (...a: unknown[]) => unknown> } | undefined>;
  const wrap = (cls: string, method: string, key: keyof typeof gpuCalls) => {
    const proto = g[cls]?.prototype;
    const original = proto?.[method];
    if (!proto || !original) return;
    proto[method] = function (this: unknown, ...args: unknown[]) {
      gpuCalls[key]++;
      return original.apply(this, args);
    };
  };
  wrap('GPUComputePassEncoder', 'dispatchWorkgroups', 'dispatches');
  wrap('GPUQueue', 'submit', 'submits');
  wrap('GPUDevice', 'createBuffer', 'buffers');
}

let mnist: ImageDataset | null = null;

/** A batch source like a run's: a seeded shuffled order, gathered into one reused batch. */
function batches(model: BenchModel, batchSize: number): (i: number) => Batch {
  const rng = createRng(SEED).fork('batches');
  if (model.data === 'toy') {
    const toy = toyRings(4096, createRng(7));
    const order = rng.permutation(4096);
    const out: Batch = { x: new Float32Array(batchSize * 2), labels: new Uint8Array(batchSize), n: batchSize };
    return (i) => {
      for (let r = 0; r < batchSize; r++) {
        const idx = order[(i * batchSize + r) % 4096];
        out.x[2 * r] = toy.x[2 * idx];
        out.x[2 * r + 1] = toy.x[2 * idx + 1];
        (out.labels as Uint8Array)[r] = toy.labels[idx];
      }
      return out;
    };
  }
  const ds = mnist as ImageDataset;
  const order = rng.permutation(ds.n);
  let out: Batch | undefined;
  const indices = new Int32Array(batchSize);
  return (i) => {
    for (let r = 0; r < batchSize; r++) indices[r] = order[(i * batchSize + r) % ds.n];
    out = gather(ds, indices, out);
    return out;
  };
}

/** The tfjs-wasm backend's heap, which only grows: what a tfjs path on WASM holds. */
function wasmHeapBytes(): number {
  return tf.getBackend() === 'wasm' ? ((tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8?.byteLength ?? 0) : 0;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

interface Trainable {
  step(batch: Batch): void;
  /** The latest step's loss (waits for the device). */
  read(): Promise<number>;
  memoryBytes(): number;
  dispose(): void;
}

function fromEngine(engine: Engine): Trainable {
  return {
    step: (b) => void engine.step(b, false),
    read: async () => (await engine.lastStep()).loss,
    memoryBytes: () => engine.memory().bytes,
    dispose: () => engine.dispose(),
  };
}

async function build(job: BenchJob, model: BenchModel, batchSize: number, result: BenchJobResult, options: BenchPageOptions): Promise<Trainable> {
  const settings = { optimizer: model.optimizer, learningRate: model.learningRate };
  const rng = createRng(SEED).fork('init');
  if (job.path === 'baseline') {
    const b = createBaseline(model.spec, rng, model.optimizer, model.learningRate);
    return { step: (x) => b.step(x), read: () => b.read(), memoryBytes: () => 0, dispose: () => b.dispose() };
  }
  if (job.path === 'auto') {
    const chooser = new EngineChooser(memoryCache());
    const name = tf.getBackend() as BenchPageOptions['backend'];
    chooser.configure({ name, isGpu: options.treatAsGpu === true, forced: false, rejected: [] });
    const t0 = performance.now();
    const choice = await chooser.choose(model.spec, batchSize, settings, batches(model, batchSize));
    result.calibrationMs = performance.now() - t0;
    result.chosen = choice.engine;
    result.calibration = choice.measurements.map((m) => ({ engine: m.engine, stepsPerSec: m.stepsPerSec, correct: m.correct, error: m.error }));
    return fromEngine(createEngine(choice.engine, model.spec, rng, settings));
  }
  return fromEngine(createEngine(job.path, model.spec, rng, settings));
}

interface Slot {
  result: BenchJobResult;
  trainer: Trainable | null;
  next: (i: number) => Batch;
  i: number;
  /** tf.memory().numBytes before this path was built. */
  tensorsBefore: number;
  slow: boolean;
  /** GPU calls and steps over the timed windows. */
  calls: { dispatches: number; submits: number; buffers: number; steps: number };
}

/** Bytes a path holds: its own heap, the tensors it added, and tfjs-wasm's heap for a tfjs path. */
function bytesOf(slot: Slot): number {
  const tfjsPath = slot.result.path === 'baseline' || String(slot.result.path).startsWith('tfjs-') || (slot.result.chosen ?? '').startsWith('tfjs-');
  return (slot.trainer?.memoryBytes() ?? 0) + Math.max(0, tf.memory().numBytes - slot.tensorsBefore) + (tfjsPath ? wasmHeapBytes() : 0);
}

/**
 * One job: its path, and with `against` a second path whose windows alternate with the first's, so
 * that a ratio between them is taken under the same machine load.
 */
async function runJob(job: BenchJob, options: BenchPageOptions): Promise<BenchJobResult[]> {
  const model = MODELS.find((m) => m.id === job.model);
  const paths = [job.path, ...(job.against ? [job.against] : [])];
  const slots: Slot[] = paths.map((path) => ({
    result: { model: job.model, path, backend: tf.getBackend(), firstStepMs: null, windows: [], stepsPerSec: null, peakBytes: null, frameP50Ms: null, frameP95Ms: null },
    trainer: null,
    next: () => {
      throw new Error('no batches');
    },
    i: 1,
    tensorsBefore: 0,
    slow: false,
    calls: { dispatches: 0, submits: 0, buffers: 0, steps: 0 },
  }));
  if (!model) return slots.map((s) => ({ ...s.result, error: `unknown model ${job.model}` }));
  const fail = (slot: Slot, err: unknown) => {
    slot.result.error = err instanceof Error ? err.message.split('\n')[0] : String(err);
    slot.slow = true;
  };
  try {
    if (model.data === 'mnist' && !mnist) mnist = await loadDataset('mnist', 'train', fetchSource(self.location.href.replace(/\/bench\/.*$/, '/data/')));
  } catch (err) {
    slots.forEach((slot) => fail(slot, err));
    return slots.map((s) => s.result);
  }
  for (const slot of slots) {
    const path = slot.result.path;
    try {
      if (job.curve && path !== 'baseline') {
        const curveBatch = batches(model, CURVE_BATCH);
        const checker = await build({ ...job, path: path === 'auto' ? 'js' : path }, model, CURVE_BATCH, { ...slot.result }, options);
        slot.result.curve = [];
        for (let i = 0; i < CURVE_STEPS; i++) {
          checker.step(curveBatch(i));
          slot.result.curve.push(await checker.read());
        }
        checker.dispose();
      }
      slot.next = batches(model, model.batch);
      slot.tensorsBefore = tf.memory().numBytes;
      const t0 = performance.now();
      slot.trainer = await build({ ...job, path }, model, model.batch, slot.result, options);
      const t1 = performance.now();
      slot.trainer.step(slot.next(0));
      await slot.trainer.read();
      slot.result.firstStepMs = performance.now() - (path === 'auto' ? t1 : t0);
      slot.result.peakBytes = bytesOf(slot);
    } catch (err) {
      fail(slot, err);
    }
  }
  postMessage({ type: 'frames', action: 'start' });
  for (let w = 0; w < job.windows; w++) {
    for (const slot of slots) {
      if (slot.slow || !slot.trainer) continue;
      const trainer = slot.trainer;
      try {
        const before = { ...gpuCalls };
        const start = performance.now();
        let steps = 0;
        // At least one step per window, and at most 6 s for very slow paths.
        while ((performance.now() - start < job.windowMs || steps < 1) && performance.now() - start < 6000) {
          trainer.step(slot.next(slot.i++));
          steps++;
          // GPU work is queued: read now and then, and at the end, so the clock counts the work.
          if (steps % 4 === 0) await trainer.read();
        }
        await trainer.read();
        const elapsed = performance.now() - start;
        slot.result.windows.push((steps * 1000) / elapsed);
        for (const k of ['dispatches', 'submits', 'buffers'] as const) slot.calls[k] += gpuCalls[k] - before[k];
        slot.calls.steps += steps;
        slot.result.peakBytes = Math.max(slot.result.peakBytes ?? 0, bytesOf(slot));
        // A slow path (a window well over its length) is measured once.
        if (elapsed > 1.5 * job.windowMs) slot.slow = true;
      } catch (err) {
        fail(slot, err);
      }
    }
  }
  for (const slot of slots) {
    try {
      if (slot.trainer && !slot.result.error) {
        slot.trainer.step(slot.next(slot.i));
        const last = await slot.trainer.read();
        if (!Number.isFinite(last)) slot.result.error = `loss became ${last}`;
      }
      slot.result.stepsPerSec = slot.result.windows.length ? median(slot.result.windows) : null;
      const c = slot.calls;
      if (tf.getBackend() === 'webgpu' && c.steps > 0) slot.result.gpuPerStep = { dispatches: c.dispatches / c.steps, submits: c.submits / c.steps, buffers: c.buffers / c.steps };
    } catch (err) {
      fail(slot, err);
    } finally {
      try {
        slot.trainer?.dispose();
      } catch {
        // a failed backend may not dispose cleanly
      }
    }
  }
  return slots.map((s) => s.result);
}

self.onmessage = async (event: MessageEvent<{ type: 'run'; options: BenchPageOptions }>) => {
  const { options } = event.data;
  const page: BenchPageResult = { backend: options.backend, backendMs: 0, isolated: (self as unknown as { crossOriginIsolated?: boolean }).crossOriginIsolated === true, results: [] };
  try {
    const t0 = performance.now();
    await startBackend(options.backend);
    page.backendMs = performance.now() - t0;
    page.backend = tf.getBackend();
    if (page.backend === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      page.wasmThreads = wasm.getThreadsCount();
    }
  } catch (err) {
    page.error = err instanceof Error ? err.message : String(err);
    postMessage({ type: 'done', page });
    return;
  }
  for (const job of options.jobs) {
    const results = await runJob(job, options);
    // Both paths of a pair trained during the same frames.
    postMessage({ type: 'frames', action: 'stop', count: results.length });
    page.results.push(...results);
  }
  // Last, because on WebGPU a dataSync() may take the device down with it.
  page.syncReadback = await checkSyncReadback();
  postMessage({ type: 'done', page });
};
