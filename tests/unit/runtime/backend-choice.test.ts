// The backend decision as a pure function of probe results: order, software renderers, forcing, loss.
import { describe, expect, it } from 'vitest';
import {
  backendLabel,
  candidateOrder,
  decideBackend,
  isSoftwareAdapter,
  isSoftwareRenderer,
  parseBackendName,
  type BackendName,
  type ProbeResult,
} from '../../../src/runtime/backend-choice';

const ok = (name: BackendName, extra: Partial<ProbeResult> = {}): ProbeResult => ({ name, available: true, initialised: true, correct: true, ...extra });
const missing = (name: BackendName): ProbeResult => ({ name, available: false, initialised: false, correct: false });

/** Run the decision loop as the worker does, with canned probe results. */
function run(forced: BackendName | null, results: Partial<Record<BackendName, ProbeResult>>, exclude: BackendName[] = []) {
  const probes: ProbeResult[] = [];
  const probed: BackendName[] = [];
  for (let i = 0; i < 10; i++) {
    const d = decideBackend(forced, probes, exclude);
    if (d.done) return { decision: d, probed };
    probed.push(d.next);
    probes.push(results[d.next] ?? missing(d.next));
  }
  throw new Error('decision loop did not end');
}

describe('backend choice', () => {
  it('prefers real GPU hardware: WebGPU first, probing nothing after it', () => {
    const { decision, probed } = run(null, { webgpu: ok('webgpu', { device: 'nvidia ampere' }), webgl: ok('webgl'), wasm: ok('wasm') });
    expect(probed).toEqual(['webgpu']);
    expect(decision.info).toMatchObject({ name: 'webgpu', isGpu: true, forced: false, device: 'nvidia ampere' });
    expect(decision.info?.reason).toBeUndefined();
  });

  it('skips software renderers (SwiftShader WebGPU and WebGL) for WASM, and says why', () => {
    const { decision, probed } = run(null, {
      webgpu: ok('webgpu', { software: true, device: 'google swiftshader' }),
      webgl: ok('webgl', { software: true, device: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))' }),
      wasm: ok('wasm'),
    });
    expect(probed).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(decision.info).toMatchObject({ name: 'wasm', isGpu: false, forced: false });
    expect(decision.info?.rejected.map((r) => r.name)).toEqual(['webgpu', 'webgl']);
    expect(decision.info?.reason).toMatch(/WebGPU: software renderer/);
    expect(decision.info?.reason).toMatch(/WebGL: software renderer/);
  });

  it('falls back past a backend that throws, times out, or computes wrongly', () => {
    const { decision } = run(null, {
      webgpu: { name: 'webgpu', available: true, initialised: false, correct: false, error: 'requestDevice failed' },
      webgl: ok('webgl', { timedOut: true, initialised: false, correct: false }),
      wasm: ok('wasm', { correct: false }),
      cpu: ok('cpu'),
    });
    expect(decision.info?.name).toBe('cpu');
    expect(decision.info?.rejected).toEqual([
      { name: 'webgpu', why: 'failed to start (requestDevice failed)', code: 'failed', detail: 'requestDevice failed' },
      { name: 'webgl', why: 'did not start in time', code: 'timeout' },
      { name: 'wasm', why: 'failed the correctness check', code: 'incorrect' },
    ]);
  });

  it('a forced backend is tried first and may be a software renderer', () => {
    const { decision, probed } = run('webgl', { webgl: ok('webgl', { software: true }), wasm: ok('wasm') });
    expect(probed).toEqual(['webgl']);
    expect(decision.info).toMatchObject({ name: 'webgl', forced: true, isGpu: true, software: true });
    // …and says so: the badge warns that it is slow.
    expect(backendLabel(decision.info!)).toBe('forced: webgl (software)');
    const real = run('webgl', { webgl: ok('webgl'), wasm: ok('wasm') }).decision.info!;
    expect(real.software).toBeUndefined();
    expect(backendLabel(real)).toBe('forced: webgl');
  });

  it('an unavailable forced backend falls back in the usual order, with a notice', () => {
    const { decision, probed } = run('webgpu', { webgl: ok('webgl', { software: true }), wasm: ok('wasm') });
    expect(probed).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(decision.info).toMatchObject({ name: 'wasm', forced: false, fallbackFrom: 'webgpu' });
    expect(decision.info?.reason).toBe('WebGPU was requested but unavailable; using WASM.');
  });

  it('a backend that lost its GPU context is not chosen again', () => {
    const { decision, probed } = run(null, { webgl: ok('webgl'), wasm: ok('wasm') }, ['webgl']);
    expect(probed).toEqual(['webgpu', 'wasm']);
    expect(decision.info?.name).toBe('wasm');
  });

  it('reports failure when nothing starts', () => {
    const { decision } = run(null, {});
    expect(decision.info).toBeNull();
    if (decision.done && decision.info === null) expect(decision.why).toContain('CPU: unavailable');
  });

  it('parses ?backend= strictly and orders candidates', () => {
    expect(parseBackendName('WebGL')).toBe('webgl');
    expect(parseBackendName(' wasm ')).toBe('wasm');
    expect(parseBackendName('tpu')).toBeNull();
    expect(parseBackendName(null)).toBeNull();
    expect(candidateOrder(null)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(candidateOrder('cpu')).toEqual(['cpu', 'webgpu', 'webgl', 'wasm']);
  });

  it('recognises software renderers and fallback adapters', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('Microsoft Basic Render Driver')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0)')).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
    expect(isSoftwareAdapter({ isFallbackAdapter: true, vendor: 'intel' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'google', architecture: 'swiftshader' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'ampere' })).toBe(false);
  });

  it('labels the badge', () => {
    expect(backendLabel({ name: 'wasm', isGpu: false, forced: false })).toBe('WASM · CPU');
    expect(backendLabel({ name: 'webgl', isGpu: true, forced: false })).toBe('WebGL · GPU');
    expect(backendLabel({ name: 'cpu', isGpu: false, forced: true })).toBe('forced: cpu');
  });
});
