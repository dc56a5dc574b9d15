/**
 * Global average pooling (Lin, Chen & Yan 2014), forward and written-out backward: each channel's
 * mean over all P = H·W positions,
 *   g[n, c] = (1/P) Σ_p h[n, p, c],   ∂h[n, p, c] = ∂g[n, c] / P.
 * The head forgets where a feature was: a shift that keeps every feature inside the map leaves g unchanged.
 * Images are rows of a Tensor2D in NHWC order ([n, P·C]). Call inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs-core';

/** h [n, P·C] → g [n, C]. */
export function globalAveragePool(h: tf.Tensor2D, positions: number, channels: number): tf.Tensor2D {
  return tf.mean(tf.reshape(h, [h.shape[0], positions, channels]), 1) as tf.Tensor2D;
}

/** ∂g [n, C] → ∂h [n, P·C]. */
export function globalAveragePoolBackward(dOut: tf.Tensor2D, positions: number, channels: number): tf.Tensor2D {
  const n = dOut.shape[0];
  return tf.reshape(tf.tile(tf.reshape(tf.div(dOut, positions), [n, 1, channels]), [1, positions, 1]), [n, positions * channels]);
}
