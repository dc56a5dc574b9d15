/**
 * The numbers behind the chapter's width figures (`npm run reproduce -- ntk-width`): for each width,
 * an ensemble of networks (members 0…k−1 of one seed) trains on the toy to convergence, and we measure,
 * each averaged over the members,
 *
 *   deviation     ‖Θ₀ − Θ∞‖_F / ‖Θ∞‖_F            the empirical kernel at initialisation vs the analytic one,
 *   kernel change ‖Θ_T − Θ₀‖_F / ‖Θ₀‖_F            how far training moved it,
 *   weight change ‖θ_T − θ₀‖ / ‖θ₀‖,
 *   gap           RMS_γ (f_T(γ) − f∞(γ)) / RMS_p(yₚ)  the trained net vs kernel regression with Θ∞ from the
 *                                                   same f₀, over a grid of angles on [−π, π],
 *
 * all kernels on the four training points, T the number of steps. Jacot, Gabriel & Hongler (2018,
 * Thms 1–2) predict the first three vanish as the width grows, like 1/√width (Lee et al. 2019).
 */
import {
  analyticNtk,
  angleGrid,
  circlePoints,
  cloneNet,
  createWorkspace,
  forward,
  kernelRegression,
  relativeFrobenius,
  tangentKernel,
  train,
  weightChange,
} from '../../lib/kernels';
import { TOY_DEFAULTS, createEnsemble, rms, toyData, type ToySettings } from './toy';

export interface WidthTableOptions extends ToySettings {
  widths: number[];
  members: number;
  steps: number;
  gridSize: number;
}

export const WIDTH_TABLE_DEFAULTS: WidthTableOptions = { ...TOY_DEFAULTS, widths: [10, 100, 1000, 10000], members: 10, steps: 1000, gridSize: 201 };

export interface Summary {
  mean: number;
  sd: number;
}

export interface WidthRow {
  width: number;
  deviation: Summary;
  kernelChange: Summary;
  weightChange: Summary;
  gap: Summary;
  /** The largest final mean squared training residual over the members. */
  finalLoss: number;
  /** Members whose final mean squared training residual is below 1e-6. */
  fitted: number;
  /** Wall time for this width (all members), ms. */
  millis: number;
}

export function summarise(values: number[]): Summary {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.length > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean, sd: Math.sqrt(variance) };
}

export function widthTable(options: WidthTableOptions, progress: (line: string) => void = () => {}): WidthRow[] {
  const data = toyData(options);
  const n = data.count;
  const grid = circlePoints(angleGrid(options.gridSize));
  const m = options.gridSize;
  const scale = rms(data.y);
  const work = createWorkspace(n);
  return options.widths.map((width) => {
    const started = performance.now();
    const spec = { inputDim: 2, width, parameterisation: 'ntk', alpha: 1, init: 'gaussian' } as const;
    const limitTrain = analyticNtk(spec, data.x, n, data.x, n, 2);
    const limitGrid = analyticNtk(spec, grid, m, data.x, n, 2);
    const deviation: number[] = [];
    const kernelChange: number[] = [];
    const weights: number[] = [];
    const gap: number[] = [];
    let finalLoss = 0;
    let fitted = 0;
    for (const net of createEnsemble(spec, options.seed, options.members)) {
      const start = cloneNet(net);
      const kernelStart = tangentKernel(net, data.x, n, data.x, n);
      deviation.push(relativeFrobenius(kernelStart, limitTrain));
      const regression = kernelRegression({
        trainKernel: limitTrain,
        testKernel: limitGrid,
        trainCount: n,
        testCount: m,
        targets: data.y,
        initialTrain: forward(net, data.x, n),
        initialTest: forward(net, grid, m),
      });
      train(net, data, options.stepSize, options.steps, work);
      const f = forward(net, data.x, n);
      const loss = f.reduce((s, v, p) => s + (v - data.y[p]) ** 2, 0) / n;
      finalLoss = Math.max(finalLoss, loss);
      if (loss < 1e-6) fitted++;
      kernelChange.push(relativeFrobenius(tangentKernel(net, data.x, n, data.x, n), kernelStart));
      weights.push(weightChange(net, start).all);
      const trained = forward(net, grid, m);
      gap.push(rms(trained.map((v, q) => v - regression[q])) / scale);
    }
    const millis = performance.now() - started;
    progress(`  width ${width}: ${options.members} networks × ${options.steps} steps in ${(millis / 1000).toFixed(1)} s`);
    return { width, deviation: summarise(deviation), kernelChange: summarise(kernelChange), weightChange: summarise(weights), gap: summarise(gap), finalLoss, fitted, millis };
  });
}

export interface BandCheck {
  band: string;
  value: string;
  pass: boolean;
}

/** science.md's bands, where the widths allow them. */
export function widthBands(rows: WidthRow[]): BandCheck[] {
  const checks: BandCheck[] = [];
  for (const row of rows) {
    const narrower = rows.find((r) => r.width * 10 === row.width);
    if (!narrower) continue;
    const ratio = narrower.deviation.mean / row.deviation.mean;
    checks.push({ band: `deviation shrinks 2–4.5× from width ${narrower.width} to ${row.width}`, value: `${ratio.toFixed(2)}×`, pass: ratio >= 2 && ratio <= 4.5 });
  }
  const widest = rows.find((r) => r.width === 10_000);
  if (widest) {
    checks.push({ band: 'kernel change ≤ 1% at width 10,000', value: `${(100 * widest.kernelChange.mean).toFixed(2)}%`, pass: widest.kernelChange.mean <= 0.01 });
    checks.push({ band: 'gap ≤ 0.03 at width 10,000', value: widest.gap.mean.toFixed(4), pass: widest.gap.mean <= 0.03 });
  }
  return checks;
}
