/**
 * gpu/harness.ts's JSON lines → the Markdown tables for bench/RESULTS.md:
 *   npx tsx gpu/summarize.ts path/to/gpu.jsonl
 */
import { readFileSync } from 'node:fs';

type Line = Record<string, unknown> & { model?: string; batch?: number; engine?: string };

const lines: Line[] = readFileSync(process.argv[2] ?? 'gpu.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('{'))
  .map((l) => JSON.parse(l) as Line);
const fmt = (x: unknown, d = 1) => (typeof x === 'number' && Number.isFinite(x) ? (x >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toFixed(d)) : '—');
const counts = (l?: Line) => {
  const p = l?.perStep as { dispatches: number; submits: number; buffers: number } | undefined;
  return p ? `${fmt(p.dispatches)} / ${fmt(p.submits, 2)} / ${fmt(p.buffers, 2)}` : '—';
};

const adapter = lines.find((l) => 'adapter' in l)?.adapter as Record<string, unknown> | null | undefined;
console.log(`Adapter: ${adapter ? `${adapter.vendor} ${adapter.architecture} ${adapter.description}` : 'none'}; run took ${fmt(lines.find((l) => l.done)?.seconds, 0)} s.`);
const errors = lines.filter((l) => l.error || l.gpuError || l.fatal || l.calibrationError);
if (errors.length) console.log(`\nErrors: ${errors.map((l) => JSON.stringify(l)).join('; ')}`);

console.log('\n| model | batch | webgpu (fused) steps/s | tfjs-webgpu steps/s | wasm-simd steps/s | webgpu ÷ tfjs-webgpu | webgpu ÷ wasm-simd | dispatches / submits / buffers per step: webgpu · tfjs-webgpu | calibration chose |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |');
const keys = [...new Set(lines.filter((l) => l.engine && l.batch).map((l) => `${l.model}|${l.batch}`))];
for (const key of keys) {
  const [model, batch] = key.split('|');
  const get = (engine: string) => lines.find((l) => l.model === model && String(l.batch) === batch && l.engine === engine);
  const [w, t, s] = [get('webgpu'), get('tfjs-webgpu'), get('wasm-simd')];
  const ratio = (a?: Line, b?: Line) => (a?.stepsPerSec && b?.stepsPerSec ? `${((a.stepsPerSec as number) / (b.stepsPerSec as number)).toFixed(1)}×` : '—');
  const chosen = lines.find((l) => l.model === model && String(l.batch) === batch && 'chosen' in l)?.chosen ?? '—';
  console.log(`| ${model} | ${batch} | ${fmt(w?.stepsPerSec)} | ${fmt(t?.stepsPerSec)} | ${fmt(s?.stepsPerSec)} | ${ratio(w, t)} | ${ratio(w, s)} | ${counts(w)} · ${counts(t)} | ${chosen} |`);
}

console.log('\n| model | engine | settings | batch | 20-step max relative difference from wasm-simd |');
console.log('| --- | --- | --- | ---: | ---: |');
for (const l of lines.filter((x) => x.agree)) console.log(`| ${l.model} | ${l.agree} | ${l.settings} | ${l.batch ?? '—'} | ${l.error ? `failed: ${l.error}` : (l.maxRelative as number).toExponential(1)} |`);
