/** When the linear figure measures: pure, so tests can check it without a DOM. */

/** A run stops here: output-only is still near 1, the other two long converged. */
export const MAX_SAMPLES = 5000;

/** Samples at which the error and angles are measured: every 10 to 200, every 50 to 1,000, then every 200. */
export function nextLinearEval(samples: number): number {
  const every = samples < 200 ? 10 : samples < 1000 ? 50 : 200;
  return samples - (samples % every) + every;
}

/** Samples per second while playing: slow through the first few hundred, where the curves move, then faster. */
export function playPace(samples: number): number {
  return samples < 300 ? 60 : samples < 1000 ? 200 : 600;
}
