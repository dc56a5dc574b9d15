// Small exact simulations of dynamics, recurrence and self-organisation (pure, seeded, typed arrays):
// spiking neurons, an echo-state reservoir at the edge of chaos, the Game of Life, a Kohonen map, an event camera.
export { LIF_DEFAULTS, LifNetwork, lifRate, recordSpikes } from './lif';
export type { LifParams } from './lif';
export { eigenvalues, spectralRadius } from './eigen';
export type { Eigenvalues } from './eigen';
export { RidgeAccumulator, cholesky, choleskySolve, ridgeSolve } from './ridge';
export { LyapunovTracker, Reservoir, ReservoirState, randomReservoirWeights } from './reservoir';
export { MEMORY_CAPACITY_DEFAULTS, MemoryCapacityProbe } from './memory-capacity';
export type { ReservoirWeights } from './reservoir';
export type { MemoryCapacityOptions, MemoryCapacityPhase } from './memory-capacity';
export { RESERVOIR_PROBE_DEFAULTS, ReservoirProbeRun, lyapunovCrossing, meanFieldLyapunov, probeReservoir } from './edge-of-chaos';
export type { ReservoirProbe, ReservoirProbeOptions } from './edge-of-chaos';
export { emptyGrid, findPeriod, isTranslate, liveCells, neighbourCount, nextState, population, randomGrid, stepLife, toggleCell } from './life';
export type { LifeGrid } from './life';
export { LIFE_PATTERNS, LIFE_PATTERN_NAMES, patternGrid, patternSize, placePattern } from './life-patterns';
export type { LifePattern, LifePatternName } from './life-patterns';
export { SOM_DEFAULTS, SelfOrganisingMap } from './som';
export type { SomConfig } from './som';
export { BYTES_PER_EVENT, EventCamera, renderMovingDigit } from './event-camera';
export type { EventBatch, EventCameraOptions, MovingDigitScene } from './event-camera';
