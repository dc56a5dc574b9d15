/** How fast the map figure plays (pure, for tests): updates per second by pace and by how far training has got. */

export type Pace = 'slow' | 'normal' | 'fast';

/** Updates per second: slow through the first thousand updates, where the map orders itself, then faster. */
export function updatesPerSecond(pace: Pace, step: number): number {
  if (pace === 'fast') return 4000;
  if (pace === 'slow') return step < 1000 ? 25 : step < 5000 ? 250 : 1000;
  return step < 1000 ? 100 : step < 5000 ? 800 : 2500;
}

/** Step (→) trains this many updates: small early on, larger later. */
export function stepSize(step: number): number {
  return step < 1000 ? 50 : step < 5000 ? 500 : 1000;
}
