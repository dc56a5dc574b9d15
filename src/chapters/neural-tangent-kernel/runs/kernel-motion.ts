/**
 * Live run for "the kernel that stops moving": small ensembles at several widths train side by side
 * on the toy; at each evaluation, per width, how far the tangent kernel and the weights have moved,
 *
 *   ‖Θ_t − Θ₀‖_F / ‖Θ₀‖_F on the training points,   ‖θ_t − θ₀‖ / ‖θ₀‖ (all, hidden, output),
 *
 * which in the NTK parameterisation fall like 1/√width (Jacot, Gabriel & Hongler 2018, Thm 2), and,
 * for one width, Θ before / now / in the limit on the training points and on a ring of probe angles
 * (the heatmaps). Plain typed arrays; `dispose` only drops references.
 */
import type { TrainResult } from '../../../lib/train/live-run';
import {
  analyticNtk,
  angleGrid,
  circlePoints,
  cloneNet,
  createWorkspace,
  relativeFrobenius,
  residualOf,
  tangentKernel,
  trainWithPeak,
  weightChange,
  type TrainingSet,
  type TwoLayerNet,
  type Workspace,
} from '../../../lib/kernels';
import { createEnsemble, toRows, toyData, type ToySettings } from '../toy';

export { KERNEL_MOTION_DEFAULTS } from './defaults';

export interface KernelMotionConfig extends ToySettings {
  widths: number[];
  /** Networks per width (seeds member-0…). */
  members: number;
  /** The width whose kernels the heatmaps show (one of `widths`). */
  heatmapWidth: number;
  /** Probe angles, evenly spaced on [−π, π], for the heatmaps. */
  probeCount: number;
}


export const KERNEL_MOTION_LIVE_KEYS = ['stepSize', 'heatmapWidth'] as const satisfies readonly (keyof KernelMotionConfig)[];

export interface KernelHeatmaps {
  width: number;
  trainAngles: number[];
  trainBefore: number[][];
  trainNow: number[][];
  trainLimit: number[][];
  probeAngles: number[];
  probeBefore: number[][];
  probeNow: number[][];
  probeLimit: number[][];
}

export interface KernelMotionMetrics {
  step: number;
  widths: number[];
  /** Mean over members of the relative kernel change, per width. */
  kernelChange: number[];
  /** Per width, per member. */
  kernelChangeMembers: number[][];
  /** Mean over members of ‖θ_t − θ₀‖/‖θ₀‖, per width: all parameters, hidden layer, output layer. */
  weightChange: number[];
  hiddenChange: number[];
  outputChange: number[];
  /** Mean over members of the mean squared training residual, per width. */
  loss: number[];
  /** Member 0 of `heatmapWidth`. */
  heatmaps: KernelHeatmaps;
}

interface Group {
  width: number;
  nets: TwoLayerNet[];
  starts: TwoLayerNet[];
  kernelsAtStart: Float64Array[];
  losses: Float64Array;
}

export class KernelMotionRun {
  private stepCount = 0;
  private config: KernelMotionConfig;
  private readonly groups: Group[];
  private readonly work: Workspace;
  private readonly data: TrainingSet;
  private readonly probes: Float64Array;
  private readonly probePoints: Float64Array;
  private probeBefore: Float64Array;

  constructor(config: KernelMotionConfig) {
    if (!config.widths.includes(config.heatmapWidth)) throw new Error(`kernel-motion: heatmapWidth ${config.heatmapWidth} is not one of the widths`);
    this.config = { ...config, widths: [...config.widths] };
    this.data = toyData(config);
    const n = this.data.count;
    this.work = createWorkspace(n);
    this.groups = config.widths.map((width) => {
      const nets = createEnsemble({ inputDim: 2, width, parameterisation: 'ntk', alpha: 1, init: 'gaussian' }, config.seed, config.members);
      return {
        width,
        nets,
        starts: nets.map(cloneNet),
        kernelsAtStart: nets.map((net) => tangentKernel(net, this.data.x, n, this.data.x, n)),
        losses: new Float64Array(config.members),
      };
    });
    this.probes = angleGrid(config.probeCount + 1).subarray(0, config.probeCount);
    this.probePoints = circlePoints(this.probes);
    this.probeBefore = this.probeKernel(this.heatmapGroup().starts[0]);
  }

