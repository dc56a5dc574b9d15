/**
 * Pieces shared by the typed-array models: the softmax cross-entropy head, bias sums, the
 * optimizer over one contiguous parameter block, and transposes. Arrays are float offsets into
 * `f` (the heap's current view); everything is row-major.
 */
import type { OptimizerKind } from '../rules/update';
import type { Kernels } from './kernels';

/**
 * Mean loss and accuracy over `n` examples of x [n×inputs], scored `chunk` rows at a time:
 * `forward(xs, rows)` runs the model on one chunk and returns the float offset of its logits in
 * `kernels.heap.f32` (read after the call, since a forward may grow the heap).
 */
export function evaluateInChunks(
  kernels: Kernels,
  x: Float32Array,
  labels: ArrayLike<number>,
  n: number,
  inputs: number,
  classes: number,
  chunk: number,
  forward: (xs: Float32Array, rows: number) => number,
): { loss: number; accuracy: number } {
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < n; start += chunk) {
    const rows = Math.min(chunk, n - start);
    const logits = forward(x.subarray(start * inputs, (start + rows) * inputs), rows);
    const r = softmaxHead(kernels.heap.f32, logits, Array.prototype.slice.call(labels, start, start + rows) as number[], rows, classes, -1);
    lossSum += r.loss * rows;
    correct += r.correct;
  }
  return { loss: lossSum / n, accuracy: correct / n };
}

/**
 * Mean softmax cross-entropy of logits [n×classes] against class labels, the batch's correct count
 * (argmax, first maximum on ties, as tf.argMax), and, when `delta` ≥ 0, ∂L/∂z = (softmax − y)/n there.
 */
export function softmaxHead(f: Float32Array, logits: number, labels: ArrayLike<number>, n: number, classes: number, delta: number): { loss: number; correct: number } {
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const z = logits + i * classes;
    let max = f[z];
    let arg = 0;
    for (let c = 1; c < classes; c++) {
      if (f[z + c] > max) {
        max = f[z + c];
        arg = c;
      }
    }
    const label = labels[i];
    if (arg === label) correct++;
    if (delta < 0) {
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += Math.exp(f[z + c] - max);
      loss -= f[z + label] - max - Math.log(sum);
      continue;
    }
    // exp once, kept in δ's row, then normalised in place
    const d = delta + i * classes;
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      f[d + c] = Math.exp(f[z + c] - max);
      sum += f[d + c];
    }
    loss -= f[z + label] - max - Math.log(sum);
    for (let c = 0; c < classes; c++) f[d + c] = (f[d + c] / sum - (c === label ? 1 : 0)) / n;
  }
  return { loss: loss / n, correct };
}

/** out[j] = Σ_i a[i, j] over n rows of width w. */
export function columnSums(f: Float32Array, a: number, n: number, w: number, out: number): void {
  f.fill(0, out, out + w);
  for (let i = 0; i < n; i++) {
    const row = a + i * w;
    for (let j = 0; j < w; j++) f[out + j] += f[row + j];
  }
}

/** out [cols×rows] = aᵀ for a [rows×cols]. */
export function transpose(f: Float32Array, a: number, rows: number, cols: number, out: number): void {
  for (let r = 0; r < rows; r++) {
    const row = a + r * cols;
    for (let c = 0; c < cols; c++) f[out + c * rows + r] = f[row + c];
  }
}

/** Adam or SGD over one contiguous block of parameters and their gradients (../optim.ts, fused). */
export class BlockOptimizer {
  private t = 0;
  private moments: { m: number; v: number } | null = null;

  constructor(
    private readonly kernels: Kernels,
    public kind: OptimizerKind,
    public learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-8,
  ) {}

  /** Allocate the moment buffers now (Adam), so no allocation happens mid-step. */
  reserve(size: number): void {
    if (this.kind === 'adam' && !this.moments) this.moments = { m: this.kernels.heap.alloc(size), v: this.kernels.heap.alloc(size) };
  }

  apply(params: number, grads: number, size: number): void {
    if (this.kind === 'sgd') {
      this.kernels.sgd(size, params, grads, this.learningRate);
      return;
    }
    this.reserve(size);
    const { m, v } = this.moments as { m: number; v: number };
    this.t += 1;
    const correction2 = Math.sqrt(1 - this.beta2 ** this.t);
    // Bias correction folded into the step size, as ../optim.ts.
    const stepSize = (this.learningRate * correction2) / (1 - this.beta1 ** this.t);
    this.kernels.adam(size, params, grads, m, v, this.beta1, this.beta2, stepSize, this.epsilon * correction2);
  }

  /** A new optimizer kind: Adam's moments start afresh. */
  switchTo(kind: OptimizerKind, size: number): void {
    if (kind === this.kind) return;
    this.kind = kind;
    this.t = 0;
    if (this.moments) {
      const f = this.kernels.heap.f32;
      f.fill(0, this.moments.m, this.moments.m + size);
      f.fill(0, this.moments.v, this.moments.v + size);
    }
    this.reserve(size);
  }
}
