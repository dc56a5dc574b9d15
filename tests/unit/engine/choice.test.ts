// The engine choice as pure logic: which candidates are timed on which device, which measurement
// wins, what the cache key separates, and how an engine is named in the badge.
import { describe, expect, it } from 'vitest';
import { decideEngine, engineCacheKey, engineCandidates, engineLabel, engineOnGpu, FUSED_GPU_MIN_MACS_PER_STEP, GPU_MIN_MACS_PER_STEP, type DeviceFacts, type Measurement } from '../../../src/runtime/engine-choice/choice';
import type { BackendInfo } from '../../../src/runtime/backend-choice';
import { forwardMacs, modelKey, type ModelSpec } from '../../../src/lib/engine/types';
import { SMALL_CNN } from '../../../src/lib/nets/cnn';
import { webGpuSupports } from '../../../src/lib/engine/webgpu';

const backend = (name: BackendInfo['name'], extra: Partial<BackendInfo> = {}): BackendInfo => ({ name, isGpu: name === 'webgl' || name === 'webgpu', forced: false, rejected: [], ...extra });
const facts = (b: BackendInfo, wasmSimd = true): DeviceFacts => ({ backend: b, wasmSimd, cores: 2, userAgent: 'test' });

const mlp: ModelSpec = { kind: 'mlp', sizes: [784, 256, 10], activation: 'relu' };
const toy: ModelSpec = { kind: 'mlp', sizes: [2, 16, 2], activation: 'tanh' };
const cnn: ModelSpec = { kind: 'cnn', spec: SMALL_CNN };
const bnn: ModelSpec = { kind: 'bnn', sizes: [784, 512, 512, 10] };

const m = (engine: Measurement['engine'], stepsPerSec: number, extra: Partial<Measurement> = {}): Measurement => ({ engine, stepsPerSec, firstStepMs: 1, correct: true, ...extra });

describe('engineCandidates', () => {
  it('on a CPU-only device: the typed engines first, then tfjs-wasm', () => {
    expect(engineCandidates(mlp, 64, facts(backend('wasm')))).toEqual(['wasm-simd', 'js', 'tfjs-wasm']);
    expect(engineCandidates(mlp, 64, facts(backend('wasm'), false))).toEqual(['js', 'tfjs-wasm']);
  });

  it('never times tfjs-cpu when a typed engine can train the model', () => {
    expect(engineCandidates(cnn, 32, facts(backend('cpu')))).toEqual(['wasm-simd', 'js']);
    expect(engineCandidates(bnn, 64, facts(backend('cpu')))).toEqual(['wasm-simd']);
    expect(engineCandidates(bnn, 64, facts(backend('wasm')))).toEqual(['wasm-simd', 'tfjs-wasm']);
    expect(engineCandidates(bnn, 64, facts(backend('cpu'), false))).toEqual(['js']);
  });

  it('tries a real GPU first for a net big enough to fill it, and not at all for a toy', () => {
    expect(forwardMacs(mlp) * 64).toBeGreaterThan(GPU_MIN_MACS_PER_STEP);
    expect(engineCandidates(mlp, 64, facts(backend('webgl')))).toEqual(['tfjs-webgl', 'wasm-simd', 'js']);
    expect(engineCandidates(toy, 32, facts(backend('webgl')))).toEqual(['wasm-simd', 'js']);
    expect(engineCandidates({ kind: 'bnn', sizes: [4, 4, 2] }, 2, facts(backend('webgl')))).toEqual(['wasm-simd']);
  });

  it('on a real WebGPU device the fused engine replaces the lib on tfjs-webgpu, from a smaller net', () => {
    expect(engineCandidates(cnn, 32, facts(backend('webgpu')))).toEqual(['webgpu', 'wasm-simd', 'js']);
    expect(engineCandidates(bnn, 64, facts(backend('webgpu')))).toEqual(['webgpu', 'wasm-simd']);
    const small: ModelSpec = { kind: 'mlp', sizes: [784, 64, 10], activation: 'relu' };
    expect(forwardMacs(small) * 16).toBeGreaterThan(FUSED_GPU_MIN_MACS_PER_STEP);
    expect(forwardMacs(small) * 16).toBeLessThan(GPU_MIN_MACS_PER_STEP);
    expect(engineCandidates(small, 16, facts(backend('webgpu')))).toEqual(['webgpu', 'wasm-simd', 'js']);
    expect(engineCandidates(toy, 32, facts(backend('webgpu')))).toEqual(['wasm-simd', 'js']);
    expect(engineOnGpu('webgpu')).toBe(true);
    expect(engineLabel('webgpu')).toBe('WebGPU (fused)');
  });

  it('a backend forced with ?backend= is the only candidate', () => {
    expect(engineCandidates(mlp, 64, facts(backend('cpu', { forced: true })))).toEqual(['tfjs-cpu']);
    expect(engineCandidates(toy, 32, facts(backend('webgl', { forced: true })))).toEqual(['tfjs-webgl']);
  });
});

