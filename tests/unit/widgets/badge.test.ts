// @vitest-environment jsdom
// The backend badge: label, speed, reasons in the tooltip, a visible notice after a forced fallback.
import { describe, expect, it } from 'vitest';
import { BackendBadge } from '../../../src/widgets/base/badge';

describe('backend badge', () => {
  it('shows the backend and, while training, its speed', () => {
    const badge = new BackendBadge();
    const pill = badge.element.querySelector<HTMLElement>('[data-testid="badge"]')!;
    badge.setBackend({ name: 'wasm', isGpu: false, forced: false, rejected: [], reason: 'WebGL: software renderer (SwiftShader), slower than WASM.' });
    expect(pill.textContent).toBe('WASM · CPU');
    expect(pill.dataset.backend).toBe('wasm');
    expect(pill.title).toContain('SwiftShader');
    badge.setSpeed(123.4);
    expect(pill.textContent).toBe('WASM · CPU · 123 steps/s');
    badge.setSpeed(null);
    expect(pill.textContent).toBe('WASM · CPU');
    expect(badge.element.querySelector<HTMLElement>('[data-testid="backend-notice"]')!.hidden).toBe(true);
  });

  it('says so when the forced backend was not available', () => {
    const badge = new BackendBadge();
    badge.setBackend({ name: 'wasm', isGpu: false, forced: false, fallbackFrom: 'webgpu', rejected: [{ name: 'webgpu', why: 'unavailable' }] });
    const notice = badge.element.querySelector<HTMLElement>('[data-testid="backend-notice"]')!;
    expect(notice.hidden).toBe(false);
    expect(notice.textContent).toBe('WebGPU is not available here; training on WASM.');
    badge.setBackend({ name: 'cpu', isGpu: false, forced: true, rejected: [] });
    expect(badge.element.querySelector('[data-testid="badge"]')!.textContent).toBe('forced: cpu');
    expect(notice.hidden).toBe(true);
  });

  it('warns, visibly, when a forced GPU backend is a software renderer', () => {
    const badge = new BackendBadge();
    const pill = badge.element.querySelector<HTMLElement>('[data-testid="badge"]')!;
    const notice = badge.element.querySelector<HTMLElement>('[data-testid="backend-notice"]')!;
    const device = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
    badge.setBackend({ name: 'webgl', isGpu: true, forced: true, software: true, device, rejected: [] });
    expect(pill.textContent).toBe('forced: webgl (software)');
    expect(pill.classList.contains('lm-badge-warn')).toBe(true);
    expect(notice.hidden).toBe(false);
    expect(notice.textContent).toMatch(/^WebGL here is a software renderer \(ANGLE \(Google, Vulkan .{1,45}…\): training will be very slow\. Remove \?backend= /);
    // The warning outlives a run's speed updates, and leaves with a real backend.
    badge.setSpeed(2);
    expect(pill.textContent).toBe('forced: webgl (software) · 2 steps/s');
    badge.setBackend({ name: 'webgl', isGpu: true, forced: true, rejected: [] });
    expect(pill.textContent).toBe('forced: webgl · 2 steps/s');
    expect(notice.hidden).toBe(true);
    expect(pill.classList.contains('lm-badge-warn')).toBe(false);
  });
});
