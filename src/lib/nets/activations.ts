/**
 * Hidden-layer non-linearities and their derivatives, written as tfjs ops so the backward pass can
 * be written out layer by layer (no autodiff). `derivative` takes the pre-activation a and the
 * post-activation h = f(a) and returns f'(a), reusing h where that is cheaper.
 */
import * as tf from '@tensorflow/tfjs-core';

export type Activation = 'tanh' | 'relu' | 'sigmoid' | 'linear';

export const ACTIVATIONS: readonly Activation[] = ['tanh', 'relu', 'sigmoid', 'linear'];

export function activate(kind: Activation, a: tf.Tensor2D): tf.Tensor2D {
  switch (kind) {
    case 'tanh':
      return tf.tanh(a);
    case 'relu':
      return tf.relu(a);
    case 'sigmoid':
      return tf.sigmoid(a);
    case 'linear':
      return a;
  }
}

/** f'(a), given a and h = f(a). */
export function derivative(kind: Activation, a: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
  switch (kind) {
    case 'tanh':
      return tf.sub(1, tf.square(h)); // 1 − tanh²(a)
    case 'relu':
      return tf.step(a, 0); // 1 where a > 0
    case 'sigmoid':
      return tf.mul(h, tf.sub(1, h)); // σ(a)(1 − σ(a))
    case 'linear':
      return tf.onesLike(a);
  }
}
