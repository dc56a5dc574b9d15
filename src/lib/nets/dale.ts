/**
 * A network that obeys Dale's law: every neuron is excitatory or inhibitory, fixed, and all of its
 * outgoing weights share that sign, W[i][j] = sᵢ |W[i][j]| with sᵢ = +1 (E) or −1 (I) for presynaptic
 * neuron i (input pixels and hidden units alike). Magnitudes are log-normal, log|W| ~ N(log aₛ, σ²),
 * as measured synaptic strengths are (Song et al. 2005; Buzsáki & Mizuseki 2014). A fraction f_E of
 * each layer's neurons is excitatory; inhibitory magnitudes are f_E/(1 − f_E) times larger so that
 * excitation and inhibition balance on average (E[W] = 0), and the overall scale gives
 * E[W²] = gain / fanIn (He's scale for gain 2).
 *
 * The net is an Mlp (nets/mlp.ts: Wℓ [fanIn, fanOut], row i = presynaptic neuron i), so forward and the
 * written-out backward apply unchanged; Dale's law is a property of the weights, kept or broken by the
 * update rule (exponentiated gradient keeps every sign; gradient descent may flip them). Biases start
 * at 0 and carry no sign constraint. Weights are drawn in JavaScript from the seeded Rng; dispose with
 * disposeMlp.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../random';
import type { Mlp, MlpSpec } from './mlp';

export interface DaleSpec extends MlpSpec {
  /** f_E, the fraction of each layer's neurons that is excitatory (0.8 in cortex). */
  excitatoryFraction: number;
  /** σ, the standard deviation of log|W| (≈ 1 for cortical synapses). */
  logStd: number;
  /** E[W²] = gain / fanIn. Default 2. */
  gain?: number;
}

export interface DaleNet extends Mlp {
  spec: DaleSpec;
  /** signs[ℓ][i] = +1 or −1: the sign of presynaptic neuron i of layer ℓ (length fanIn). */
  signs: Int8Array[];
}

/** The signs and weights of a Dale network: per layer, sᵢ for each presynaptic neuron and W [fanIn × fanOut]. */
export function initialDaleWeights(spec: DaleSpec, rng: Rng): { signs: Int8Array[]; weights: Float32Array[] } {
  const { excitatoryFraction: fE, logStd: sigma, gain = 2 } = spec;
  if (!(fE > 0 && fE < 1)) throw new RangeError(`Dale network: excitatory fraction ${fE} must lie in (0, 1)`);
  if (!(sigma >= 0)) throw new RangeError(`Dale network: log-weight spread ${sigma} must be ≥ 0`);
  const signs: Int8Array[] = [];
  const weights: Float32Array[] = [];
  for (let l = 0; l < spec.sizes.length - 1; l++) {
    const fanIn = spec.sizes[l];
    const fanOut = spec.sizes[l + 1];
    const layerRng = rng.fork(`layer-${l}`);
    const s = new Int8Array(fanIn).fill(-1);
    const excitatory = Math.round(fE * fanIn);
    for (const i of layerRng.fork('signs').permutation(fanIn).subarray(0, excitatory)) s[i] = 1;
    // E[W²] = e^{2σ²} a_E² f_E/(1 − f_E) = gain/fanIn with a_I = a_E f_E/(1 − f_E).
    const scaleE = Math.exp(-sigma * sigma) * Math.sqrt((gain * (1 - fE)) / (fE * fanIn));
    const scaleI = (scaleE * fE) / (1 - fE);
    const draws = layerRng.fork('magnitudes');
    const w = new Float32Array(fanIn * fanOut);
    for (let i = 0; i < fanIn; i++) {
      const scale = s[i] > 0 ? scaleE : -scaleI;
      for (let j = 0; j < fanOut; j++) w[i * fanOut + j] = scale * Math.exp(sigma * draws.normal());
    }
    signs.push(s);
    weights.push(w);
  }
  return { signs, weights };
}

export function createDaleNet(spec: DaleSpec, rng: Rng): DaleNet {
  if (spec.sizes.length < 2) throw new Error(`A Dale network needs at least two layer sizes, got [${spec.sizes.join(', ')}]`);
  const init = initialDaleWeights(spec, rng);
  const { weights, biases } = tf.tidy(() => ({
    weights: init.weights.map((w, l) => tf.variable(tf.tensor2d(w, [spec.sizes[l], spec.sizes[l + 1]]), true, undefined, 'float32')),
    biases: spec.sizes.slice(1).map((n) => tf.variable(tf.zeros<tf.Rank.R1>([n]), true, undefined, 'float32')),
  }));
  return { spec, weights, biases, signs: init.signs };
}

/** Weights whose sign is opposite to their presynaptic neuron's (Dale violations), per layer and in all. */
export function daleViolations(signs: Int8Array[], weights: ArrayLike<number>[]): { perLayer: number[]; count: number; total: number } {
  const perLayer = weights.map((w, l) => {
    const s = signs[l];
    const fanOut = w.length / s.length;
    let flipped = 0;
    for (let k = 0; k < w.length; k++) if (w[k] * s[Math.floor(k / fanOut)] < 0) flipped++;
    return flipped;
  });
  return { perLayer, count: perLayer.reduce((a, b) => a + b, 0), total: weights.reduce((a, w) => a + w.length, 0) };
}
