/**
 * What the reservoir figure computes on the page (pure, for tests): the sweep's measured points in
 * order of g, the point nearest the slider, the N → ∞ Lyapunov exponent of the silent network, and
 * how much sweep work to ask for per live step so that the sweep takes most of each frame.
 */
import type { SweepPoint } from '../../runs/edge-of-chaos';
import { t } from '../../../../i18n/t';

/**
 * The autonomous network's largest Lyapunov exponent for N → ∞ (lib meanFieldLyapunov), at
 * g = 1, 1.05, …, 2; below 1 it is ln g. Tabled because the lib solves a fixed point by quadrature
 * (tens of ms per g), too slow for the page; a unit test checks the table against the lib.
 */
export const MEAN_FIELD_ABOVE_ONE = [
  0, 0.00144, 0.00507, 0.01022, 0.01648, 0.02353, 0.03119, 0.03929, 0.04772, 0.05638, 0.06522, 0.07416, 0.08318, 0.09222, 0.10128, 0.11031, 0.11931, 0.12827,
  0.13716, 0.14598, 0.15472,
];

/** The mean-field curve sampled for drawing: ln g from 0.05 to 1, then the table. */
export function meanFieldCurve(): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 1; i < 20; i++) {
    xs.push(i / 20);
    ys.push(Math.log(i / 20));
  }
  MEAN_FIELD_ABOVE_ONE.forEach((v, i) => {
    xs.push((20 + i) / 20);
    ys.push(v);
  });
  return { xs, ys };
}

/** Measured sweep points (capacity known), sorted by g. */
export function measured(sweep: readonly SweepPoint[], key: 'capacity' | 'lyapunovDriven' | 'lyapunovAutonomous'): SweepPoint[] {
  return sweep.filter((p) => Number.isFinite(p[key])).sort((a, b) => a.gain - b.gain);
}

/** The measured point (memory function known) whose g is nearest `gain`, or null. */
export function nearestMeasured(sweep: readonly SweepPoint[], gain: number): SweepPoint | null {
  let best: SweepPoint | null = null;
  for (const p of sweep) {
    if (p.memoryFunction.length === 0) continue;
    if (!best || Math.abs(p.gain - gain) < Math.abs(best.gain - gain)) best = p;
  }
  return best;
}

/**
 * Sweep steps per live step for the next call: aim at `targetMs` of sweep work per call, from the
 * last call's duration and its sweep steps (both > 0), within [1, 2000]. Returns `current` unless the
 * aim moved by more than a third (each change costs a message to the worker).
 */
export function nextSweepWork(current: number, callMs: number, sweepSteps: number, liveSteps: number, targetMs: number): number {
  if (!(callMs > 0) || !(sweepSteps > 0)) return current;
  const perSweepStep = callMs / sweepSteps;
  const aim = Math.max(1, Math.min(2000, Math.round(targetMs / perSweepStep / Math.max(1, liveSteps))));
  return Math.abs(aim - current) > current / 3 ? aim : current;
}

/** 'a gentle fade', 'an oscillation' … from the sign and size of λ: the state of the live network in words. */
export function regime(lyapunov: number, activity: number, driven: boolean): string {
  if (!driven && activity < 1e-6) return t('silent: activity has died away');
  if (lyapunov < -0.01) return driven ? t('stable: it echoes its input, then forgets') : t('stable: activity is dying away');
  if (lyapunov <= 0.005) return t('at the edge: perturbations neither grow nor shrink');
  return t('chaotic: tiny differences grow');
}
