/**
 * The one seeded random number generator. Every random draw in the project (data order, initial
 * weights, feedback matrices, noise) takes an Rng made here from a seed: no unseeded randomness anywhere.
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state), seeded by
 * splitmix32 from one 32-bit seed. Pure JavaScript, so the same seed gives the same stream in Node,
 * in a worker and in the page, whatever tfjs backend runs the maths.
 */

export interface Rng {
  /** The seed this generator was created from. */
  readonly seed: number;
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Gaussian draw (Box–Muller). */
  normal(mean?: number, std?: number): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A random permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number): Int32Array;
  /** Shuffle in place (Fisher–Yates). */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T;
  /** Fill a new Float32Array with uniform [lo, hi) draws. */
  uniformArray(n: number, lo: number, hi: number): Float32Array;
  /** Fill a new Float32Array with Gaussian draws. */
  normalArray(n: number, mean: number, std: number): Float32Array;
  /**
   * An independent child stream named by a label: `rng.fork('init')` is the same stream for the same
   * parent seed, whatever was drawn from the parent before. Use one fork per purpose (init, data, noise).
   */
  fork(label: string | number): Rng;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a hash of a label, mixed with a parent seed: the seed of a forked stream. */
function hashLabel(seed: number, label: string | number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  const text = String(label);
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function createRng(seed: number): Rng {
  const seed32 = Math.floor(Math.abs(seed)) >>> 0;
  const init = splitmix32(seed32);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  let spare: number | null = null;

  const nextUint = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  // Warm up, as sfc32's author recommends.
  for (let i = 0; i < 12; i++) nextUint();

  const next = (): number => nextUint() / 4294967296;

  const normal = (mean = 0, std = 1): number => {
    if (spare !== null) {
      const z = spare;
      spare = null;
      return mean + std * z;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return mean + std * r * Math.cos(2 * Math.PI * v);
  };

  const rng: Rng = {
    seed: seed32,
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    normal,
    int: (n) => Math.floor(next() * n),
    permutation(n) {
      const p = new Int32Array(n);
      for (let i = 0; i < n; i++) p[i] = i;
      return rng.shuffle(p);
    },
    shuffle(arr) {
      for (let i = arr.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = arr[i];
        arr[i] = arr[j];
        arr[j] = tmp;
      }
      return arr;
    },
    uniformArray(n, lo, hi) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * next();
      return out;
    },
    normalArray(n, mean, std) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = normal(mean, std);
      return out;
    },
    fork: (label) => createRng(hashLabel(seed32, label)),
  };
  return rng;
}
