/**
 * Live run for lazy vs rich: networks that differ only in the output scale α train side by side from
 * one seed (same draws; α multiplies the output, the parameter step is η/α², Chizat, Oyallon & Bach
 * 2019). α = 1 is the NTK regime, where the weights need to move only ∝ 1/√width to fit and the kernel
 * and the hidden features stay put; α = 1/√width is the mean-field scaling, where the units must travel
 * (Mei, Montanari & Nguyen 2018), the kernel moves by order one and the features gather where the
 * target needs them. Per α: the function, the kernel and weight changes, and the hidden units as bumps
 * on the circle (angle φᵢ, size ‖wᵢ‖, readout s aᵢ) now and at the start; and, for comparison, kernel
 * regression with Θ∞ from f₀ ≡ 0 (the end point of every α in the lazy limit). `dispose` drops references.
 */
import type { TrainResult } from '../../../lib/train/live-run';
import {
  analyticNtk,
  angleGrid,
  circlePoints,
  cloneNet,
  createNet,
  createWorkspace,
  featureDensity,
  forward,
  kernelRegression,
  relativeFrobenius,
  residualOf,
  tangentKernelParts,
  trainWithPeak,
  unitFeatures,
  weightChange,
  type KernelParts,
  type TrainingSet,
  type TwoLayerNet,
  type Workspace,
} from '../../../lib/kernels';
import { memberRng, rms, toyData, type ToySettings } from '../toy';

export { LAZY_RICH_DEFAULTS } from './defaults';

export interface LazyRichConfig extends ToySettings {
  width: number;
  /** One network per output scale α, all from the same seed. */
  alphas: number[];
  /** 'paired' starts every network at f₀ ≡ 0, so the α's differ only in how they move. */
  init: 'gaussian' | 'paired';
  gridSize: number;
  /** Units shown individually (the first ones; with 'paired', distinct draws while ≤ width/2). */
  sampleUnits: number;
  /** Bins of the feature density over the angle φ. */
  densityBins: number;
}


export const LAZY_RICH_LIVE_KEYS = ['stepSize'] as const satisfies readonly (keyof LazyRichConfig)[];

export interface UnitSample {
  angle: number[];
  norm: number[];
  readout: number[];
}

export interface RegimeMetrics {
  alpha: number;
  loss: number;
  /** f(γ) on the grid. */
  network: number[];
  /** RMS over the grid of (f − kernel regression), over RMS(y). */
  gap: number;
  /** ‖Θ_t − Θ₀‖_F / ‖Θ₀‖_F on the training points. */
  kernelChange: number;
  /** The same for the output layer's share of Θ: the kernel of the hidden features themselves. */
  featureKernelChange: number;
  /** ‖θ_t − θ₀‖/‖θ₀‖: all parameters, hidden layer, output layer. */
  weightChange: number;
  hiddenChange: number;
  outputChange: number;
  densityStart: number[];
  densityNow: number[];
  unitsStart: UnitSample;
  unitsNow: UnitSample;
}

export interface LazyRichMetrics {
  step: number;
  width: number;
  grid: number[];
  trainAngles: number[];
  targets: number[];
  /** Θ∞(γ, X) Θ∞(X, X)⁻¹ y on the grid: kernel regression from f₀ ≡ 0 (the mean over starts for a Gaussian one). */
  kernelRegression: number[];
  regimes: RegimeMetrics[];
}

interface Regime {
  net: TwoLayerNet;
  start: TwoLayerNet;
  kernelStart: KernelParts;
}

export class LazyRichRun {
  private stepCount = 0;
  private config: LazyRichConfig;
  private readonly regimes: Regime[];
  private readonly data: TrainingSet;
  private readonly work: Workspace;
  private readonly grid: Float64Array;
  private readonly gridPoints: Float64Array;
  private readonly units: Int32Array;
  private readonly regression: Float64Array;

