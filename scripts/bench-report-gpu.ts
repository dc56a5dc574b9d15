/**
 * The WebGPU engine's and the typed BNN's part of bench/RESULTS.md: a table of the fused engine vs
 * the lib on tfjs-webgpu per model (steps/s, dispatches / submits / buffers created per step, loss vs
 * tfjs-cpu), and the issue's targets for them, from the same run's rows.
 */
import type { BenchJobResult } from '../bench/jobs';

interface Row extends BenchJobResult {
  page: string;
}

export interface GpuTarget {
  name: string;
  measured: string;
  met: boolean;
  why: string;
}

type Find = (model: string, path: string, page: string) => Row | undefined;
type Gap = (r: Row) => number | null;

const fmt = (x: number | null | undefined, digits = 1) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toFixed(digits));
const perStep = (r: Row | undefined) => (r?.gpuPerStep ? `${fmt(r.gpuPerStep.dispatches)} / ${fmt(r.gpuPerStep.submits, 2)} / ${fmt(r.gpuPerStep.buffers, 2)}` : '—');

/** The table: every model the webgpu page ran, the fused engine and the lib on tfjs-webgpu. */
export function gpuSection(rows: Row[], gap: Gap, tolerance: (model: string) => number): string[] {
  const mine = rows.filter((r) => r.page === 'webgpu' && (r.path === 'webgpu' || r.path === 'tfjs-webgpu'));
  if (mine.length === 0) return [];
  return [
    '## WebGPU: the fused engine vs the lib on tfjs-webgpu (SwiftShader: a CPU emulating the GPU)',
    '',
    'Per timed step, in the benchmark loop (the loss read back every 4 steps, which adds a small submit and a copy). Speeds on SwiftShader say nothing about a real GPU; the counts do: each dispatch, submit and new buffer costs the driver a fixed time, which is what held tfjs-webgpu to 18–90 steps/s on an H200 (gpu/README.md). Loss vs cpu: the 20-step curve (batch 8) against the lib on tfjs-cpu.',
    '',
    '| model | path | steps/s | dispatches / submits / buffers per step | loss vs cpu (20 steps) | note |',
    '| --- | --- | ---: | --- | --- | --- |',
    ...mine.map((r) => {
      const g = gap(r);
      const agree = g === null ? '—' : `${g <= tolerance(r.model) ? '✓' : '✗'} ${g.toExponential(1)}`;
      return `| ${r.model} | ${r.path === 'webgpu' ? '**webgpu** (fused engine)' : 'tfjs-webgpu (the lib)'} | ${fmt(r.stepsPerSec)} | ${perStep(r)} | ${agree} | ${r.error ? `failed: ${r.error}` : ''} |`;
    }),
    '',
  ];
}

export function gpuTargets(rows: Row[], find: Find, gap: Gap, tolerance: (model: string) => number): GpuTarget[] {
  const out: GpuTarget[] = [];
  {
    const mlp = find('mlp', 'webgpu', 'webgpu');
    const lib = find('mlp', 'tfjs-webgpu', 'webgpu');
    const fused = rows.filter((r) => r.page === 'webgpu' && r.path === 'webgpu' && r.curve);
    const off = fused.filter((r) => {
      const g = gap(r);
      return g === null || g > tolerance(r.model);
    });
    const d = mlp?.gpuPerStep;
    const buffers = fused.map((r) => r.gpuPerStep?.buffers ?? NaN);
    out.push({
      name: 'WebGPU engine: ≤ 12 dispatches and 0 buffer creations per step (MLP) after warm-up; 20-step agreement on every model',
      measured: `MLP 784-256-10: ${fmt(d?.dispatches)} dispatches, ${fmt(d?.submits, 2)} submits, ${fmt(d?.buffers, 2)} buffers per step (the lib on tfjs-webgpu: ${perStep(lib)}); buffers per step on every model: ${buffers.map((b) => fmt(b, 2)).join(', ')}; curves vs tfjs-cpu ${fused.length - off.length}/${fused.length} within ${tolerance('mlp')} (BNN ${tolerance('bnn')}); on SwiftShader`,
      met: !!d && d.dispatches <= 12 && buffers.every((b) => b === 0) && off.length === 0 && fused.length > 0,
      why: `${d ? `${fmt(d.dispatches)} dispatches, ${fmt(d.buffers, 2)} buffers` : 'no MLP row'}${off.length ? `; ${off.map((r) => r.model).join(', ')} off the reference` : ''}`,
    });
  }
  {
    const simd = find('bnn', 'wasm-simd', 'wasm');
    const lib = rows.find((r) => r.model === 'bnn' && r.path === 'tfjs-wasm' && r.page === 'wasm' && !r.curve && !r.error) ?? find('bnn', 'tfjs-wasm', 'wasm');
    const r = simd?.stepsPerSec && lib?.stepsPerSec ? simd.stepsPerSec / lib.stepsPerSec : null;
    out.push({
      name: 'BNN 784-512-512-10, batch 64: wasm-simd ≥ 5× the lib on tfjs-wasm',
      measured: `wasm-simd ${fmt(simd?.stepsPerSec)} steps/s vs the lib on tfjs-wasm ${fmt(lib?.stepsPerSec)} in alternating windows = ${r === null ? '—' : `${r.toFixed(1)}×`}`,
      met: r !== null && r >= 5,
      why: `${r === null ? '—' : `${r.toFixed(1)}×`} of 5×`,
    });
  }
  return out;
}
