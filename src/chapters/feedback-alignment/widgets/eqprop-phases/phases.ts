/**
 * The figure's reading of an EqPropTrace, as pure functions: the timeline of positions a scrubber
 * walks (free phase, nudged +β, nudged −β when symmetric, then the update), the state at each
 * position, and the local learning signal the two phases leave behind:
 *   Δsⱼ = (sⱼ(upper) − sⱼ(lower)) · scale,   ΔWⱼₖ = (sⱼsₖ(upper) − sⱼsₖ(lower)) · scale,
 * upper = the +β state, lower = the free state (one-sided, scale 1/β) or the −β state
 * (symmetric, scale 1/2β). ΔW is the direction each weight moves (descent on the loss).
 */
import type { EqPropTrace } from '../../runs/eqprop';

export type PhaseName = 'free' | 'plus' | 'minus' | 'update';

export interface Position {
  phase: PhaseName;
  /** Iteration within the phase (0 … its length). */
  t: number;
  /** The phase's length in iterations. */
  steps: number;
}

export function unitsOf(trace: EqPropTrace): number {
  return trace.sizes.reduce((a, w) => a + w, 0);
}

/** How many scrubber positions a trace has: T1 + 1 free, T2 per nudged phase, one for the update. */
export function positionCount(trace: EqPropTrace): number {
  return trace.freeSteps + 1 + trace.nudgedSteps * (trace.minus ? 2 : 1) + 1;
}

export function positionAt(trace: EqPropTrace, pos: number): Position {
  const p = Math.max(0, Math.min(positionCount(trace) - 1, Math.round(pos)));
  const T1 = trace.freeSteps;
  const T2 = trace.nudgedSteps;
  if (p <= T1) return { phase: 'free', t: p, steps: T1 };
  if (p <= T1 + T2) return { phase: 'plus', t: p - T1, steps: T2 };
  if (trace.minus && p <= T1 + 2 * T2) return { phase: 'minus', t: p - T1 - T2, steps: T2 };
  return { phase: 'update', t: 0, steps: 0 };
}

/** The position where a phase starts (the update: the last position). */
export function phaseStart(trace: EqPropTrace, phase: PhaseName): number {
  const T1 = trace.freeSteps;
  const T2 = trace.nudgedSteps;
  if (phase === 'free') return 0;
  if (phase === 'plus') return T1 + 1;
  if (phase === 'minus') return T1 + T2 + 1;
  return positionCount(trace) - 1;
}

function frame(frames: Float32Array, units: number, t: number): Float32Array {
  return frames.subarray(t * units, (t + 1) * units);
}

/** The network's state after t iterations of a phase. */
export function stateOf(trace: EqPropTrace, phase: Exclude<PhaseName, 'update'>, t: number): Float32Array {
  const units = unitsOf(trace);
  if (phase === 'free') return frame(trace.free, units, t);
  const frames = phase === 'plus' ? trace.plus : (trace.minus ?? trace.plus);
  return frame(frames, units, t);
}

export const freeEquilibrium = (trace: EqPropTrace) => stateOf(trace, 'free', trace.freeSteps);
const plusEnd = (trace: EqPropTrace) => stateOf(trace, 'plus', trace.nudgedSteps);
const minusEnd = (trace: EqPropTrace) => stateOf(trace, 'minus', trace.nudgedSteps);

/** The two states EP contrasts and the factor that turns their difference into the update. */
export function contrast(trace: EqPropTrace): { upper: Float32Array; lower: Float32Array; scale: number } {
  return trace.minus
    ? { upper: plusEnd(trace), lower: minusEnd(trace), scale: 1 / (2 * trace.beta) }
    : { upper: plusEnd(trace), lower: freeEquilibrium(trace), scale: 1 / trace.beta };
}

/** Δs of every unit (hidden units first, then the outputs). */
export function unitChanges(trace: EqPropTrace): Float32Array {
  const { upper, lower, scale } = contrast(trace);
  return Float32Array.from(upper, (v, i) => (v - lower[i]) * scale);
}

/** ΔW between unit j of one layer and unit k of the next (indices into the state vector). */
export function weightChange(trace: EqPropTrace, j: number, k: number): number {
  const { upper, lower, scale } = contrast(trace);
  return (upper[j] * upper[k] - lower[j] * lower[k]) * scale;
}

/** The `count` hidden units (indices < trace.sizes[0]) the nudge moves most, in index order. */
export function pickHidden(trace: EqPropTrace, count: number): number[] {
  const ds = unitChanges(trace);
  const width = trace.sizes[0];
  const order = Array.from({ length: width }, (_, j) => j).sort((a, b) => Math.abs(ds[b]) - Math.abs(ds[a]) || a - b);
  return order.slice(0, Math.min(count, width)).sort((a, b) => a - b);
}

/** The output unit the free phase settles on highest: the network's answer. */
export function prediction(trace: EqPropTrace): number {
  const s = freeEquilibrium(trace);
  const first = trace.sizes[0];
  let best = 0;
  for (let k = 1; k < trace.sizes[trace.sizes.length - 1]; k++) if (s[first + k] > s[first + best]) best = k;
  return best;
}
