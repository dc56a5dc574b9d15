/**
 * The chapter's run defaults, apart from the runs: the page's widgets need these numbers, not the
 * simulations (which the worker loads), and importing a run file would pull its lib code, and for the
 * map and the event camera the data loader with tfjs, into the page. Each run file re-exports its own.
 * The lib's protocol constants are restated here for the same reason (the bundler kept the modules
 * they live in); a unit test checks them against the lib (MEMORY_CAPACITY_DEFAULTS,
 * RESERVOIR_PROBE_DEFAULTS, SOM_DEFAULTS).
 */
import type { NeuronConfig } from './neuron';
import type { EdgeOfChaosConfig } from './edge-of-chaos';
import type { LifeConfig } from './life';
import type { SomRunConfig } from './som';
import type { EventCameraConfig } from './event-camera';

/** The gains of the reservoir sweep, in order of g (the reproduce table's rows). */
export const SWEEP_GAINS = [0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1, 1.05, 1.1, 1.2, 1.3, 1.5, 1.7];

export const NEURON_DEFAULTS: NeuronConfig = {
  seed: 1,
  circuit: 'single',
  inputCurrent: 3,
  timeConstant: 20,
  adaptation: 0.5,
  noise: 0.5,
  bias: 0,
  coupling: 1.5,
  cycle: 1500,
  stimulusStart: 200,
  stimulusEnd: 800,
  window: 1500,
};

/**
 * 500 units: at 300 the seed-1 network stays quasi-periodic (λ ≈ 0) up to g = 1.3 and misses the
 * sign-change band, at 500 every seed tried turns chaotic by 1.3 (a finite-size effect; the chapter
 * shows both, and `--size 300` keeps the smaller network available).
 */
export const EDGE_OF_CHAOS_DEFAULTS: EdgeOfChaosConfig = {
  seed: 1,
  size: 500,
  inputScale: 0.1,
  gain: 0.95,
  driven: true,
  sweepGains: SWEEP_GAINS,
  memory: { maxDelay: 200, washout: 200, train: 3000, test: 2000, ridge: 1e-7 },
  lyapunovWashout: 500,
  lyapunovSteps: 2000,
  sweepWork: 3,
  traceUnits: 6,
  window: 300,
  lyapunovWindow: 200,
};

export const LIFE_DEFAULTS: LifeConfig = { seed: 1, width: 64, height: 48, start: 'gosper-gun', density: 0.3 };

export const SOM_RUN_DEFAULTS: SomRunConfig = { rows: 10, cols: 10, steps: 20000, sigmaStart: 5, sigmaEnd: 0.5, rateStart: 0.5, rateEnd: 0.01, seed: 1, trainSize: 6000, evalSize: 300 };

export const EVENT_CAMERA_DEFAULTS: EventCameraConfig = {
  seed: 1,
  digitIndex: -1,
  width: 96,
  height: 32,
  speed: 100,
  threshold: 0.15,
  mismatch: 0.1,
  frameRate: 30,
  background: 0.1,
  foreground: 1,
  eventWindow: 40,
};
