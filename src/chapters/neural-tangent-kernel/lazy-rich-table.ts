/**
 * The numbers behind the lazy-vs-rich figure (`npm run reproduce -- ntk-lazy-rich`): networks of one
 * width that differ only in the output scale α (Chizat, Oyallon & Bach 2019; parameter step η/α²) train
 * on the toy from a 'paired' start (f₀ ≡ 0), and we measure, averaged over the members,
 *
 *   kernel change          ‖Θ_T − Θ₀‖_F / ‖Θ₀‖_F on the training points,
 *   feature-kernel change  the same for the output layer's share s² Σ relu(uᵢ) relu(uᵢ′) (the hidden features' kernel),
 *   hidden change          ‖W_T − W₀‖_F / ‖W₀‖_F,
 *   spread                 exp(entropy) / bins of the features' output mass over 36 bins of angle φ (1: even; small: gathered),
 *   gap                    RMS_γ (f_T − f∞) / RMS(y), f∞ kernel regression with Θ∞ (the same for every α when f₀ ≡ 0).
 */
import {
  analyticNtk,
  angleGrid,
  circlePoints,
  cloneNet,
  createWorkspace,
  featureDensity,
  forward,
  kernelRegression,
  relativeFrobenius,
  tangentKernelParts,
  train,
  weightChange,
} from '../../lib/kernels';
import { TOY_DEFAULTS, createEnsemble, rms, toyData, type ToySettings } from './toy';
import { summarise, type Summary } from './width-table';

export interface LazyRichTableOptions extends ToySettings {
  width: number;
  alphas: number[];
  members: number;
  steps: number;
  gridSize: number;
  bins: number;
}

export const LAZY_RICH_TABLE_DEFAULTS: LazyRichTableOptions = {
  ...TOY_DEFAULTS,
  width: 1000,
  alphas: [10, 1, 0.3, 0.1, 1 / Math.sqrt(1000)],
  members: 5,
  steps: 2000,
  gridSize: 201,
  bins: 36,
};

export interface LazyRichRow {
  alpha: number;
  finalLoss: number;
  kernelChange: Summary;
  featureKernelChange: Summary;
  hiddenChange: Summary;
  spreadStart: Summary;
  spreadEnd: Summary;
  gap: Summary;
}

/** exp(entropy) / bins of a distribution over bins. */
export function spread(density: Float64Array): number {
  let entropy = 0;
  for (const p of density) if (p > 0) entropy -= p * Math.log(p);
  return Math.exp(entropy) / density.length;
}

export function lazyRichTable(options: LazyRichTableOptions): LazyRichRow[] {
  const data = toyData(options);
  const n = data.count;
  const m = options.gridSize;
  const grid = circlePoints(angleGrid(m));
  const work = createWorkspace(n);
  const kernelSpec = { parameterisation: 'ntk', alpha: 1, width: options.width, init: 'paired' } as const;
  const regression = kernelRegression({
    trainKernel: analyticNtk(kernelSpec, data.x, n, data.x, n, 2),
    testKernel: analyticNtk(kernelSpec, grid, m, data.x, n, 2),
    trainCount: n,
    testCount: m,
    targets: data.y,
  });
  const scale = rms(data.y);
  return options.alphas.map((alpha) => {
    const spec = { inputDim: 2, width: options.width, parameterisation: 'ntk', alpha, init: 'paired' } as const;
    const columns = { kernel: [] as number[], feature: [] as number[], hidden: [] as number[], spreadStart: [] as number[], spreadEnd: [] as number[], gap: [] as number[] };
    let finalLoss = 0;
    for (const net of createEnsemble(spec, options.seed, options.members)) {
      const start = cloneNet(net);
      const before = tangentKernelParts(net, data.x, n, data.x, n);
      train(net, data, options.stepSize, options.steps, work);
      const after = tangentKernelParts(net, data.x, n, data.x, n);
      const f = forward(net, data.x, n);
      finalLoss = Math.max(finalLoss, f.reduce((s, v, p) => s + (v - data.y[p]) ** 2, 0) / n);
      columns.kernel.push(relativeFrobenius(after.total, before.total));
      columns.feature.push(relativeFrobenius(after.outputLayer, before.outputLayer));
      columns.hidden.push(weightChange(net, start).hidden);
      columns.spreadStart.push(spread(featureDensity(start, options.bins)));
      columns.spreadEnd.push(spread(featureDensity(net, options.bins)));
      const trained = forward(net, grid, m);
      columns.gap.push(rms(trained.map((v, q) => v - regression[q])) / scale);
    }
    return {
      alpha,
      finalLoss,
      kernelChange: summarise(columns.kernel),
      featureKernelChange: summarise(columns.feature),
      hiddenChange: summarise(columns.hidden),
      spreadStart: summarise(columns.spreadStart),
      spreadEnd: summarise(columns.spreadEnd),
      gap: summarise(columns.gap),
    };
  });
}
