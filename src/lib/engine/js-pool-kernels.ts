/**
 * The pooling variants' kernels in plain JavaScript (semantics: ./heap.ts): the stride-1 max of
 * MaxBlurPool and the routing back to its (shared) winners, the [1,2,1]² blur sampled at stride 2
 * with reflect padding and its adjoint, and global average pooling and its adjoint. All maps are
 * NHWC [n, height, width, channels]; offsets are elements of `heap`.
 */
import type { Heap, Kernels } from './heap';

type PoolKernels = Pick<Kernels, 'maxPool1' | 'unpoolAdd' | 'blurDown' | 'blurDownAdjoint' | 'globalAverage' | 'spreadAverage'>;

/** Per output index along one axis of side `size`: its 3 input indices (reflected) and weights ¼ ½ ¼. */
export function blurTaps(size: number): { index: Int32Array; out: number } {
  const out = Math.floor((size - 1) / 2) + 1;
  const reflect = (j: number) => (j < 0 ? -j : j >= size ? 2 * (size - 1) - j : j);
  const index = new Int32Array(out * 3);
  for (let i = 0; i < out; i++) for (let t = 0; t < 3; t++) index[i * 3 + t] = reflect(2 * i - 1 + t);
  return { index, out };
}

const WEIGHT = [0.25, 0.5, 0.25];

export function jsPoolKernels(heap: Heap): PoolKernels {
  /** The blur and its adjoint share one loop over outputs × taps. */
  const blurLoop = (n: number, hh: number, ww: number, ch: number, x: number, out: number, adjoint: boolean) => {
    const f = heap.f32;
    const rows = blurTaps(hh);
    const cols = blurTaps(ww);
    if (adjoint) f.fill(0, x, x + n * hh * ww * ch);
    let o = out;
    for (let i = 0; i < n; i++) {
      const image = x + i * hh * ww * ch;
      for (let oy = 0; oy < rows.out; oy++) {
        for (let ox = 0; ox < cols.out; ox++, o += ch) {
          for (let ty = 0; ty < 3; ty++) {
            const row = image + rows.index[oy * 3 + ty] * ww * ch;
            for (let tx = 0; tx < 3; tx++) {
              const src = row + cols.index[ox * 3 + tx] * ch;
              const w = WEIGHT[ty] * WEIGHT[tx];
              if (adjoint) for (let c = 0; c < ch; c++) f[src + c] += w * f[o + c];
              else if (ty === 0 && tx === 0) for (let c = 0; c < ch; c++) f[o + c] = w * f[src + c];
              else for (let c = 0; c < ch; c++) f[o + c] += w * f[src + c];
            }
          }
        }
      }
    }
  };
  return {
    maxPool1(n, hh, ww, ch, h, out, win) {
      const f = heap.f32;
      const wins = heap.i32;
      const rs = ww * ch;
      let o = 0;
      for (let i = 0; i < n; i++) {
        for (let y = 0; y < hh - 1; y++) {
          for (let x = 0; x < ww - 1; x++) {
            const tl = (i * hh + y) * rs + x * ch;
            for (let c = 0; c < ch; c++, o++) {
              const i00 = tl + c;
              const i10 = i00 + rs;
              const left = f[h + i00] >= f[h + i10] ? i00 : i10;
              const right = f[h + i00 + ch] >= f[h + i10 + ch] ? i00 + ch : i10 + ch;
              const best = f[h + left] >= f[h + right] ? left : right;
              wins[win + o] = best;
              f[out + o] = f[h + best];
            }
          }
        }
      }
    },
    unpoolAdd(count, win, dp, d, total) {
      const f = heap.f32;
      const wins = heap.i32;
      f.fill(0, d, d + total);
      for (let o = 0; o < count; o++) f[d + wins[win + o]] += f[dp + o];
    },
    blurDown(n, hh, ww, ch, x, out) {
      blurLoop(n, hh, ww, ch, x, out, false);
    },
    blurDownAdjoint(n, hh, ww, ch, d, dOut) {
      blurLoop(n, hh, ww, ch, d, dOut, true);
    },
    globalAverage(n, p, ch, h, out) {
      const f = heap.f32;
      for (let i = 0; i < n; i++) {
        const o = out + i * ch;
        f.fill(0, o, o + ch);
        for (let q = 0; q < p; q++) {
          const row = h + (i * p + q) * ch;
          for (let c = 0; c < ch; c++) f[o + c] += f[row + c];
        }
        for (let c = 0; c < ch; c++) f[o + c] /= p;
      }
    },
    spreadAverage(n, p, ch, g, d) {
      const f = heap.f32;
      for (let i = 0; i < n; i++) {
        for (let q = 0; q < p; q++) {
          const row = d + (i * p + q) * ch;
          for (let c = 0; c < ch; c++) f[row + c] = f[g + i * ch + c] / p;
        }
      }
    },
  };
}
