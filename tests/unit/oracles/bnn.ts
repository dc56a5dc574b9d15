/**
 * Float64 oracles of the binarized network (Laborieux et al. 2021's BNN, one BN per layer) and of
 * metaplastic Adam, written without the lib or tfjs (loops over number[] and Float64Array). Test-only.
 * - oracleBnn: nested rows; the training-mode forward (sign(W), batch statistics, sign between
 *   layers) and the straight-through backward (|z| ≤ 1); logits, pre-sign z and ∂W, ∂γ, ∂β.
 * - oracleBnnScore: loss and accuracy from oracleBnn's logits, `chunk` rows normalised at a time.
 * - oracleBnnStep: the same step on flat row-major arrays [W…, γ…, β…] (the typed engines' layout),
 *   with the loss.
 * - oracleMetaAdam: Adam with f_meta = 1 − tanh²(m·W) on the updates that shrink |W| (m = 0: Adam).
 */
import type { Batch } from '../../../src/lib/engine';
import { toMat, type Mat } from './linear-algebra';

/** The parameters oracleBnnScore reads (readBnn's arrays). */
export interface BnnArrays {
  hidden: ArrayLike<number>[];
  gamma: ArrayLike<number>[];
  beta: ArrayLike<number>[];
}

const sgn = (v: number) => (v > 0 ? 1 : -1);

/** Float64 BNN: training-mode forward (batch statistics) and the straight-through backward. */
export function oracleBnn(W: Mat[], gamma: number[][], beta: number[][], x: Mat, y: Mat, eps = 1e-5) {
  const n = x.length;
  const L = W.length;
  const inputs: Mat[] = [];
  const xhat: Mat[] = [];
  const inv: number[][] = [];
  const z: Mat[] = [];
  let h = x;
  for (let l = 0; l < L; l++) {
    inputs.push(h);
    const wb = W[l].map((r) => r.map(sgn));
    const a = h.map((row) => wb[0].map((_, j) => row.reduce((s, v, i) => s + v * wb[i][j], 0)));
    const cols = wb[0].length;
    const mean = Array.from({ length: cols }, (_, j) => a.reduce((s, r) => s + r[j], 0) / n);
    const variance = Array.from({ length: cols }, (_, j) => a.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / n);
    inv.push(variance.map((v) => 1 / Math.sqrt(v + eps)));
    xhat.push(a.map((r) => r.map((v, j) => (v - mean[j]) * inv[l][j])));
    z.push(xhat[l].map((r) => r.map((v, j) => gamma[l][j] * v + beta[l][j])));
    h = l === L - 1 ? z[l] : z[l].map((r) => r.map(sgn));
  }
  const logits = h;
  let dz: Mat = logits.map((row, r) => {
    const m = Math.max(...row);
    const e = row.map((v) => Math.exp(v - m));
    const s = e.reduce((p, q) => p + q, 0);
    return e.map((v, k) => (v / s - y[r][k]) / n);
  });
  const dW: Mat[] = new Array(L);
  const dGamma: number[][] = new Array(L);
  const dBeta: number[][] = new Array(L);
  for (let l = L - 1; l >= 0; l--) {
    const cols = W[l][0].length;
    dGamma[l] = Array.from({ length: cols }, (_, j) => dz.reduce((s, r, i) => s + r[j] * xhat[l][i][j], 0));
    dBeta[l] = Array.from({ length: cols }, (_, j) => dz.reduce((s, r) => s + r[j], 0));
    const dx = dz.map((r) => r.map((v, j) => v * gamma[l][j]));
    const m1 = Array.from({ length: cols }, (_, j) => dx.reduce((s, r) => s + r[j], 0) / n);
    const m2 = Array.from({ length: cols }, (_, j) => dx.reduce((s, r, i) => s + r[j] * xhat[l][i][j], 0) / n);
    const da = dx.map((r, i) => r.map((v, j) => inv[l][j] * (v - m1[j] - xhat[l][i][j] * m2[j])));
    dW[l] = W[l].map((_, i) => W[l][0].map((_, j) => inputs[l].reduce((s, row, r) => s + row[i] * da[r][j], 0)));
    if (l > 0) {
      dz = da.map((r, i) =>
        W[l].map((wi, k) => wi.reduce((s, w, j) => s + sgn(w) * r[j], 0) * (Math.abs(z[l - 1][i][k]) <= 1 ? 1 : 0)),
      );
    }
  }
  return { logits, z, dW, dGamma, dBeta };
}

/** Loss and accuracy from Float64 oracle logits, each chunk of `chunk` rows normalised by its own statistics. */
export function oracleBnnScore(p: BnnArrays, sizes: number[], X: Mat, Y: Mat, chunk: number) {
  const W = p.hidden.map((w, l) => toMat(w, sizes[l], sizes[l + 1]));
  let loss = 0;
  let correct = 0;
  for (let s = 0; s < X.length; s += chunk) {
    const { logits } = oracleBnn(W, p.gamma.map((g) => Array.from(g)), p.beta.map((b) => Array.from(b)), X.slice(s, s + chunk), Y.slice(s, s + chunk));
    logits.forEach((row, i) => {
      const k = Y[s + i].indexOf(1);
      const m = Math.max(...row);
      loss += Math.log(row.reduce((a, v) => a + Math.exp(v - m), 0)) + m - row[k];
      if (row.indexOf(m) === k) correct += 1;
    });
  }
  return { loss: loss / X.length, accuracy: correct / X.length };
}

