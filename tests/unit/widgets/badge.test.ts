// @vitest-environment jsdom
// The backend badge: label, speed, reasons in the tooltip, a visible notice after a forced fallback.
import { afterEach, describe, expect, it } from 'vitest';
import { BackendBadge } from '../../../src/widgets/base/badge';
import { decideBackend, type ProbeResult } from '../../../src/runtime/backend-choice';
import { engineReport, type EngineChoice } from '../../../src/runtime/engine-choice';
import { decideEngine } from '../../../src/runtime/engine-choice/choice';
import { engineWhyText } from '../../../src/runtime/engine-choice/words';
import { frenchCatalogue } from '../../../src/essay/french-typography';
import { fr } from '../../../src/i18n/fr';
import { resetMessages } from '../../../src/i18n/t';

describe('backend badge', () => {
  it('shows the backend and, while training, its speed', () => {
    const badge = new BackendBadge();
    const pill = badge.element.querySelector<HTMLElement>('[data-testid="badge"]')!;
    badge.setBackend({ name: 'wasm', isGpu: false, forced: false, rejected: [{ name: 'webgl', why: 'software renderer (SwiftShader), slower than WASM', code: 'software', detail: 'SwiftShader' }], reason: 'WebGL: software renderer (SwiftShader), slower than WASM.' });
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
    badge.setBackend({ name: 'wasm', isGpu: false, forced: false, fallbackFrom: 'webgpu', rejected: [{ name: 'webgpu', why: 'unavailable', code: 'unavailable' }] });
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

// The reasons are worked out in the worker, which has no catalogue (its text is English); the badge
// says them again from their data in the page's language.
describe('backend badge on a French page', () => {
  const NBSP = '\u00a0';
  const NNBSP = '\u202f';
  const french = () => {
    document.documentElement.lang = 'fr';
    const script = document.createElement('script');
    script.type = 'application/json';
    script.id = 'lm-messages';
    script.textContent = JSON.stringify(frenchCatalogue(fr));
    document.head.append(script);
    resetMessages();
  };
  afterEach(() => {
    document.getElementById('lm-messages')?.remove();
    document.documentElement.lang = '';
    resetMessages();
  });
  const none = (name: ProbeResult['name']): ProbeResult => ({ name, available: false, initialised: false, correct: false });

  it('says in French why there is no GPU and which engine won, though the worker wrote English', () => {
    // In the worker: no catalogue, English.
    const decision = decideBackend(null, [none('webgpu'), { ...none('webgl'), error: 'no WebGL2 context' }, { name: 'wasm', available: true, initialised: true, correct: true }]);
    const info = decision.done ? decision.info : null;
    expect(info?.reason).toBe('WebGPU: unavailable; WebGL: unavailable (no WebGL2 context).');
    const measured = [
      { engine: 'wasm-simd', stepsPerSec: 1412.3, firstStepMs: 3, correct: true },
      { engine: 'js', stepsPerSec: 38, firstStepMs: 2, correct: true },
      { engine: 'tfjs-wasm', stepsPerSec: 0, firstStepMs: 9, correct: false, error: 'boom' },
    ] as EngineChoice['measurements'];
    const choice: EngineChoice = { ...decideEngine(measured), measurements: measured, cached: true };
    const report = engineReport(choice);
    expect(report.reason).toBe('fastest measured: WASM SIMD 1,412 steps/s; JS typed arrays 38 steps/s; tfjs WASM failed (boom) (measured earlier on this device)');

    // On the French page.
    french();
    const badge = new BackendBadge();
    const pill = badge.element.querySelector<HTMLElement>('[data-testid="badge"]')!;
    badge.setBackend(info);
    expect(pill.title).toBe(`Moteur d’entraînement${NBSP}: WebGPU${NBSP}: indisponible${NNBSP}; WebGL${NBSP}: indisponible (no WebGL2 context).`);
    badge.setEngine(report);
    expect(pill.textContent).toBe('WASM SIMD · CPU');
    expect(pill.title).toContain(`WASM SIMD${NBSP}: le plus rapide mesuré${NBSP}: WASM SIMD 1\u202f412 pas/s${NNBSP}; Tableaux typés JS 38 pas/s${NNBSP}; tfjs WASM a échoué (boom) (mesuré plus tôt sur cet appareil)`);
    badge.setEngine({ ...report, name: 'js', why: { kind: 'only' }, cached: false });
    expect(pill.textContent).toBe('Tableaux typés JS · CPU');
    expect(pill.title).toContain(`Tableaux typés JS${NBSP}: le seul moteur pour ce modèle ici`);
  });

  it('says in French that a forced backend fell back, and why', () => {
    const decision = decideBackend('webgpu', [none('webgpu'), { name: 'webgl', available: true, initialised: true, correct: true }]);
    french();
    const badge = new BackendBadge();
    badge.setBackend(decision.done ? decision.info : null);
    expect(badge.element.querySelector('[data-testid="backend-notice"]')!.textContent).toBe(`WebGPU n’est pas disponible ici${NNBSP}; entraînement sur WebGL.`);
    expect(badge.element.querySelector<HTMLElement>('[data-testid="badge"]')!.title).toContain(`WebGPU a été demandé, mais${NBSP}: indisponible${NNBSP}; utilisation de WebGL.`);
    badge.setBackend({ name: 'cpu', isGpu: false, forced: true, rejected: [] });
    expect(badge.element.querySelector('[data-testid="badge"]')!.textContent).toBe(`forcé${NBSP}: cpu`);
  });

  it("says in French why the forgetting figures' BNN trains on the typed engine (the worker sends it as data)", () => {
    const why = { kind: 'bnn-bench', speedup: 6.4 } as const;
    // In the worker: English.
    const report = { name: 'wasm-simd', label: 'WASM SIMD', onGpu: false, reason: engineWhyText(why), why } as const;
    expect(report.reason).toBe('the binarized net on the typed engine (bench: 6.4× the lib on tfjs-wasm)');
    french();
    const badge = new BackendBadge();
    badge.setEngine(report);
    expect(badge.element.querySelector<HTMLElement>('[data-testid="badge"]')!.title).toBe(
      `Moteur d’entraînement${NBSP}: WASM SIMD${NBSP}: le réseau binarisé sur le moteur à tableaux typés (banc d’essai${NBSP}: 6,4× plus rapide que la bibliothèque sur tfjs-wasm)`,
    );
  });
});