  constructor(config: LazyRichConfig) {
    this.config = { ...config, alphas: [...config.alphas] };
    this.data = toyData(config);
    const n = this.data.count;
    this.work = createWorkspace(n);
    this.grid = angleGrid(config.gridSize);
    this.gridPoints = circlePoints(this.grid);
    this.units = Int32Array.from({ length: Math.min(config.sampleUnits, config.width) }, (_, i) => i);
    const limit = { parameterisation: 'ntk', alpha: 1, width: config.width, init: config.init } as const;
    this.regression = kernelRegression({
      trainKernel: analyticNtk(limit, this.data.x, n, this.data.x, n, 2),
      testKernel: analyticNtk(limit, this.gridPoints, config.gridSize, this.data.x, n, 2),
      trainCount: n,
      testCount: config.gridSize,
      targets: this.data.y,
    });
    this.regimes = config.alphas.map((alpha) => {
      const net = createNet({ inputDim: 2, width: config.width, parameterisation: 'ntk', alpha, init: config.init }, memberRng(config.seed, 0));
      return { net, start: cloneNet(net), kernelStart: tangentKernelParts(net, this.data.x, n, this.data.x, n) };
    });
  }

  get step(): number {
    return this.stepCount;
  }

  /** `steps` steps of every network; loss: the largest mean squared training error after them (the slowest regime's). */
  train(steps: number): TrainResult {
    let loss = 0;
    let peak = 0;
    for (const r of this.regimes) {
      const t = trainWithPeak(r.net, this.data, this.config.stepSize, steps, this.work);
      loss = Math.max(loss, t.loss);
      peak = Number.isNaN(t.peak) || Number.isNaN(peak) ? NaN : Math.max(peak, t.peak);
    }
    this.stepCount += steps;
    return { step: this.stepCount, loss, peakLoss: peak, diverged: !Number.isFinite(loss) || !Number.isFinite(peak) };
  }

  update(partial: Partial<LazyRichConfig>): void {
    if (partial.stepSize !== undefined) this.config.stepSize = partial.stepSize;
  }

  evaluate(): LazyRichMetrics {
    const n = this.data.count;
    const { densityBins } = this.config;
    const sample = (net: TwoLayerNet): UnitSample => {
      const f = unitFeatures(net, this.units);
      return { angle: Array.from(f.angle), norm: Array.from(f.norm), readout: Array.from(f.readout) };
    };
    return {
      step: this.stepCount,
      width: this.config.width,
      grid: Array.from(this.grid),
      trainAngles: [...this.config.angles],
      targets: Array.from(this.data.y),
      kernelRegression: Array.from(this.regression),
      regimes: this.regimes.map(({ net, start, kernelStart }) => {
        const kernel = tangentKernelParts(net, this.data.x, n, this.data.x, n);
        const change = weightChange(net, start);
        const network = forward(net, this.gridPoints, this.grid.length);
        return {
          alpha: net.alpha,
          loss: residualOf(net, this.data, this.work),
          network: Array.from(network),
          gap: rms(network.map((v, q) => v - this.regression[q])) / rms(this.data.y),
          kernelChange: relativeFrobenius(kernel.total, kernelStart.total),
          featureKernelChange: relativeFrobenius(kernel.outputLayer, kernelStart.outputLayer),
          weightChange: change.all,
          hiddenChange: change.hidden,
          outputChange: change.output,
          densityStart: Array.from(featureDensity(start, densityBins)),
          densityNow: Array.from(featureDensity(net, densityBins)),
          unitsStart: sample(start),
          unitsNow: sample(net),
        };
      }),
    };
  }

  memory(): { arrays: number; bytes: number } {
    return { arrays: 4 * this.regimes.length, bytes: this.regimes.reduce((s, r) => s + 2 * (r.net.hidden.byteLength + r.net.output.byteLength), 0) };
  }

  dispose(): void {
    this.regimes.length = 0;
  }
}