  get step(): number {
    return this.stepCount;
  }

  /** `steps` steps of every network; loss: the widest networks' mean squared training error after them. */
  train(steps: number): TrainResult {
    let peak = 0;
    for (const group of this.groups)
      group.nets.forEach((net, k) => {
        const r = trainWithPeak(net, this.data, this.config.stepSize, steps, this.work);
        group.losses[k] = r.loss;
        peak = Number.isNaN(r.peak) || Number.isNaN(peak) ? NaN : Math.max(peak, r.peak);
      });
    this.stepCount += steps;
    const loss = this.groups[this.groups.length - 1].losses.reduce((a, b) => a + b, 0) / this.config.members;
    return { step: this.stepCount, loss, peakLoss: peak, diverged: !Number.isFinite(peak) || !this.groups.every((g) => g.losses.every(Number.isFinite)) };
  }

  update(partial: Partial<KernelMotionConfig>): void {
    if (partial.stepSize !== undefined) this.config.stepSize = partial.stepSize;
    if (partial.heatmapWidth !== undefined && partial.heatmapWidth !== this.config.heatmapWidth) {
      if (!this.config.widths.includes(partial.heatmapWidth)) throw new Error(`kernel-motion: heatmapWidth ${partial.heatmapWidth} is not one of the widths`);
      this.config.heatmapWidth = partial.heatmapWidth;
      this.probeBefore = this.probeKernel(this.heatmapGroup().starts[0]);
    }
  }

  evaluate(): KernelMotionMetrics {
    const n = this.data.count;
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const kernelChangeMembers = this.groups.map((g) => g.nets.map((net, k) => relativeFrobenius(tangentKernel(net, this.data.x, n, this.data.x, n), g.kernelsAtStart[k])));
    const changes = this.groups.map((g) => g.nets.map((net, k) => weightChange(net, g.starts[k])));
    const loss = this.groups.map((g) => mean(g.nets.map((net) => this.meanSquaredResidual(net))));
    const group = this.heatmapGroup();
    const spec = { parameterisation: 'ntk', alpha: 1, width: group.width, init: 'gaussian' } as const;
    const count = this.probes.length;
    return {
      step: this.stepCount,
      widths: this.groups.map((g) => g.width),
      kernelChange: kernelChangeMembers.map(mean),
      kernelChangeMembers,
      weightChange: changes.map((c) => mean(c.map((w) => w.all))),
      hiddenChange: changes.map((c) => mean(c.map((w) => w.hidden))),
      outputChange: changes.map((c) => mean(c.map((w) => w.output))),
      loss,
      heatmaps: {
        width: group.width,
        trainAngles: [...this.config.angles],
        trainBefore: toRows(group.kernelsAtStart[0], n, n),
        trainNow: toRows(tangentKernel(group.nets[0], this.data.x, n, this.data.x, n), n, n),
        trainLimit: toRows(analyticNtk(spec, this.data.x, n, this.data.x, n, 2), n, n),
        probeAngles: Array.from(this.probes),
        probeBefore: toRows(this.probeBefore, count, count),
        probeNow: toRows(this.probeKernel(group.nets[0]), count, count),
        probeLimit: toRows(analyticNtk(spec, this.probePoints, count, this.probePoints, count, 2), count, count),
      },
    };
  }

  memory(): { arrays: number; bytes: number } {
    let arrays = 0;
    let bytes = 0;
    for (const g of this.groups) {
      for (const net of [...g.nets, ...g.starts]) {
        arrays += 2;
        bytes += net.hidden.byteLength + net.output.byteLength;
      }
    }
    return { arrays, bytes };
  }

  dispose(): void {
    this.groups.length = 0;
  }

  private heatmapGroup(): Group {
    return this.groups.find((g) => g.width === this.config.heatmapWidth)!;
  }

  private probeKernel(net: TwoLayerNet): Float64Array {
    const count = this.probes.length;
    return tangentKernel(net, this.probePoints, count, this.probePoints, count);
  }

  private meanSquaredResidual(net: TwoLayerNet): number {
    return residualOf(net, this.data, this.work);
  }
}
