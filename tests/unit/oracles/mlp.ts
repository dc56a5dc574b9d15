/**
 * A plain Float64 reference MLP: forward, backprop gradients of the mean softmax cross-entropy, SGD
 * and Adam, written without the lib or tfjs (nested loops over number[][]). Test-only.
 */
import type { Mat } from './linear-algebra';

export type Act = 'tanh' | 'relu' | 'sigmoid' | 'linear';

const f = (k: Act, a: number): number => (k === 'tanh' ? Math.tanh(a) : k === 'relu' ? Math.max(0, a) : k === 'sigmoid' ? 1 / (1 + Math.exp(-a)) : a);
/** f′(a) for the activation k. */
export const activationDerivative = (k: Act, a: number): number => {
  if (k === 'tanh') return 1 - Math.tanh(a) ** 2;
  if (k === 'relu') return a > 0 ? 1 : 0;
  if (k === 'sigmoid') {
    const s = 1 / (1 + Math.exp(-a));
    return s * (1 - s);
  }
  return 1;
};

export function oracleForward(W: Mat[], b: number[][], x: Mat, act: Act): { pre: Mat[]; post: Mat[] } {
  const pre: Mat[] = [];
  const post: Mat[] = [];
  let h = x;
  W.forEach((w, l) => {
    const a = h.map((row) => w[0].map((_, j) => row.reduce((s, v, i) => s + v * w[i][j], b[l][j])));
    pre.push(a);
    h = l === W.length - 1 ? a : a.map((row) => row.map((v) => f(act, v)));
    post.push(h);
  });
  return { pre, post };
}

export function oracleLoss(logits: Mat, y: Mat): number {
  let total = 0;
  logits.forEach((z, n) => {
    const m = Math.max(...z);
    const lse = m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
    total -= z.reduce((s, v, k) => s + y[n][k] * (v - lse), 0);
  });
  return total / logits.length;
}

/** Backprop gradients of the mean softmax cross-entropy. */
export function oracleGrads(W: Mat[], b: number[][], x: Mat, y: Mat, act: Act): { dW: Mat[]; db: number[][] } {
  const { pre, post } = oracleForward(W, b, x, act);
  const n = x.length;
  const L = W.length;
  let delta: Mat = post[L - 1].map((z, r) => {
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((p, q) => p + q, 0);
    return e.map((v, k) => (v / s - y[r][k]) / n);
  });
  const dW: Mat[] = new Array(L);
  const db: number[][] = new Array(L);
  for (let l = L - 1; l >= 0; l--) {
    const input = l === 0 ? x : post[l - 1];
    dW[l] = W[l].map((_, i) => W[l][0].map((_, j) => input.reduce((s, row, r) => s + row[i] * delta[r][j], 0)));
    db[l] = W[l][0].map((_, j) => delta.reduce((s, row) => s + row[j], 0));
    if (l > 0) {
      const below = delta.map((row, r) => W[l].map((wi, i) => wi.reduce((s, w, j) => s + w * row[j], 0) * activationDerivative(act, pre[l - 1][r][i])));
      delta = below;
    }
  }
  return { dW, db };
}

export function oracleSgd(p: number[], g: number[], lr: number): number[] {
  return p.map((v, i) => v - lr * g[i]);
}

/** Textbook Adam over a sequence of gradients for one flat parameter vector. */
export function oracleAdam(p0: number[], gradsSeq: number[][], lr: number, beta1 = 0.9, beta2 = 0.999, eps = 1e-8): number[] {
  let p = p0.slice();
  let m = p.map(() => 0);
  let v = p.map(() => 0);
  gradsSeq.forEach((g, k) => {
    const t = k + 1;
    m = m.map((mi, i) => beta1 * mi + (1 - beta1) * g[i]);
    v = v.map((vi, i) => beta2 * vi + (1 - beta2) * g[i] ** 2);
    p = p.map((pi, i) => pi - (lr * (m[i] / (1 - beta1 ** t))) / (Math.sqrt(v[i] / (1 - beta2 ** t)) + eps));
  });
  return p;
}
