// The fused WebGPU engine (src/lib/engine/webgpu) in Chromium on SwiftShader's WebGPU
// (--enable-unsafe-webgpu; a secure context, so the page is served from 127.0.0.1): its 20-step loss
// curves match the plain-JS engine's within 1e-3 (same seed, same MNIST batches) for the MLP, the
// small CNN and the BNN (SGD), its evaluation matches, GPU validation raises no error, and a warm
// MLP step costs ≤ 12 dispatches, one submit and no new buffer.
//
// The BNN under (metaplastic) Adam: two correct paths cannot follow each other for 20 steps. Some
// gradients are exactly 0 in exact arithmetic (batch norm makes Σ_batch δa = 0) and rounding noise in
// float32, and Adam's first step turns any nonzero gradient into ±η: the sign of the noise decides.
// The lib on tfjs-cpu and on tfjs-wasm drift apart the same way (bench/RESULTS.md). So there: the
// first loss exactly, the first update on every parameter whose gradient is not noise (all but
// ~0.2% of them; a wrong metaplastic factor would change about half), and the curve within 5e-2.
//
// The page is the benchmark's check page (bench/webgpu.html, built here with bench/vite.config.ts)
// served with the shipped data (public/) by the benchmark's server (scripts/bench-server.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium, expect, test, type Browser } from '@playwright/test';
import { build } from 'vite';
import { startBenchServer, type BenchServer } from '../../scripts/bench-server';
import type { CheckCase, CheckResult } from '../../bench/webgpu-page';
import { SMALL_CNN } from '../../src/lib/nets/cnn';

const TOLERANCE = 1e-3;

const CASES: CheckCase[] = [
  { label: 'MLP 784-256-10 relu, Adam', model: { kind: 'mlp', sizes: [784, 256, 10], activation: 'relu' }, batch: 16, optimizer: 'adam', learningRate: 1e-3, countSteps: 4 },
  { label: 'MLP 784-64-32-10 tanh, SGD', model: { kind: 'mlp', sizes: [784, 64, 32, 10], activation: 'tanh' }, batch: 16, optimizer: 'sgd', learningRate: 0.1, countSteps: 2 },
  { label: 'CNN conv8-pool-conv16-pool-fc10, Adam', model: { kind: 'cnn', spec: SMALL_CNN }, batch: 8, optimizer: 'adam', learningRate: 3e-3, countSteps: 2 },
  // β ≠ 0: no unit sits at z = 0 by a rounding-level tie (see tests/unit/engine/bnn.test.ts).
  { label: 'BNN 784-256-128-10, SGD', model: { kind: 'bnn', sizes: [784, 256, 128, 10], gammaInit: 'uniform' }, batch: 16, optimizer: 'sgd', learningRate: 0.2, betaPattern: true, countSteps: 2 },
];
const ADAM_BNN: CheckCase = { label: 'BNN 784-256-128-10, metaplastic Adam (m = 3)', model: { kind: 'bnn', sizes: [784, 256, 128, 10], gammaInit: 'uniform' }, batch: 16, optimizer: 'adam', learningRate: 5e-3, meta: 3, betaPattern: true, firstUpdate: true };
const ADAM_BNN_TOLERANCE = 5e-2;

let server: BenchServer;
let browser: Browser;
let results: CheckResult[] = [];
let adapter = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await build({ configFile: 'bench/vite.config.ts', logLevel: 'error' });
  server = await startBenchServer('public', 'bench/out');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--enable-unsafe-webgpu', '--enable-unsafe-swiftshader'],
  });
  const page = await browser.newPage();
  await page.goto(`${server.url}/bench/webgpu.html`);
  await page.waitForFunction('document.body.dataset.ready === "true"');
  ({ adapter, results } = (await page.evaluate(`window.__webgpu.check(${JSON.stringify([...CASES, ADAM_BNN])})`)) as { adapter: string; results: CheckResult[] });
  // The numbers, for bench/RESULTS.md (test-results/ is not committed).
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/webgpu-engine.json', JSON.stringify({ adapter, results }, null, 1));
});

test.afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('the page finds a WebGPU adapter', () => {
  expect(adapter).not.toBe('no adapter');
  expect(results).toHaveLength(CASES.length + 1);
});

for (const c of CASES) {
  test(`${c.label}: the WebGPU engine's 20-step loss curve and evaluation match the JS engine's`, () => {
    const r = results.find((x) => x.label === c.label) as CheckResult;
    expect(r.error ?? '').toBe('');
    expect(r.webgpu).toHaveLength(20);
    // A real curve: training moved the loss.
    expect(Math.max(...r.js) - Math.min(...r.js)).toBeGreaterThan(0.05);
    expect(r.maxRelative).toBeLessThanOrEqual(TOLERANCE);
    const e = r.evaluation as NonNullable<CheckResult['evaluation']>;
    expect(Math.abs(e.webgpu.loss - e.js.loss) / e.js.loss).toBeLessThanOrEqual(TOLERANCE);
    expect(e.webgpu.accuracy).toBe(e.js.accuracy);
  });
}

test(`${ADAM_BNN.label}: the same first loss and first update, then the curve within ${ADAM_BNN_TOLERANCE}`, () => {
  const r = results.find((x) => x.label === ADAM_BNN.label) as CheckResult;
  expect(r.error ?? '').toBe('');
  expect(Math.abs(r.webgpu[0] - r.js[0]) / r.js[0]).toBeLessThan(1e-6);
  expect(r.firstUpdateMismatch).toBeLessThan(0.01);
  expect(r.maxRelative).toBeLessThanOrEqual(ADAM_BNN_TOLERANCE);
});

test('a warm step: the MLP in ≤ 12 dispatches and one submit, no model creates buffers', () => {
  const mlp = results[0].perStep;
  expect(mlp.dispatches).toBeLessThanOrEqual(12);
  expect(mlp.submits).toBe(1);
  for (const r of results.filter((x) => Number.isFinite(x.perStep.buffers))) expect(r.perStep.buffers).toBe(0);
  expect(results.filter((x) => Number.isFinite(x.perStep.buffers)).length).toBe(4);
});
