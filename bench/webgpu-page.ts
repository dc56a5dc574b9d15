/// <reference types="@webgpu/types" />
/**
 * The WebGPU engine's check page (built with the benchmark page, bench/vite.config.ts): on this
 * browser's WebGPU device (SwiftShader here), each model's 20-step loss curve on the fused engine
 * and on the plain-JS engine from the same seed and batches, and what a warm step costs the driver
 * (dispatches, submits, buffers created). `window.__webgpu.check(cases)` → results; GPU validation
 * errors are collected too. Driven by tests/e2e/webgpu-engine.spec.ts and `npm run bench`.
 */
import { createEngine, type Batch, type Engine, type ModelSpec } from '../src/lib/engine';
import { TypedBnn } from '../src/lib/engine/bnn-engines';
import '../src/lib/engine/cnn-engines';
import { setWebGpuDevice, WebGpuBnn, WebGpuModel } from '../src/lib/engine/webgpu';
import { fetchSource, loadDataset, type ImageDataset } from '../src/lib/data';
import { createRng } from '../src/lib/random';
import { gather } from '../src/chapters/introduction/runs/overfit';
import type { OptimizerKind } from '../src/lib/rules/update';

export interface CheckCase {
  label: string;
  model: ModelSpec;
  batch: number;
  optimizer: OptimizerKind;
  learningRate: number;
  meta?: number;
  /** Set every β to this pattern first (BNN: no rounding-level tie at z = 0), on both engines. */
  betaPattern?: boolean;
  steps?: number;
  /** Warm steps whose dispatches, submits and buffers are counted. */
  countSteps?: number;
  /** Also time the fused engine for this many ms. */
  timeMs?: number;
  /** Compare the parameters after the first step too (see CheckResult.firstUpdateMismatch). */
  firstUpdate?: boolean;
}

export interface CheckResult {
  label: string;
  js: number[];
  webgpu: number[];
  /** Largest |webgpu − js| / (1 + |js|) over the curve. */
  maxRelative: number;
  perStep: { dispatches: number; submits: number; buffers: number };
  stepsPerSec?: number;
  /**
   * Share of parameters that differ by more than 1e-5·(1 + |w|) after one step (a gradient that is
   * rounding noise gets a full ±η Adam step whose sign is the noise's: those few differ).
   */
  firstUpdateMismatch?: number;
  evaluation?: { js: { loss: number; accuracy: number }; webgpu: { loss: number; accuracy: number } };
  error?: string;
}

let mnist: ImageDataset | null = null;
const errors: string[] = [];
let device: GPUDevice | null = null;

async function setup(): Promise<string> {
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) return 'no adapter';
  device = await adapter.requestDevice();
  device.addEventListener('uncapturederror', (e) => errors.push((e as GPUUncapturedErrorEvent).error.message.slice(0, 300)));
  setWebGpuDevice(device);
  mnist = await loadDataset('mnist', 'train', fetchSource(new URL('../data/', location.href)));
  const info = adapter.info;
  return `${info.vendor} ${info.architecture} ${info.description}`.trim();
}

function batches(n: number, count: number, seed: number): Batch[] {
  const ds = mnist as ImageDataset;
  const order = createRng(seed).permutation(ds.n);
  return Array.from({ length: count }, (_, s) => gather(ds, order.subarray(s * n, (s + 1) * n)));
}

async function setBeta(engine: Engine): Promise<void> {
  const pattern = (b: Float32Array) => b.map((_, j) => 0.02 * Math.cos(j));
  if (engine instanceof TypedBnn) {
    const s = engine.saveBatchNorm();
    engine.restoreBatchNorm({ ...s, beta: s.beta.map(pattern) });
  } else if (engine instanceof WebGpuBnn) {
    const s = await engine.saveBatchNorm();
    engine.restoreBatchNorm({ ...s, beta: s.beta.map(pattern) });
  }
}

async function runCase(c: CheckCase): Promise<CheckResult> {
  const steps = c.steps ?? 20;
  const data = batches(c.batch, steps + (c.countSteps ?? 0) + 3, 5);
  const settings = { optimizer: c.optimizer, learningRate: c.learningRate, meta: c.meta };
  const result: CheckResult = { label: c.label, js: [], webgpu: [], maxRelative: NaN, perStep: { dispatches: NaN, submits: NaN, buffers: NaN } };
  const js = createEngine('js', c.model, createRng(11), settings);
  const gpu = createEngine('webgpu', c.model, createRng(11), settings) as WebGpuModel;
  try {
    if (c.betaPattern) await Promise.all([setBeta(js), setBeta(gpu)]);
    for (let s = 0; s < steps; s++) {
      result.js.push(js.step(data[s]).loss);
      gpu.step(data[s], false);
      result.webgpu.push((await gpu.lastStep()).loss);
      if (s === 0 && c.firstUpdate) {
        const [a, b] = await Promise.all([js.parameters(), gpu.parameters()]);
        let [differ, total] = [0, 0];
        a.forEach((p, k) => p.forEach((v, i) => ((total += 1), (differ += Math.abs(v - b[k][i]) > 1e-5 * (1 + Math.abs(v)) ? 1 : 0))));
        result.firstUpdateMismatch = differ / total;
      }
    }
    result.maxRelative = Math.max(...result.js.map((v, i) => (Number.isFinite(result.webgpu[i]) ? Math.abs(result.webgpu[i] - v) / (1 + Math.abs(v)) : Infinity)));
    const evalSet = data[steps];
    result.evaluation = { js: await js.evaluate(evalSet.x, evalSet.labels, evalSet.n), webgpu: await gpu.evaluate(evalSet.x, evalSet.labels, evalSet.n) };
    // Warm steps as a run takes them: no read but at the end of the chunk.
    const count = c.countSteps ?? 0;
    if (count > 0) {
      const before = gpu.counts;
      for (let s = 0; s < count; s++) gpu.step(data[steps + 1 + (s % 2)], false);
      const after = gpu.counts;
      await gpu.lastStep();
      result.perStep = { dispatches: (after.dispatches - before.dispatches) / count, submits: (after.submits - before.submits) / count, buffers: (after.buffers - before.buffers) / count };
    }
    if (c.timeMs) {
      const t0 = performance.now();
      let n = 0;
      while (performance.now() - t0 < c.timeMs) {
        gpu.step(data[n % steps], false);
        n++;
        if (n % 8 === 0) await gpu.lastStep();
      }
      await gpu.lastStep();
      result.stepsPerSec = (n * 1000) / (performance.now() - t0);
    }
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
  } finally {
    js.dispose();
    gpu.dispose();
  }
  if (errors.length) result.error = `${result.error ?? ''} GPU errors: ${errors.splice(0).join(' | ')}`.trim();
  return result;
}

async function check(cases: CheckCase[]): Promise<{ adapter: string; results: CheckResult[] }> {
  const adapter = await setup();
  if (!device) return { adapter, results: [] };
  const results: CheckResult[] = [];
  for (const c of cases) results.push(await runCase(c));
  return { adapter, results };
}

declare global {
  interface Window {
    __webgpu: { check: typeof check };
  }
}

window.__webgpu = { check };
document.body.dataset.ready = 'true';
