// @vitest-environment jsdom
// The badge shows the engine a run trains on: "<engine> · CPU · n steps/s", the calibration in its
// tooltip; a new backend clears it; a forced backend keeps its label.
import { describe, expect, it } from 'vitest';
import { BackendBadge } from '../../../src/widgets/base/badge';
import type { BackendInfo } from '../../../src/runtime/backend-choice';
import type { EngineReport } from '../../../src/runtime/engine-choice';

describe('backend badge with an engine', () => {
  const wasm: BackendInfo = { name: 'wasm', isGpu: false, forced: false, rejected: [{ name: 'webgl', why: 'software renderer (SwiftShader), slower than WASM', code: 'software', detail: 'SwiftShader' }], reason: 'WebGL: software renderer (SwiftShader), slower than WASM.' };
  const engine: EngineReport = { name: 'wasm-simd', label: 'WASM SIMD', onGpu: false, reason: 'fastest measured: WASM SIMD 412 steps/s; JS typed arrays 38 steps/s; tfjs WASM 61 steps/s' };

  it('names the engine and its speed, with the measurements in the tooltip', () => {
    const badge = new BackendBadge();
    const pill = badge.element.querySelector<HTMLElement>('[data-testid="badge"]')!;
    badge.setBackend(wasm);
    expect(pill.textContent).toBe('WASM · CPU');
    badge.setEngine(engine);
    badge.setSpeed(412.4);
    expect(pill.textContent).toBe('WASM SIMD · CPU · 412 steps/s');
    expect(pill.dataset.engine).toBe('wasm-simd');
    expect(pill.dataset.backend).toBe('wasm');
    expect(pill.title).toContain('JS typed arrays 38 steps/s');
    expect(pill.title).toContain('SwiftShader');
    badge.setEngine({ ...engine, name: 'tfjs-webgl', label: 'tfjs WebGL', onGpu: true });
    expect(pill.textContent).toBe('tfjs WebGL · GPU · 412 steps/s');
  });

  it('a new backend (a lost GPU context) clears the engine until a run reports again', () => {
    const badge = new BackendBadge();
    const pill = badge.element.querySelector<HTMLElement>('[data-testid="badge"]')!;
    badge.setBackend(wasm);
    badge.setEngine(engine);
    badge.setBackend({ ...wasm, name: 'cpu' });
    expect(pill.textContent).toBe('CPU · CPU');
    expect(pill.dataset.engine).toBeUndefined();
  });

  it('a forced backend keeps its "forced" label', () => {
    const badge = new BackendBadge();
    const pill = badge.element.querySelector<HTMLElement>('[data-testid="badge"]')!;
    badge.setBackend({ name: 'cpu', isGpu: false, forced: true, rejected: [] });
    badge.setEngine({ name: 'tfjs-cpu', label: 'tfjs CPU', onGpu: false, reason: 'backend forced with ?backend=cpu' });
    expect(pill.textContent).toBe('forced: cpu');
    expect(pill.dataset.engine).toBe('tfjs-cpu');
  });
});
