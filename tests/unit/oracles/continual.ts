/**
 * Float64 oracles of the continual-learning methods (src/lib/continual): an MLP's parameters as one
 * flat vector (weights of every layer, then biases: parameters(net)'s order), the gradient of the mean
 * cross-entropy at such a vector, the empirical Fisher (mean squared per-example gradient), and
 * textbook Adam stepped one gradient at a time — written without the lib or tfjs (loops over
 * number[], the MLP oracle for the gradients). Test-only.
 */
import { toMat, type Mat } from './linear-algebra';
import { oracleGrads, type Act } from './mlp';

/** Flat parameter vector in parameters(net) order: weights of every layer, then biases. */
export const flatParameters = (W: Mat[], b: number[][]) => [...W.flatMap((w) => w.flat()), ...b.flat()];

/** The inverse of flatParameters for an MLP of layer `sizes`. */
export function unflatParameters(v: number[], sizes: number[]): { W: Mat[]; b: number[][] } {
  let k = 0;
  const W = sizes.slice(1).map((out, l) => {
    const m = toMat(v.slice(k, k + sizes[l] * out), sizes[l], out);
    k += sizes[l] * out;
    return m;
  });
  const b = sizes.slice(1).map((out) => {
    const r = v.slice(k, k + out);
    k += out;
    return r;
  });
  return { W, b };
}

/** Float64 gradient of the mean cross-entropy of an MLP (layer `sizes`, activation `act`) at flat parameters θ. */
export function oracleFlatGrad(theta: number[], sizes: number[], act: Act, X: Mat, Y: Mat): number[] {
  const { W, b } = unflatParameters(theta, sizes);
  const g = oracleGrads(W, b, X, Y, act);
  return flatParameters(g.dW, g.db);
}

/** Float64 empirical Fisher: mean over examples of the squared per-example gradient of −log p(y|x). */
export function oracleFisher(theta: number[], sizes: number[], act: Act, X: Mat, Y: Mat): number[] {
  const sum = theta.map(() => 0);
  X.forEach((x, n) => oracleFlatGrad(theta, sizes, act, [x], [Y[n]]).forEach((g, i) => (sum[i] += g * g)));
  return sum.map((s) => s / X.length);
}

/** Float64 Adam on flat vectors, one step at a time. */
export function oracleAdamState(theta0: number[], lr: number) {
  const theta = theta0.slice();
  const m = theta.map(() => 0);
  const v = theta.map(() => 0);
  let t = 0;
  return {
    theta,
    step(g: number[]) {
      t += 1;
      theta.forEach((w, i) => {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] ** 2;
        theta[i] = w - (lr * (m[i] / (1 - 0.9 ** t))) / (Math.sqrt(v[i] / (1 - 0.999 ** t)) + 1e-8);
      });
    },
  };
}