describe('decideEngine', () => {
  it('picks the fastest correct candidate and says why', () => {
    const d = decideEngine([m('tfjs-webgl', 900), m('wasm-simd', 400), m('js', 40)]);
    expect(d.engine).toBe('tfjs-webgl');
    expect(d.reason).toMatch(/fastest measured: tfjs WebGL 900 steps\/s; WASM SIMD 400 steps\/s; JS typed arrays 40 steps\/s/);
  });

  it('a GPU that measures slower is not chosen (SwiftShader, a weak iGPU)', () => {
    expect(decideEngine([m('tfjs-webgl', 30), m('wasm-simd', 400), m('js', 40)]).engine).toBe('wasm-simd');
  });

  it('skips candidates that failed or disagreed, however fast', () => {
    const d = decideEngine([m('tfjs-webgpu', 5000, { correct: false }), m('tfjs-webgl', 0, { correct: false, error: 'context lost' }), m('js', 40)]);
    expect(d.engine).toBe('js');
    expect(d.reason).toContain('disagreed');
    expect(d.reason).toContain('failed (context lost)');
  });

  it('within 5% the earlier (preferred) candidate keeps the job', () => {
    expect(decideEngine([m('wasm-simd', 1000), m('js', 1040)]).engine).toBe('wasm-simd');
    expect(decideEngine([m('wasm-simd', 1000), m('js', 1100)]).engine).toBe('js');
  });

  it('with nothing usable, falls back to a candidate that did not fail', () => {
    expect(decideEngine([m('tfjs-webgl', 0, { error: 'x', correct: false }), m('js', 10, { correct: false })]).engine).toBe('js');
    expect(() => decideEngine([])).toThrow();
  });
});

describe('cache key and labels', () => {
  it('separates models, batch sizes, backends, devices and forcing', () => {
    const base = engineCacheKey(mlp, 64, facts(backend('wasm')));
    expect(engineCacheKey(mlp, 64, facts(backend('wasm')))).toBe(base);
    expect(engineCacheKey(mlp, 32, facts(backend('wasm')))).not.toBe(base);
    expect(engineCacheKey(toy, 64, facts(backend('wasm')))).not.toBe(base);
    expect(engineCacheKey(mlp, 64, facts(backend('webgl', { device: 'ANGLE (NVIDIA)' })))).not.toBe(engineCacheKey(mlp, 64, facts(backend('webgl', { device: 'ANGLE (Intel)' }))));
    expect(engineCacheKey(mlp, 64, facts(backend('wasm', { forced: true })))).not.toBe(base);
    expect(engineCacheKey(mlp, 64, { ...facts(backend('wasm')), isolated: true })).not.toBe(base);
    expect(modelKey(cnn)).toBe('cnn 28x1 c8k5 c16k5 10');
  });

  it('names engines for the badge', () => {
    expect(engineLabel('wasm-simd')).toBe('WASM SIMD');
    expect(engineLabel('js')).toBe('JS typed arrays');
    expect(engineLabel('tfjs-webgpu')).toBe('tfjs WebGPU');
    expect(engineOnGpu('tfjs-webgl')).toBe(true);
    expect(engineOnGpu('tfjs-wasm')).toBe(false);
  });
});

describe('the fused WebGPU engine’s models', () => {
  it('takes every MLP and BNN, and only the CNN form it computes', () => {
    expect(webGpuSupports(mlp) && webGpuSupports(bnn) && webGpuSupports(cnn)).toBe(true);
    const variant = { kind: 'cnn', spec: { ...SMALL_CNN, pool: 'blur' } } as unknown as ModelSpec;
    expect(webGpuSupports(variant)).toBe(false);
  });
});
