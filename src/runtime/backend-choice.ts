/**
 * Which tfjs backend to train on: the pure decision, apart from the probing (backend.ts).
 *
 * Order: WebGPU, then WebGL, then WASM, then CPU. A GPU backend counts only when it is real
 * hardware: a software rasteriser (SwiftShader, llvmpipe, a WebGPU fallback adapter) is slower than
 * WASM for these small models, so it is skipped unless the reader forced it with `?backend=`.
 * A backend is kept when it initialised within the time limit AND passed a tiny correctness check.
 *
 * The worker runs the loop: `decideBackend(...)` says which backend to probe next, or which one won.
 *
 * The reasons are data (a code per backend passed over) as well as English text: the worker has no
 * page and so no French catalogue, so the page's badge renders them again with `backendReason(info)`,
 * through t(), in the page's language. In the worker t() gives the English.
 */
import { t } from '../i18n/t';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

const GPU_BACKENDS: ReadonlySet<BackendName> = new Set(['webgpu', 'webgl']);

const DISPLAY_NAMES: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** What probing one backend found out. */
export interface ProbeResult {
  name: BackendName;
  /** The API exists here (navigator.gpu with an adapter, a WebGL context, WebAssembly). */
  available: boolean;
  /** The adapter or renderer is a software rasteriser (SwiftShader, llvmpipe, fallback adapter). */
  software?: boolean;
  /** The device as the browser names it, e.g. the unmasked WebGL renderer string. */
  device?: string;
  /** tf.setBackend resolved true within the time limit. */
  initialised: boolean;
  /** Initialisation did not finish within the time limit. */
  timedOut?: boolean;
  /** The 2×2 matMul check gave the known answer. */
  correct: boolean;
  /** The message of whatever threw. */
  error?: string;
}

/** The backend in use, as the worker reports it to the page (and the badge shows it). */
export interface BackendInfo {
  name: BackendName;
  isGpu: boolean;
  /** The reader asked for this backend with ?backend=. */
  forced: boolean;
  /** Why this backend and not an earlier one (a notice for the reader), if any was passed over. */
  reason?: string;
  /** The backend asked for with ?backend= when it could not be used (the page shows a notice). */
  fallbackFrom?: BackendName;
  device?: string;
  /** A software rasteriser (SwiftShader, llvmpipe): only ever kept when forced; the badge warns that it is slow. */
  software?: boolean;
  /** Each backend tried before this one and why it was not kept. */
  rejected: Rejection[];
}

/** Why a backend was passed over, as data the page can put in its own language. */
export type RejectCode = 'unavailable' | 'software' | 'timeout' | 'failed' | 'incorrect' | 'context-lost';

/** A backend passed over: `why` in English (logs, errors), `code` and `detail` to say it again in the page's language. */
export interface Rejection {
  name: BackendName;
  why: string;
  code: RejectCode;
  /** The error message, or the software renderer's name. */
  detail?: string;
}

export type Decision = { done: false; next: BackendName } | { done: true; info: BackendInfo } | { done: true; info: null; why: string };

export function isBackendName(raw: unknown): raw is BackendName {
  return typeof raw === 'string' && (BACKEND_ORDER as readonly string[]).includes(raw);
}

/** `?backend=WebGL` → 'webgl'; anything else → null (no forcing). */
export function parseBackendName(raw: string | null | undefined): BackendName | null {
  const name = (raw ?? '').trim().toLowerCase();
  return isBackendName(name) ? name : null;
}

export function isGpuBackend(name: BackendName): boolean {
  return GPU_BACKENDS.has(name);
}

export function displayName(name: BackendName): string {
  return DISPLAY_NAMES[name];
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

/** True for the renderer strings of software rasterisers (WebGL's unmasked renderer). */
export function isSoftwareRenderer(renderer: string | null | undefined): boolean {
  return !!renderer && SOFTWARE_RENDERER.test(renderer);
}

/** True for a WebGPU fallback adapter, or one whose vendor/architecture names a software rasteriser. */
export function isSoftwareAdapter(info: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string; description?: string }): boolean {
  if (info.isFallbackAdapter) return true;
  return [info.vendor, info.architecture, info.description].some((s) => isSoftwareRenderer(s));
}

/** Candidates in the order to try them: a forced backend first, then the usual order. */
export function candidateOrder(forced: BackendName | null): BackendName[] {
  return forced ? [forced, ...BACKEND_ORDER.filter((n) => n !== forced)] : [...BACKEND_ORDER];
}

/**
 * Why a probed backend is not kept, or null when it is. A forced backend may be a software
 * renderer (the reader asked for it), but it must still work.
 */
