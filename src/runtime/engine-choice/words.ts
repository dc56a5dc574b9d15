/**
 * The engine choice in words: the badge's label for an engine and why it was chosen. The worker
 * decides (choice.ts) and sends the reason as data (`EngineWhy`) along with its English text; the
 * page says it again here, through t(), in its own language (the worker has no catalogue). Small on
 * purpose: the page bundle imports it for the badge.
 */
import { groupNumber, localNumber, t } from '../../i18n/t';
import { displayName } from '../backend-choice';
import { engineBackend, type EngineName, type EngineWhy, type MeasuredEngine } from '../../lib/engine/types';

export type { EngineWhy, MeasuredEngine } from '../../lib/engine/types';

/** The badge's words for an engine: 'WASM SIMD', 'JS typed arrays', 'tfjs WebGL'. */
export function engineLabel(engine: EngineName): string {
  const backend = engineBackend(engine);
  if (backend) return `tfjs ${displayName(backend)}`;
  if (engine === 'webgpu') return t('WebGPU (fused)');
  return engine === 'wasm-simd' ? 'WASM SIMD' : t('JS typed arrays');
}

/** One measurement: "WASM SIMD 412 steps/s", "tfjs WebGL failed (context lost)". */
export function measurementText(m: MeasuredEngine): string {
  const engine = engineLabel(m.engine);
  if (m.error) return t('{engine} failed ({error})', { engine, error: m.error });
  if (!m.correct) return t('{engine} disagreed with the others', { engine });
  return t('{engine} {n} steps/s', { engine, n: groupNumber(Math.round(m.stepsPerSec)) });
}

/** The reason in words; `measured[0]` of 'fastest' is the winner. */
export function engineWhyText(why: EngineWhy, cached = false): string {
  let text: string;
  switch (why.kind) {
    case 'forced':
      text = t('backend forced with ?backend={backend}', { backend: why.backend });
      break;
    case 'only':
      text = t('the only engine for this model here');
      break;
    case 'uncalibrated':
      text = t('no engine passed calibration; using {engine}', { engine: engineLabel(why.engine) });
      break;
    case 'fastest':
      text = t('fastest measured: {engines}', { engines: why.measured.map(measurementText).join(t('; ')) });
      break;
    case 'bnn-bench':
      text = t('the binarized net on the typed engine (bench: {speedup}× the lib on tfjs-wasm)', { speedup: localNumber(String(why.speedup)) });
      break;
  }
  return cached ? t('{reason} (measured earlier on this device)', { reason: text }) : text;
}