/** Float64 oracle: loss and gradients [W…, γ…, β…] of one training-mode step (sign(0) = −1, STE |z| ≤ 1). */
export function oracleBnnStep(params: Float32Array[], b: Batch, sizes: number[]): { loss: number; grads: Float64Array[] } {
  const L = sizes.length - 1;
  const [W, gamma] = [params.slice(0, L), params.slice(L, 2 * L)];
  const beta = params.slice(2 * L);
  const sign = (v: number) => (v > 0 ? 1 : -1);
  const n = b.n;
  const inputs: Float64Array[] = [Float64Array.from(b.x.subarray(0, n * sizes[0]))];
  const xhats: Float64Array[] = [];
  const zs: Float64Array[] = [];
  const inv: Float64Array[] = [];
  for (let l = 0; l < L; l++) {
    const [k, w, h] = [sizes[l], sizes[l + 1], inputs[l]];
    const a = new Float64Array(n * w);
    for (let r = 0; r < n; r++) for (let j = 0; j < w; j++) for (let i = 0; i < k; i++) a[r * w + j] += h[r * k + i] * sign(W[l][i * w + j]);
    const xh = new Float64Array(n * w);
    const z = new Float64Array(n * w);
    inv.push(new Float64Array(w));
    for (let j = 0; j < w; j++) {
      let mean = 0;
      let v = 0;
      for (let r = 0; r < n; r++) mean += a[r * w + j] / n;
      for (let r = 0; r < n; r++) v += (a[r * w + j] - mean) ** 2 / n;
      inv[l][j] = 1 / Math.sqrt(v + 1e-5);
      for (let r = 0; r < n; r++) {
        xh[r * w + j] = (a[r * w + j] - mean) * inv[l][j];
        z[r * w + j] = xh[r * w + j] * gamma[l][j] + beta[l][j];
      }
    }
    xhats.push(xh);
    zs.push(z);
    inputs.push(z.map(sign));
  }
  const C = sizes[L];
  let dz = new Float64Array(n * C);
  let loss = 0;
  for (let r = 0; r < n; r++) {
    const row = zs[L - 1].subarray(r * C, (r + 1) * C);
    const max = Math.max(...row);
    const sum = row.reduce((s, v) => s + Math.exp(v - max), 0);
    loss -= (row[b.labels[r]] - max - Math.log(sum)) / n;
    for (let c = 0; c < C; c++) dz[r * C + c] = (Math.exp(row[c] - max) / sum - (c === b.labels[r] ? 1 : 0)) / n;
  }
  const grads: Float64Array[] = new Array(3 * L);
  for (let l = L - 1; l >= 0; l--) {
    const [k, w] = [sizes[l], sizes[l + 1]];
    const [gW, gG, gB, da] = [new Float64Array(k * w), new Float64Array(w), new Float64Array(w), new Float64Array(n * w)];
    for (let j = 0; j < w; j++) {
      let m1 = 0;
      let m2 = 0;
      for (let r = 0; r < n; r++) {
        gG[j] += dz[r * w + j] * xhats[l][r * w + j];
        gB[j] += dz[r * w + j];
        m1 += (dz[r * w + j] * gamma[l][j]) / n;
        m2 += (dz[r * w + j] * gamma[l][j] * xhats[l][r * w + j]) / n;
      }
      for (let r = 0; r < n; r++) da[r * w + j] = (dz[r * w + j] * gamma[l][j] - m1 - xhats[l][r * w + j] * m2) * inv[l][j];
    }
    for (let i = 0; i < k; i++) for (let j = 0; j < w; j++) for (let r = 0; r < n; r++) gW[i * w + j] += inputs[l][r * k + i] * da[r * w + j];
    [grads[l], grads[L + l], grads[2 * L + l]] = [gW, gG, gB];
    if (l === 0) break;
    dz = new Float64Array(n * k);
    for (let r = 0; r < n; r++) for (let i = 0; i < k; i++) {
      if (Math.abs(zs[l - 1][r * k + i]) > 1) continue;
      for (let j = 0; j < w; j++) dz[r * k + i] += da[r * w + j] * sign(W[l][i * w + j]);
    }
  }
  return { loss, grads };
}

/** Float64 metaplastic Adam over a sequence of gradients (meta = 0: textbook Adam). */
export function oracleMetaAdam(p0: number[], gs: number[][], lr: number, meta: number, metaplastic: boolean, b1 = 0.9, b2 = 0.999, eps = 1e-8): number[] {
  const p = p0.slice();
  const m = p.map(() => 0);
  const v = p.map(() => 0);
  gs.forEach((g, k) => {
    const t = k + 1;
    p.forEach((w, i) => {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] ** 2;
      const u = m[i] / (1 - b1 ** t) / (Math.sqrt(v[i] / (1 - b2 ** t)) + eps);
      const f = metaplastic && u * w > 0 ? 1 - Math.tanh(meta * w) ** 2 : 1;
      p[i] = w - lr * u * f;
    });
  });
  return p;
}