export function rejectCode(probe: ProbeResult, forced: boolean): { code: RejectCode; detail?: string } | null {
  const detail = (text: string | undefined) => (text ? { detail: text } : {});
  if (!probe.available) return { code: 'unavailable', ...detail(probe.error) };
  if (probe.software && !forced) return { code: 'software', ...detail(probe.device) };
  if (probe.timedOut) return { code: 'timeout' };
  if (!probe.initialised) return { code: 'failed', ...detail(probe.error) };
  if (!probe.correct) return { code: 'incorrect', ...detail(probe.error) };
  return null;
}

/** The words for a rejection, in the page's language (English in the worker). */
export function rejectionText(r: { code: RejectCode; detail?: string }): string {
  const d = r.detail;
  switch (r.code) {
    case 'unavailable':
      return d ? t('unavailable ({error})', { error: d }) : t('unavailable');
    case 'software':
      return d ? t('software renderer ({device}), slower than WASM', { device: d }) : t('software renderer, slower than WASM');
    case 'timeout':
      return t('did not start in time');
    case 'failed':
      return d ? t('failed to start ({error})', { error: d }) : t('failed to start');
    case 'incorrect':
      return d ? t('failed the correctness check ({error})', { error: d }) : t('failed the correctness check');
    case 'context-lost':
      return t('lost its GPU context');
  }
}

/** Why a probed backend is not kept, in English, or null when it is. */
export function rejectReason(probe: ProbeResult, forced: boolean): string | null {
  const r = rejectCode(probe, forced);
  return r && rejectionText(r);
}

/**
 * Given the probes so far (in the order they ran), the forced name and the backends to exclude
 * (e.g. one whose GPU context was lost), say which backend to probe next, or which one is kept.
 */
export function decideBackend(forced: BackendName | null, probes: readonly ProbeResult[], exclude: readonly BackendName[] = []): Decision {
  const rejected: Rejection[] = [];
  for (const name of candidateOrder(forced)) {
    if (exclude.includes(name)) {
      rejected.push({ name, why: rejectionText({ code: 'context-lost' }), code: 'context-lost' });
      continue;
    }
    const probe = probes.find((p) => p.name === name);
    if (!probe) return { done: false, next: name };
    const r = rejectCode(probe, name === forced);
    if (r === null) {
      const info: BackendInfo = { name, isGpu: isGpuBackend(name), forced: name === forced, reason: explain(forced, name, rejected), device: probe.device, rejected };
      if (forced && forced !== name) info.fallbackFrom = forced;
      if (probe.software) info.software = true;
      return { done: true, info };
    }
    rejected.push({ name, why: rejectionText(r), ...r });
  }
  return { done: true, info: null, why: rejected.map((r) => t('{backend}: {why}', { backend: displayName(r.name), why: r.why })).join(t('; ')) };
}

/** A one-line notice for the reader when the kept backend is not the one asked for (page language; English in the worker). */
function explain(forced: BackendName | null, chosen: BackendName, rejected: readonly Rejection[]): string | undefined {
  if (forced && forced !== chosen) {
    const passed = rejected.find((r) => r.name === forced);
    return t('{forced} was requested but {why}; using {chosen}.', { forced: displayName(forced), why: passed ? rejectionText(passed) : t('unavailable'), chosen: displayName(chosen) });
  }
  const skipped = rejected.filter((r) => r.name !== forced);
  if (skipped.length === 0) return undefined;
  return `${skipped.map((r) => t('{backend}: {why}', { backend: displayName(r.name), why: rejectionText(r) })).join(t('; '))}.`;
}

/**
 * Why this backend, in the page's language: the worker's `info.reason` said again from its data
 * (the worker has no catalogue, so its own text is English).
 */
export function backendReason(info: BackendInfo): string | undefined {
  const forced = info.fallbackFrom ?? (info.forced ? info.name : null);
  return explain(forced, info.name, info.rejected);
}

/** A lost GPU context in words, in the page's language (English in the worker): "WebGL context lost". */
export function contextLostText(name: BackendName, detail?: string): string {
  if (name === 'webgpu') return detail ? t('WebGPU device lost ({message})', { message: detail }) : t('WebGPU device lost');
  return t('{backend} context lost', { backend: displayName(name) });
}

/** The badge text: "WASM · CPU", "WebGL · GPU", "forced: cpu", "forced: webgl (software)". */
export function backendLabel(info: Pick<BackendInfo, 'name' | 'isGpu' | 'forced' | 'software'>): string {
  if (info.forced) return info.software ? t('forced: {backend} (software)', { backend: info.name }) : t('forced: {backend}', { backend: info.name });
  return `${displayName(info.name)} · ${info.isGpu ? 'GPU' : 'CPU'}`;
}
