/**
 * What each hidden unit of a two-input net computes, on the unit circle x = (cos γ, sin γ):
 *
 *   relu(wᵢ·x) = ‖wᵢ‖ · relu(cos(γ − φᵢ)),   φᵢ = atan2(wᵢ₂, wᵢ₁),
 *
 * a bump of height ‖wᵢ‖ centred on the angle φᵢ, weighted in the output by s·aᵢ. In the lazy regime
 * the (φᵢ, ‖wᵢ‖) barely move and only the readout of fixed random features is learned; in the rich
 * regime (small α, Chizat, Oyallon & Bach 2019) units travel and gather where the target needs them.
 * Plain arrays; nothing to dispose.
 */
import { outputScale, type TwoLayerNet } from './two-layer-net';

export interface UnitFeatures {
  /** φᵢ in (−π, π]. */
  angle: Float64Array;
  /** ‖wᵢ‖. */
  norm: Float64Array;
  /** s·aᵢ: the unit's weight in the output. */
  readout: Float64Array;
}

/** The features of the listed units (every unit when `units` is absent). Needs inputDim 2. */
export function unitFeatures(net: TwoLayerNet, units?: ArrayLike<number>): UnitFeatures {
  if (net.inputDim !== 2) throw new Error('unitFeatures: the circle picture needs 2 inputs');
  const count = units ? units.length : net.width;
  const angle = new Float64Array(count);
  const norm = new Float64Array(count);
  const readout = new Float64Array(count);
  const scale = outputScale(net);
  for (let k = 0; k < count; k++) {
    const i = units ? units[k] : k;
    const w0 = net.hidden[2 * i];
    const w1 = net.hidden[2 * i + 1];
    angle[k] = Math.atan2(w1, w0);
    norm[k] = Math.hypot(w0, w1);
    readout[k] = scale * net.output[i];
  }
  return { angle, norm, readout };
}

/**
 * A histogram over φ (`bins` equal bins on [−π, π]) of each unit's share of the output, |s aᵢ| ‖wᵢ‖,
 * normalised to sum 1: where on the circle the network has put its features.
 */
export function featureDensity(net: TwoLayerNet, bins: number): Float64Array {
  const { angle, norm, readout } = unitFeatures(net);
  const hist = new Float64Array(bins);
  let total = 0;
  for (let i = 0; i < angle.length; i++) {
    const mass = Math.abs(readout[i]) * norm[i];
    const bin = Math.min(bins - 1, Math.floor(((angle[i] + Math.PI) / (2 * Math.PI)) * bins));
    hist[bin] += mass;
    total += mass;
  }
  if (total > 0) for (let b = 0; b < bins; b++) hist[b] /= total;
  return hist;
}
