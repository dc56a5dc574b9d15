/**
 * Translations of square single-channel images (rows of side² floats, row-major), and the seeded
 * random shifts that train shift augmentation and score Zhang's consistency:
 *   out[y, x] = in[y − dy, x − dx]     (dx > 0 moves the content right, dy > 0 down)
 * with what the shift uncovers either zero ('zero': content pushed off the edge is lost) or the
 * content pushed off the opposite edge ('wrap': a cyclic shift, nothing lost). A wrap shift by half
 * the side in both directions swaps the image's diagonal quadrants (./scramble.ts).
 * Every function writes into `out` when given (no allocation in a training loop).
 */
import type { Rng } from '../random';

export type ShiftFill = 'zero' | 'wrap';
export type ShiftAxes = 'x' | 'xy';

const mod = (a: number, m: number) => ((a % m) + m) % m;

/** One image at `srcAt` of `src` shifted by (dx, dy) into `out` at `outAt`. */
export function shiftInto(src: ArrayLike<number>, srcAt: number, side: number, dx: number, dy: number, fill: ShiftFill, out: Float32Array, outAt: number): void {
  for (let y = 0; y < side; y++) {
    const sy = y - dy;
    const row = outAt + y * side;
    if (fill === 'zero' && (sy < 0 || sy >= side)) {
      out.fill(0, row, row + side);
      continue;
    }
    const from = srcAt + mod(sy, side) * side;
    for (let x = 0; x < side; x++) {
      const sx = x - dx;
      out[row + x] = fill === 'wrap' ? src[from + mod(sx, side)] : sx < 0 || sx >= side ? 0 : src[from + sx];
    }
  }
}

/** n images x [n × side²] all shifted by (dx, dy). */
export function shiftImages(x: ArrayLike<number>, n: number, side: number, dx: number, dy: number, fill: ShiftFill = 'zero', out: Float32Array = new Float32Array(n * side * side)): Float32Array {
  const d = side * side;
  for (let i = 0; i < n; i++) shiftInto(x, i * d, side, dx, dy, fill, out, i * d);
  return out;
}

/** Image i shifted by (shifts[2i], shifts[2i + 1]). */
export function shiftEach(x: ArrayLike<number>, n: number, side: number, shifts: ArrayLike<number>, fill: ShiftFill = 'zero', out: Float32Array = new Float32Array(n * side * side)): Float32Array {
  const d = side * side;
  for (let i = 0; i < n; i++) shiftInto(x, i * d, side, shifts[2 * i], shifts[2 * i + 1], fill, out, i * d);
  return out;
}

/**
 * n shifts (dx, dy) as [dx₀, dy₀, dx₁, dy₁, …], each a uniform integer in [−maxShift, maxShift]
 * (dy = 0 for axes 'x'). Drawn dx then dy, image after image, from `rng`.
 */
export function randomShifts(n: number, maxShift: number, rng: Rng, axes: ShiftAxes = 'xy', out: Int32Array = new Int32Array(2 * n)): Int32Array {
  if (!Number.isInteger(maxShift) || maxShift < 0) throw new RangeError(`randomShifts: maxShift ${maxShift} must be a non-negative integer`);
  for (let i = 0; i < n; i++) {
    out[2 * i] = rng.int(2 * maxShift + 1) - maxShift;
    out[2 * i + 1] = axes === 'xy' ? rng.int(2 * maxShift + 1) - maxShift : 0;
  }
  return out;
}

/** Shift augmentation of a batch: each image moved by its own random shift (zero fill). */
export function augmentShifts(x: ArrayLike<number>, n: number, side: number, maxShift: number, rng: Rng, out?: Float32Array, axes: ShiftAxes = 'xy'): Float32Array {
  return shiftEach(x, n, side, randomShifts(n, maxShift, rng, axes), 'zero', out);
}
