/**
 * Which tfjs backend to train on: the pure decision, apart from the probing (backend.ts).
 *
 * Order: WebGPU, then WebGL, then WASM, then CPU. A GPU backend counts only when it is real
 * hardware: a software rasteriser (SwiftShader, llvmpipe, a WebGPU fallback adapter) is slower than
 * WASM for these small models, so it is skipped unless the reader forced it with `?backend=`.
 * A backend is kept when it initialised within the time limit AND passed a tiny correctness check.
 *
 * The worker runs the loop: `decideBackend(...)` says which backend to probe next, or which one won.
 */

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
  rejected: { name: BackendName; why: string }[];
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
export function rejectReason(probe: ProbeResult, forced: boolean): string | null {
  if (!probe.available) return probe.error ? `unavailable (${probe.error})` : 'unavailable';
  if (probe.software && !forced) return `software renderer${probe.device ? ` (${probe.device})` : ''}, slower than WASM`;
  if (probe.timedOut) return 'did not start in time';
  if (!probe.initialised) return probe.error ? `failed to start (${probe.error})` : 'failed to start';
  if (!probe.correct) return probe.error ? `failed the correctness check (${probe.error})` : 'failed the correctness check';
  return null;
}

/**
 * Given the probes so far (in the order they ran), the forced name and the backends to exclude
 * (e.g. one whose GPU context was lost), say which backend to probe next, or which one is kept.
 */
export function decideBackend(forced: BackendName | null, probes: readonly ProbeResult[], exclude: readonly BackendName[] = []): Decision {
  const rejected: { name: BackendName; why: string }[] = [];
  for (const name of candidateOrder(forced)) {
    if (exclude.includes(name)) {
      rejected.push({ name, why: 'lost its GPU context' });
      continue;
    }
    const probe = probes.find((p) => p.name === name);
    if (!probe) return { done: false, next: name };
    const why = rejectReason(probe, name === forced);
    if (why === null) {
      const info: BackendInfo = { name, isGpu: isGpuBackend(name), forced: name === forced, reason: explain(forced, name, rejected), device: probe.device, rejected };
      if (forced && forced !== name) info.fallbackFrom = forced;
      if (probe.software) info.software = true;
      return { done: true, info };
    }
    rejected.push({ name, why });
  }
  return { done: true, info: null, why: rejected.map((r) => `${displayName(r.name)}: ${r.why}`).join('; ') };
}

/** A one-line notice for the reader when the kept backend is not the one asked for. */
function explain(forced: BackendName | null, chosen: BackendName, rejected: { name: BackendName; why: string }[]): string | undefined {
  if (forced && forced !== chosen) {
    const why = rejected.find((r) => r.name === forced)?.why ?? 'unavailable';
    return `${displayName(forced)} was requested but ${why}; using ${displayName(chosen)}.`;
  }
  const skipped = rejected.filter((r) => r.name !== forced);
  if (skipped.length === 0) return undefined;
  return `${skipped.map((r) => `${displayName(r.name)}: ${r.why}`).join('; ')}.`;
}

/** The badge text: "WASM · CPU", "WebGL · GPU", "forced: cpu", "forced: webgl (software)". */
export function backendLabel(info: Pick<BackendInfo, 'name' | 'isGpu' | 'forced' | 'software'>): string {
  if (info.forced) return `forced: ${info.name}${info.software ? ' (software)' : ''}`;
  return `${displayName(info.name)} · ${info.isGpu ? 'GPU' : 'CPU'}`;
}
