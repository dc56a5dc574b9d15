/**
 * Float64 oracle of the CNN family (src/lib/nets/cnn.ts): one image at a time, NHWC, plain loops
 * over number[], written without the lib or tfjs. Test-only.
 * - oracleCnn: an optional zero border; per block a valid conv + bias + ReLU, then a 2×2 max pool
 *   ('max'), MaxBlurPool (stride-1 2×2 max, then the [1 2 1]/4 ⊗ [1 2 1]/4 blur at stride 2 over a
 *   mirror-padded map: 'maxblur') or nothing ('none'); a flatten or global-average head; a dense
 *   layer. Returns every block's output map and the logits.
 * - oracleCnnLoss: the mean softmax cross-entropy of a batch of images.
 * Parameters `p` in cnnParameters order: [filters₀, bias₀, filters₁, bias₁, …, dense W, dense b],
 * filters laid out (ki, kj, c, f).
 */
import type { CnnSpec } from '../../../src/lib/nets/cnn';

/** The binomial blur's 1-D weights. */
export const BLUR = [0.25, 0.5, 0.25];

/** Logits and per-block maps of one image `x` (NHWC, imageSize² × inputChannels). */
export function oracleCnn(spec: CnnSpec, p: number[][], x: ArrayLike<number>): { maps: number[][]; logits: number[] } {
  const pad = spec.padding ?? 0;
  let side = spec.imageSize + 2 * pad;
  let ch = spec.inputChannels;
  let h = new Array(side * side * ch).fill(0);
  for (let y = 0; y < spec.imageSize; y++)
    for (let xx = 0; xx < spec.imageSize; xx++) for (let c = 0; c < ch; c++) h[((y + pad) * side + xx + pad) * ch + c] = x[(y * spec.imageSize + xx) * ch + c];
  const maps: number[][] = [];
  spec.conv.forEach(({ filters: F, kernel: k, pool = 'max' }, l) => {
    const m = side - k + 1;
    const a = new Array(m * m * F).fill(0);
    for (let y = 0; y < m; y++)
      for (let xx = 0; xx < m; xx++)
        for (let f = 0; f < F; f++) {
          let s = p[2 * l + 1][f];
          for (let ki = 0; ki < k; ki++)
            for (let kj = 0; kj < k; kj++)
              for (let c = 0; c < ch; c++) s += h[((y + ki) * side + xx + kj) * ch + c] * p[2 * l][((ki * k + kj) * ch + c) * F + f];
          a[(y * m + xx) * F + f] = Math.max(0, s);
        }
    const at = (v: number[], w: number, y: number, xx: number, f: number) => v[(y * w + xx) * F + f];
    let out = a;
    let o = m;
    if (pool === 'max') {
      o = m / 2;
      out = Array.from({ length: o * o * F }, (_, i) => {
        const f = i % F, xx = Math.floor(i / F) % o, y = Math.floor(i / F / o);
        return Math.max(at(a, m, 2 * y, 2 * xx, f), at(a, m, 2 * y + 1, 2 * xx, f), at(a, m, 2 * y, 2 * xx + 1, f), at(a, m, 2 * y + 1, 2 * xx + 1, f));
      });
    } else if (pool === 'maxblur') {
      const q = m - 1;
      const mx = Array.from({ length: q * q * F }, (_, i) => {
        const f = i % F, xx = Math.floor(i / F) % q, y = Math.floor(i / F / q);
        return Math.max(at(a, m, y, xx, f), at(a, m, y + 1, xx, f), at(a, m, y, xx + 1, f), at(a, m, y + 1, xx + 1, f));
      });
      const refl = (j: number) => (j < 0 ? -j : j > q - 1 ? 2 * (q - 1) - j : j);
      o = Math.floor((q - 1) / 2) + 1;
      out = Array.from({ length: o * o * F }, (_, i) => {
        const f = i % F, xx = Math.floor(i / F) % o, y = Math.floor(i / F / o);
        let s = 0;
        for (let u = -1; u <= 1; u++) for (let v = -1; v <= 1; v++) s += BLUR[u + 1] * BLUR[v + 1] * at(mx, q, refl(2 * y + u), refl(2 * xx + v), f);
        return s;
      });
    }
    maps.push(out);
    h = out;
    side = o;
    ch = F;
  });
  const feats = (spec.head ?? 'flatten') === 'flatten' ? h : Array.from({ length: ch }, (_, c) => h.filter((_, i) => i % ch === c).reduce((s, v) => s + v, 0) / (side * side));
  const L = spec.conv.length;
  const logits = Array.from({ length: spec.classes }, (_, j) => feats.reduce((s, v, i) => s + v * p[2 * L][i * spec.classes + j], p[2 * L + 1][j]));
  return { maps, logits };
}

/** Mean softmax cross-entropy over `xs` with integer `labels`. */
export function oracleCnnLoss(spec: CnnSpec, p: number[][], xs: number[][], labels: number[]): number {
  return xs.reduce((total, x, i) => {
    const z = oracleCnn(spec, p, x).logits;
    const max = Math.max(...z);
    return total - (z[labels[i]] - max - Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0)));
  }, 0) / xs.length;
}
