/** The kernels in plain JavaScript over a Float32Array (the reference build, and the fallback without WASM SIMD). */
import { Heap, type Kernels } from './heap';
import { jsPoolKernels } from './js-pool-kernels';

export function jsKernels(heap = new Heap(null)): Kernels {
  return {
    name: 'js',
    heap,
    gemm(m, n, k, a, aRow, aCol, b, c, accumulate) {
      const f = heap.f32;
      for (let i = 0; i < m; i++) {
        const crow = c + i * n;
        if (!accumulate) f.fill(0, crow, crow + n);
        let ap = a + i * aRow;
        for (let p = 0; p < k; p++, ap += aCol) {
          const s = f[ap];
          if (s === 0) continue;
          const brow = b + p * n;
          for (let j = 0; j < n; j++) f[crow + j] += s * f[brow + j];
        }
      }
    },
    gemmTN(m, n, k, a, b, c, accumulate) {
      const f = heap.f32;
      if (!accumulate) f.fill(0, c, c + m * n);
      for (let p = 0; p < k; p++) {
        const arow = a + p * m;
        const brow = b + p * n;
        for (let r = 0; r < m; r++) {
          const s = f[arow + r];
          if (s === 0) continue;
          const crow = c + r * n;
          for (let j = 0; j < n; j++) f[crow + j] += s * f[brow + j];
        }
      }
    },
    adam(n, p, g, m, v, beta1, beta2, stepSize, epsHat) {
      const f = heap.f32;
      const c1 = 1 - beta1;
      const c2 = 1 - beta2;
      for (let i = 0; i < n; i++) {
        const gi = f[g + i];
        const mi = (f[m + i] = beta1 * f[m + i] + c1 * gi);
        const vi = (f[v + i] = beta2 * f[v + i] + c2 * gi * gi);
        f[p + i] -= (mi / (Math.sqrt(vi) + epsHat)) * stepSize;
      }
    },
    sgd(n, p, g, rate) {
      const f = heap.f32;
      for (let i = 0; i < n; i++) f[p + i] -= rate * f[g + i];
    },
    biasAdd(rows, n, pre, bias, post) {
      const f = heap.f32;
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < n; j++) {
          const a = (f[pre + r * n + j] += f[bias + j]);
          if (post >= 0) f[post + r * n + j] = a < 0 ? 0 : a;
        }
      }
    },
    reluGrad(count, pre, d) {
      const f = heap.f32;
      for (let i = 0; i < count; i++) if (!(f[pre + i] > 0)) f[d + i] = 0;
    },
    columnSums(rows, n, a, out) {
      const f = heap.f32;
      f.fill(0, out, out + n);
      for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) f[out + j] += f[a + r * n + j];
    },
    transpose(rows, cols, a, out) {
      const f = heap.f32;
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) f[out + c * rows + r] = f[a + r * cols + c];
    },
    im2col(n, h, w, ch, k, x, cols) {
      patchLoop(heap.f32, n, h, w, ch, k, x, cols, false);
    },
    col2im(n, h, w, ch, k, x, cols) {
      heap.f32.fill(0, x, x + n * h * w * ch);
      patchLoop(heap.f32, n, h, w, ch, k, x, cols, true);
    },
    maxPool(n, ho, wo, ch, h, out, win) {
      const f = heap.f32;
      const wins = heap.i32;
      const rs = wo * ch;
      let o = 0;
      for (let i = 0; i < n; i++) {
        for (let py = 0; py < ho; py += 2) {
          for (let px = 0; px < wo; px += 2) {
            const tl = (i * ho + py) * rs + px * ch;
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
    unpool(count, win, dp, d, total) {
      const f = heap.f32;
      const wins = heap.i32;
      f.fill(0, d, d + total);
      for (let o = 0; o < count; o++) f[d + wins[win + o]] = f[dp + o];
    },
    ...jsPoolKernels(heap),
  };
}

function patchLoop(f: Float32Array, n: number, h: number, w: number, ch: number, k: number, x: number, cols: number, add: boolean): void {
  const ho = h - k + 1;
  const wo = w - k + 1;
  const run = k * ch;
  let out = cols;
  for (let i = 0; i < n; i++) {
    const image = x + i * h * w * ch;
    for (let oy = 0; oy < ho; oy++) {
      for (let ox = 0; ox < wo; ox++) {
        for (let ki = 0; ki < k; ki++) {
          const src = image + ((oy + ki) * w + ox) * ch;
          const dst = out + ki * run;
          if (add) for (let t = 0; t < run; t++) f[src + t] += f[dst + t];
          else for (let t = 0; t < run; t++) f[dst + t] = f[src + t];
        }
        out += k * run;
      }
    }
  }
}
