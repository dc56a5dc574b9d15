/**
 * Convolution as a matrix product (im2col), forward and backward, from gather + matMul only:
 *   cols = im2col(x)  [n·P, K];   y = cols · W  [n·P, Cout];   ∂x = col2im(∂y · Wᵀ)
 * with P = outHeight·outWidth output positions and K = k·k·Cin patch entries. Images are rows of a
 * Tensor2D in NHWC order ([n, H·W·C]); a patch's entries are ordered (ki, kj, c), so W [K, Cout]
 * reshapes directly to tfjs's conv2d filter [k, k, Cin, Cout]. Stride 1, no padding ('valid').
 *
 * Why not tf.conv2d: tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, so autodiff through
 * tf.conv2d fails there (and its Conv2D forward measured slower than this). Slice, stack,
 * transpose, pad, addN and matMul exist on every backend, so this runs unchanged on wasm, webgl,
 * webgpu and cpu. im2col is k² slices (one per kernel offset); col2im, its adjoint, pads each
 * offset's block back into place and sums them. (A gather with precomputed indices does the same in
 * one op, but wasm's GatherV2 measured ~20× slower; so did slices that copy one pixel at a time.)
 */
import * as tf from '@tensorflow/tfjs-core';

export interface ConvGeometry {
  height: number;
  width: number;
  channels: number;
  kernel: number;
  outHeight: number;
  outWidth: number;
  /** Output positions P = outHeight · outWidth. */
  positions: number;
  /** Patch length K = kernel² · channels. */
  patch: number;
}

export function convGeometry(height: number, width: number, channels: number, kernel: number): ConvGeometry {
  const outHeight = height - kernel + 1;
  const outWidth = width - kernel + 1;
  if (outHeight < 1 || outWidth < 1) throw new Error(`convGeometry: a ${kernel}×${kernel} kernel does not fit a ${height}×${width} image`);
  return { height, width, channels, kernel, outHeight, outWidth, positions: outHeight * outWidth, patch: kernel * kernel * channels };
}

/**
 * x [n, H·W·C] → cols [n·P, K]. One slice per kernel offset (ki, kj), cut from the image seen as
 * [n, H, W·C] so that each copied run is a whole row of the window (W_out·C values); the k² slices
 * are stacked offset-major [k², n·P, C] and transposed to patch-major [n·P, k², C]. Call inside tf.tidy.
 */
export function im2col(x: tf.Tensor2D, g: ConvGeometry): tf.Tensor2D {
  const n = x.shape[0];
  const { height, width, channels, kernel, outHeight, outWidth, positions, patch } = g;
  const rows = tf.reshape(x, [n, height, width * channels]);
  const slices: tf.Tensor2D[] = [];
  for (let ki = 0; ki < kernel; ki++) {
    for (let kj = 0; kj < kernel; kj++) {
      const window = tf.slice(rows, [0, ki, kj * channels], [n, outHeight, outWidth * channels]);
      slices.push(tf.reshape(window, [n * positions, channels]));
    }
  }
  return tf.reshape(tf.transpose(tf.stack(slices, 0), [1, 0, 2]), [n * positions, patch]);
}

/**
 * cols [n·P, K] → x [n, H·W·C], the adjoint of im2col: back to offset-major, then each offset's
 * block is padded back to its place in the image and the k² blocks are summed. Call inside tf.tidy.
 */
export function col2im(cols: tf.Tensor2D, g: ConvGeometry): tf.Tensor2D {
  const { height, width, channels, kernel, outHeight, outWidth, positions } = g;
  const n = cols.shape[0] / positions;
  // Offset-major and flat per offset, so that each offset's block is one contiguous run.
  const block = n * positions * channels;
  const offsetMajor = tf.reshape(tf.transpose(tf.reshape(cols, [n * positions, kernel * kernel, channels]), [1, 0, 2]), [kernel * kernel, block]);
  const parts = Array.from({ length: kernel * kernel }, (_, o) => {
    const ki = Math.floor(o / kernel);
    const kj = o % kernel;
    const window = tf.reshape(tf.slice(offsetMajor, [o, 0], [1, block]), [n, outHeight, outWidth * channels]);
    return tf.pad(window, [[0, 0], [ki, kernel - 1 - ki], [kj * channels, (kernel - 1 - kj) * channels]]);
  });
  return tf.reshape(sumInGroups(parts), [n, height * width * channels]);
}

/**
 * addN over many tensors, a few at a time: WebGPU binds each input as a storage buffer and a device
 * may allow only 8 per shader stage, so one addN of k² = 25 blocks fails there. Groups of ≤ 7 inputs
 * (plus the output) stay within that limit on every backend, and the result is the same sum.
 */
export function sumInGroups(parts: tf.Tensor[], group = 7): tf.Tensor {
  let level = parts;
  while (level.length > 1) {
    const next: tf.Tensor[] = [];
    for (let i = 0; i < level.length; i += group) {
      const chunk = level.slice(i, i + group);
      next.push(chunk.length === 1 ? chunk[0] : tf.addN(chunk));
    }
    level = next;
  }
  return level[0];
}
