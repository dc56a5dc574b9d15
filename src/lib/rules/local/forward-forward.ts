/**
 * Forward-forward: Lℓ = mean[softplus(θ − gℓ(x₊)) + softplus(gℓ(x₋) − θ)], gℓ = mean_j(hℓⱼ²), each
 * layer on its own  (Hinton 2022, "The forward-forward algorithm: some preliminary investigations").
 *
 * Positive data x₊: the image with its true label written one-hot into the first 10 pixels; negative
 * x₋: the same image with a wrong label. No error crosses between layers. Each layer sees its input
 * L2-normalised, x̂ = h/(‖h‖ + ε), so the goodness (length) of the layer below is hidden and only
 * its direction is passed on. Prediction: the label whose embedding gives the largest goodness
 * summed over the layers.
 *
 * The layer-local gradient, written out (a = x̂W + b, h = relu(a), d = width, s = −1 for positive,
 * +1 for negative rows, n = batch): ∂L/∂g = s σ(s(g − θ))/n;  ∂L/∂a = ∂L/∂g · (2/d) h  (relu′ = 1
 * where h > 0, and h = 0 elsewhere);  ∂L/∂W = x̂ᵀ ∂L/∂a;  ∂L/∂b = Σ_rows ∂L/∂a. x̂ is a constant for
 * the layer: no gradient flows to the layer below. Shapes: x [rows, 784], W [fanIn, fanOut].
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../random';
import type { Mlp } from '../../nets/mlp';

/** Pixels of the image that carry the label (one-hot, value 1). */
export const LABEL_PIXELS = 10;
const NORM_EPSILON = 1e-4;

/** Write one-hot `labels` into the first LABEL_PIXELS pixels of x (call inside tf.tidy). */
export function embedLabels(x: tf.Tensor2D, labels: tf.Tensor1D, classes = LABEL_PIXELS): tf.Tensor2D {
  const d = x.shape[1];
  const rest = tf.slice(x, [0, classes], [-1, d - classes]);
  return tf.concat([tf.cast(tf.oneHot(tf.cast(labels, 'int32'), classes), 'float32'), rest], 1) as tf.Tensor2D;
}

/** x / (‖x‖ + ε), row by row (call inside tf.tidy). */
export function normaliseRows(x: tf.Tensor2D): tf.Tensor2D {
  return tf.div(x, tf.add(tf.norm(x, 2, 1, true), NORM_EPSILON));
}

/** Per layer: its normalised input, its output h and its goodness mean(h²) (call inside tf.tidy). */
export function forwardForwardPass(net: Mlp, x: tf.Tensor2D): { inputs: tf.Tensor2D[]; outputs: tf.Tensor2D[]; goodness: tf.Tensor1D[] } {
  const inputs: tf.Tensor2D[] = [];
  const outputs: tf.Tensor2D[] = [];
  const goodness: tf.Tensor1D[] = [];
  let h = x;
  net.weights.forEach((w, l) => {
    const xin = normaliseRows(h);
    h = tf.relu(tf.add(tf.matMul(xin, w), net.biases[l]));
    inputs.push(xin);
    outputs.push(h);
    goodness.push(tf.mean(tf.square(h), 1));
  });
  return { inputs, outputs, goodness };
}

/**
 * Layer-local gradients for a stacked batch [positives; negatives] (first `positives` rows positive).
 * Returns per layer ∂L/∂W, ∂L/∂b and the layer loss (call inside tf.tidy).
 */
export function forwardForwardGradients(
  net: Mlp,
  x: tf.Tensor2D,
  positives: number,
  threshold: number,
): { weights: tf.Tensor2D[]; biases: tf.Tensor1D[]; losses: tf.Scalar[] } {
  const rows = x.shape[0];
  const n = positives; // the loss is a mean over the positive (= negative) batch
  const sign = tf.concat([tf.fill([positives], -1), tf.fill([rows - positives], 1)]) as tf.Tensor1D;
  const pass = forwardForwardPass(net, x);
  const weights: tf.Tensor2D[] = [];
  const biases: tf.Tensor1D[] = [];
  const losses: tf.Scalar[] = [];
  pass.goodness.forEach((g, l) => {
    const z = tf.mul(sign, tf.sub(g, threshold)); // softplus(z) is the row's loss
    losses.push(tf.div(tf.sum(tf.softplus(z)), n));
    const dLdg = tf.div(tf.mul(sign, tf.sigmoid(z)), n);
    const h = pass.outputs[l];
    const delta = tf.mul(tf.reshape(dLdg, [rows, 1]), tf.mul(h, 2 / h.shape[1])) as tf.Tensor2D;
    weights.push(tf.matMul(tf.transpose(pass.inputs[l]), delta));
    biases.push(tf.sum(delta, 0));
  });
  return { weights, biases, losses };
}

/** Summed goodness for every candidate label: [n, classes]; argmax is the prediction (call inside tf.tidy). */
export function goodnessPerLabel(net: Mlp, x: tf.Tensor2D, classes = LABEL_PIXELS): tf.Tensor2D {
  const columns = Array.from({ length: classes }, (_, c) => {
    const labelled = embedLabels(x, tf.fill([x.shape[0]], c, 'int32') as tf.Tensor1D, classes);
    return tf.addN(forwardForwardPass(net, labelled).goodness);
  });
  return tf.stack(columns, 1) as tf.Tensor2D;
}

/** A label ≠ the true one for every row, uniformly among the other classes. */
export function wrongLabels(labels: ArrayLike<number>, rng: Rng, classes = LABEL_PIXELS): Int32Array {
  return Int32Array.from(labels, (y) => (y + 1 + rng.int(classes - 1)) % classes);
}
