/**
 * The chapter's figures' numbers as tables (issue 17: a data-table view of every plot): each view
 * registers, on its element, a builder over the metrics it last drew (src/viz/dataTable.ts).
 */
import type { Cell, DataTable } from '../../../../viz/dataTable';
import type { EigenDirectionsMetrics } from '../../runs/eigen-directions';
import type { KernelMotionMetrics } from '../../runs/kernel-motion';
import type { LazyRichMetrics } from '../../runs/lazy-rich';
import type { WidthEnsembleMetrics } from '../../runs/width-ensemble';
import { t } from '../../../../i18n/t';

/** Curves over the circle's grid: γ down the first column, one column per curve. */
function circleTable(title: string, grid: readonly number[], curves: readonly [string, readonly number[]][]): DataTable {
  return { title, columns: [t('angle γ on the circle'), ...curves.map(([label]) => label)], rows: grid.map((g, i) => [g, ...curves.map(([, ys]) => ys[i] ?? null)]) };
}

function pointsTable(m: { trainAngles: readonly number[]; targets: readonly number[] }): DataTable {
  return { title: t('Training points'), columns: [t('angle γ on the circle'), t('target f(γ)')], rows: m.trainAngles.map((a, i) => [a, m.targets[i]]) };
}

export function widthTables(title: string, m: WidthEnsembleMetrics | null): DataTable[] {
  if (!m) return [];
  return [
    circleTable(title, m.grid, [
      [t('infinite-width mean f(γ)'), m.limitMean],
      [t('infinite-width mean − 1 sd'), m.bandMean.map((v, i) => v - m.bandSd[i])],
      [t('infinite-width mean + 1 sd'), m.bandMean.map((v, i) => v + m.bandSd[i])],
      ...m.networks.map((ys, k): [string, number[]] => [t('network {n} f(γ)', { n: k + 1 }), ys]),
      ...m.kernelPaths.map((ys, k): [string, number[]] => [t('kernel twin {n} f(γ)', { n: k + 1 }), ys]),
    ]),
    pointsTable(m),
  ];
}

export function eigenTables(history: readonly EigenDirectionsMetrics[]): DataTable[] {
  const m = history.at(-1);
  if (!m) return [];
  const k = m.eigenvalues.map((_, i) => i + 1);
  const direction = (j: number, what: string) => t('direction {n}: {what}', { n: j, what: t(what) });
  return [
    {
      title: t('Eigen-directions of the kernel'),
      columns: [t('direction k'), t('eigenvalue λₖ'), t('eigenvalue of Θ∞'), t('rate ηλₖ'), t('⟨vₖ, r₀⟩'), t('⟨vₖ, r_t⟩'), t('linear prediction')],
      rows: k.map((j, i) => [j, m.eigenvalues[i], m.analyticEigenvalues[i], m.rates[i], m.initial[i], m.projections[i], m.predicted[i]]),
    },
    {
      title: t('Residual along each direction over training'),
      columns: [t('step'), ...k.flatMap((j) => [direction(j, 'measured'), direction(j, 'predicted')])],
      rows: history.map((h): Cell[] => [h.step, ...k.flatMap((_, i) => [h.projections[i], h.predicted[i]])]),
    },
    circleTable(t('The network f(γ) on the circle'), m.grid, [[t('network f(γ)'), m.network]]),
    pointsTable(m),
  ];
}

export function motionTables(title: string, m: KernelMotionMetrics | null): DataTable[] {
  if (!m) return [];
  const pct = (v: number) => 100 * v;
  return [{
    title,
    columns: [t('width'), t('kernel change (%)'), t('weight change (%)'), t('hidden layer change (%)'), t('output layer change (%)'), t('training error')],
    rows: m.widths.map((w, i) => [w, pct(m.kernelChange[i]), pct(m.weightChange[i]), pct(m.hiddenChange[i]), pct(m.outputChange[i]), m.loss[i]]),
  }];
}

export function lazyRichTables(m: LazyRichMetrics | null): DataTable[] {
  if (!m) return [];
  const pct = (v: number) => 100 * v;
  const alpha = (a: number) => `α = ${a}`;
  return [
    {
      title: t('Lazy and rich training, per α'),
      columns: ['α', t('training error'), t('gap to kernel regression (%)'), t('kernel change (%)'), t('feature kernel change (%)'), t('weight change (%)'), t('hidden layer change (%)'), t('output layer change (%)')],
      rows: m.regimes.map((r) => [alpha(r.alpha), r.loss, pct(r.gap), pct(r.kernelChange), pct(r.featureKernelChange), pct(r.weightChange), pct(r.hiddenChange), pct(r.outputChange)]),
    },
    circleTable(t('Trained networks f(γ) and kernel regression'), m.grid, [[t('kernel regression f(γ)'), m.kernelRegression], ...m.regimes.map((r): [string, number[]] => [t('network at {alpha} f(γ)', { alpha: alpha(r.alpha) }), r.network])]),
    pointsTable(m),
  ];
}
