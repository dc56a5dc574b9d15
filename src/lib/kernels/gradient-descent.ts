/**
 * Full-batch gradient descent on L = ½ Σₚ (f(xₚ) − yₚ)², the loss under which the network's outputs
 * follow ḟ = −η Θ (f − y) (Jacot, Gabriel & Hongler 2018, §5). The parameter step is η/α²
 * (Chizat, Oyallon & Bach 2019): the α² in Θ cancels, so every α starts at the same speed in
 * function space and only the distance the weights must travel (∝ 1/α) differs.
 *
 *   aᵢ ← aᵢ − (η/α²) s Σₚ rₚ relu(uₚᵢ),   wᵢ ← wᵢ − (η/α²) s aᵢ Σₚ rₚ 1[uₚᵢ > 0] xₚ,   rₚ = f(xₚ) − yₚ.
 *
 * No allocation per step (the workspace holds the outputs and the residual); `train` fuses each
 * step's update with the next forward pass. Updates the weights in place; nothing to dispose.
 */
import { outputScale, type TwoLayerNet } from './two-layer-net';

export interface TrainingSet {
  /** Inputs, row-major count × inputDim. */
  x: Float64Array;
  /** Targets, length count. */
  y: Float64Array;
  count: number;
  inputDim: number;
}

export interface Workspace {
  outputs: Float64Array;
  residual: Float64Array;
  /** One unit's hidden gradient (inputs other than 2). */
  unitGradient: Float64Array;
}

export function createWorkspace(count: number, inputDim = 2): Workspace {
  return { outputs: new Float64Array(count), residual: new Float64Array(count), unitGradient: new Float64Array(inputDim) };
}

/** f(X) and the residual f(X) − y into the workspace; returns the mean squared residual. */
export function residualOf(net: TwoLayerNet, data: TrainingSet, work: Workspace): number {
  const { hidden, output, width, inputDim } = net;
  const { x, y, count } = data;
  const out = work.outputs;
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
  let squares = 0;
  for (let p = 0; p < count; p++) {
    out[p] *= scale;
    const r = out[p] - y[p];
    work.residual[p] = r;
    squares += r * r;
  }
  return squares / count;
}

/**
 * The update of one step from the residual in the workspace, fused with the forward pass at the new
 * weights: each unit is read once, updated, and its new contribution added to f(X). Leaves the new
 * outputs and residual in the workspace and returns the new mean squared residual. Gates by selection
 * rather than by branch (a ReLU's sign is a coin flip the branch predictor cannot learn).
 */
export function updateAndForward(net: TwoLayerNet, data: TrainingSet, stepSize: number, work: Workspace): number {
  const { hidden, output, width, inputDim } = net;
  const { x, count } = data;
  const r = work.residual;
  const next = work.outputs;
  next.fill(0);
  const factor = (stepSize / (net.alpha * net.alpha)) * outputScale(net);
  for (let i = 0; i < width; i++) {
    const a = output[i];
    let gradOut = 0;
    let aNew: number;
    if (inputDim === 2) {
      const w0 = hidden[2 * i];
      const w1 = hidden[2 * i + 1];
      let grad0 = 0;
      let grad1 = 0;
      for (let p = 0; p < count; p++) {
        const x0 = x[2 * p];
        const x1 = x[2 * p + 1];
        const u = w0 * x0 + w1 * x1;
        const e = u > 0 ? r[p] : 0;
        gradOut += e * u;
        grad0 += e * x0;
        grad1 += e * x1;
      }
      aNew = a - factor * gradOut;
      const v0 = w0 - factor * a * grad0;
      const v1 = w1 - factor * a * grad1;
      hidden[2 * i] = v0;
      hidden[2 * i + 1] = v1;
      for (let p = 0; p < count; p++) {
        const u = v0 * x[2 * p] + v1 * x[2 * p + 1];
        next[p] += u > 0 ? aNew * u : 0;
      }
    } else {
      const row = i * inputDim;
      const g = work.unitGradient;
      g.fill(0);
      for (let p = 0; p < count; p++) {
        let u = 0;
        for (let j = 0; j < inputDim; j++) u += hidden[row + j] * x[p * inputDim + j];
        const e = u > 0 ? r[p] : 0;
        gradOut += e * u;
        for (let j = 0; j < inputDim; j++) g[j] += e * x[p * inputDim + j];
      }
      aNew = a - factor * gradOut;
      for (let j = 0; j < inputDim; j++) hidden[row + j] -= factor * a * g[j];
      for (let p = 0; p < count; p++) {
        let u = 0;
        for (let j = 0; j < inputDim; j++) u += hidden[row + j] * x[p * inputDim + j];
        next[p] += u > 0 ? aNew * u : 0;
      }
    }
    output[i] = aNew;
  }
  const scale = outputScale(net);
  let squares = 0;
  for (let p = 0; p < count; p++) {
    next[p] *= scale;
    const rp = next[p] - data.y[p];
    r[p] = rp;
    squares += rp * rp;
  }
  return squares / count;
}

/** One full-batch step of size η (function space). Returns the mean squared residual before it. */
export function gradientDescentStep(net: TwoLayerNet, data: TrainingSet, stepSize: number, work: Workspace): number {
  const loss = residualOf(net, data, work);
  updateAndForward(net, data, stepSize, work);
  return loss;
}

/**
 * `steps` steps in steps + 1 passes over the units (one forward, then one fused pass per step).
 * Returns the mean squared residual after the last step (before any, when steps is 0).
 */
export function train(net: TwoLayerNet, data: TrainingSet, stepSize: number, steps: number, work: Workspace): number {
  return trainWithPeak(net, data, stepSize, steps, work).loss;
}

/**
 * As train, also returning the largest mean squared residual met on the way (NaN if any was NaN): a
 * too-large step can blow the error up to ∞ and then kill every ReLU, so that the last loss looks
 * calm (the dead network's constant error) although the run diverged.
 */
export function trainWithPeak(net: TwoLayerNet, data: TrainingSet, stepSize: number, steps: number, work: Workspace): { loss: number; peak: number } {
  let loss = residualOf(net, data, work);
  let peak = loss;
  for (let s = 0; s < steps; s++) {
    loss = updateAndForward(net, data, stepSize, work);
    peak = Number.isNaN(loss) || Number.isNaN(peak) ? NaN : Math.max(peak, loss);
  }
  return { loss, peak };
}
