/**
 * A one-hidden-layer ReLU network with a scalar output, in the NTK or the standard parameterisation:
 *
 *   f(x) = s · Σᵢ aᵢ · relu(wᵢ · x),   i = 1…n (the width),
 *
 * NTK parameterisation (Jacot, Gabriel & Hongler 2018, eq. 1): wᵢⱼ ~ N(0, 1), aᵢ ~ N(0, 1), s = α/√n.
 * Standard parameterisation: the 1/√n moves into the initial variance, aᵢ ~ N(0, 1/n), s = α.
 * Both draw from the same normals, so one seed gives the same function at initialisation; they differ
 * in their gradients (the standard one's output-layer gradient is √n larger, its hidden one √n smaller).
 * α is the output scale of Chizat, Oyallon & Bach (2019): trained with the parameter step η/α²
 * (gradient-descent.ts), α = 1 is the NTK regime, larger α lazier, α = 1/√n the mean-field (rich) one.
 *
 * Jacot et al. also divide the input by √n₀ and add a bias βb; we do neither (β = 0, and inputs on the
 * unit circle already give preactivations of unit variance), so our kernel is theirs times n₀.
 *
 * `init: 'paired'` draws n/2 units and copies each with the opposite output weight, so f₀ ≡ 0
 * (Chizat et al.'s symmetrised start): useful when α is large.
 *
 * Shapes: inputs are row-major Float64Array (count × inputDim); `hidden` is width × inputDim (row i is wᵢ),
 * `output` has length width. Parameters flatten as [hidden…, output…]. Plain arrays: nothing to dispose.
 */
import type { Rng } from '../random';

export type Parameterisation = 'ntk' | 'standard';

export interface TwoLayerSpec {
  inputDim: number;
  width: number;
  parameterisation: Parameterisation;
  /** Output scale α (1 = the NTK parameterisation as written). */
  alpha: number;
  init: 'gaussian' | 'paired';
}

export interface TwoLayerNet extends TwoLayerSpec {
  /** width × inputDim, row i = wᵢ. */
  hidden: Float64Array;
  /** aᵢ, length width. */
  output: Float64Array;
}

export const DEFAULT_SPEC: TwoLayerSpec = { inputDim: 2, width: 1000, parameterisation: 'ntk', alpha: 1, init: 'gaussian' };

/** The factor s in f = s Σ aᵢ relu(wᵢ·x). */
export function outputScale(net: TwoLayerSpec): number {
  return net.parameterisation === 'ntk' ? net.alpha / Math.sqrt(net.width) : net.alpha;
}

export function parameterCount(net: TwoLayerSpec): number {
  return net.width * (net.inputDim + 1);
}

/**
 * Draws the initial weights: hidden ones from rng.fork('hidden'), output ones from rng.fork('output'),
 * unit by unit, so with one seed a wider 'gaussian' net begins with the units of a narrower one.
 */
export function createNet(spec: TwoLayerSpec, rng: Rng): TwoLayerNet {
  const { inputDim, width } = spec;
  if (!(width >= 1 && Number.isInteger(width))) throw new Error(`width must be a positive integer, got ${width}`);
  if (spec.init === 'paired' && width % 2 !== 0) throw new Error(`paired init needs an even width, got ${width}`);
  const hidden = new Float64Array(width * inputDim);
  const output = new Float64Array(width);
  const hiddenRng = rng.fork('hidden');
  const outputRng = rng.fork('output');
  const outputStd = spec.parameterisation === 'ntk' ? 1 : 1 / Math.sqrt(width);
  const drawn = spec.init === 'paired' ? width / 2 : width;
  for (let i = 0; i < drawn; i++) {
    for (let j = 0; j < inputDim; j++) hidden[i * inputDim + j] = hiddenRng.normal();
    output[i] = outputStd * outputRng.normal();
  }
  if (spec.init === 'paired') {
    hidden.copyWithin(drawn * inputDim, 0, drawn * inputDim);
    for (let i = 0; i < drawn; i++) output[drawn + i] = -output[i];
  }
  return { ...spec, hidden, output };
}

export function cloneNet(net: TwoLayerNet): TwoLayerNet {
  return { ...net, hidden: net.hidden.slice(), output: net.output.slice() };
}

/** Copies `from`'s weights into `to` (same shape), without allocating. */
export function copyWeights(from: TwoLayerNet, to: TwoLayerNet): void {
  to.hidden.set(from.hidden);
  to.output.set(from.output);
}

/** The parameters as one vector [hidden…, output…]. */
export function flattenParameters(net: TwoLayerNet): Float64Array {
  const flat = new Float64Array(parameterCount(net));
  flat.set(net.hidden, 0);
  flat.set(net.output, net.hidden.length);
  return flat;
}

/** Sets the parameters from one vector [hidden…, output…]. */
export function setParameters(net: TwoLayerNet, flat: Float64Array): void {
  net.hidden.set(flat.subarray(0, net.hidden.length));
  net.output.set(flat.subarray(net.hidden.length));
}

/**
 * f(x) for `count` inputs (row-major, count × inputDim), written into `out` (allocated if absent).
 * Units outside, inputs inside: each unit's weights are read once, however many inputs.
 */
export function forward(net: TwoLayerNet, x: Float64Array, count: number, out = new Float64Array(count)): Float64Array {
  const { hidden, output, width, inputDim } = net;
  out.fill(0);
  for (let i = 0; i < width; i++) {
    const a = output[i];
    if (inputDim === 2) {
      const w0 = hidden[2 * i];
      const w1 = hidden[2 * i + 1];
      for (let p = 0; p < count; p++) {
        const u = w0 * x[2 * p] + w1 * x[2 * p + 1];
        out[p] += u > 0 ? a * u : 0;
      }
    } else {
      for (let p = 0; p < count; p++) {
        let u = 0;
        for (let j = 0; j < inputDim; j++) u += hidden[i * inputDim + j] * x[p * inputDim + j];
        out[p] += u > 0 ? a * u : 0;
      }
    }
  }
  const scale = outputScale(net);
  for (let p = 0; p < count; p++) out[p] *= scale;
  return out;
}

/** Hidden preactivations uᵢ(x) = wᵢ·x, written row-major (count × width) into `out`. */
export function preactivations(net: TwoLayerNet, x: Float64Array, count: number, out = new Float64Array(count * net.width)): Float64Array {
  const { hidden, width, inputDim } = net;
  for (let p = 0; p < count; p++) {
    for (let i = 0; i < width; i++) {
      let u = 0;
      for (let j = 0; j < inputDim; j++) u += hidden[i * inputDim + j] * x[p * inputDim + j];
      out[p * width + i] = u;
    }
  }
  return out;
}
