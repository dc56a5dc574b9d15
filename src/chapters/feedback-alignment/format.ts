/**
 * Markdown tables for the Feedback-alignment chapter's reproduce entries: plain strings, so the
 * same text can be printed by `npm run reproduce` and checked by a test.
 */
import type { EqPropTable } from './runs/eqprop';
import type { FaMnistTable } from './runs/mnist';
import type { LinearTaskMetrics } from './runs/linear';
import type { ForwardForwardRow } from './runs/forward-forward';

export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---:').join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const error = (x: number) => (x === 0 || x >= 1e-3 ? x.toFixed(4) : x.toExponential(1));
const deg = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${x.toFixed(1)}°`);

export function formatFaLinear(rows: LinearTaskMetrics[], rules: string[]): string {
  const fa = rules.indexOf('fa');
  return markdownTable(
    ['samples', ...rules.map((r) => `${r} error`), 'FA angle to BP'],
    rows.map((r) => [r.samples.toLocaleString('en-US'), ...r.errors.map(error), deg(r.angles[fa])]),
  );
}

export function formatFaMnist(table: FaMnistTable): string {
  const accuracy = markdownTable(
    ['rule', ...table.accuracy.map((_, e) => `epoch ${e + 1}`)],
    table.rules.map((rule, i) => [rule, ...table.accuracy.map((row) => pct(row[i]))]),
  );
  const shown = table.rules.map((r, i) => [r, i] as const).filter(([r]) => r !== 'backprop' && r !== 'output-only');
  const withFeedback = shown.filter(([, i]) => table.feedbackAngles.some((row) => row[i] !== null));
  const angles = markdownTable(
    ['step', ...shown.map(([r]) => `${r}: δ angle to BP`), ...withFeedback.map(([r]) => `${r}: angle(W, Bᵀ)`)],
    table.angleSteps.map((step, k) => [step, ...shown.map(([, i]) => deg(table.angles[k][i])), ...withFeedback.map(([, i]) => deg(table.feedbackAngles[k][i]))]),
  );
  return `${accuracy}\n\n${angles}`;
}

export function formatForwardForward(rows: ForwardForwardRow[]): string {
  const layers = rows[0]?.goodnessPositive.length ?? 0;
  return markdownTable(
    ['epoch', 'test accuracy', ...Array.from({ length: layers }, (_, l) => `layer ${l + 1} goodness +/−`), ...Array.from({ length: layers }, (_, l) => `layer ${l + 1} loss`)],
    rows.map((r) => [
      r.epoch.toFixed(0),
      pct(r.testAccuracy),
      ...r.goodnessPositive.map((g, l) => `${g.toFixed(2)} / ${r.goodnessNegative[l].toFixed(2)}`),
      ...r.losses.map((v) => v.toFixed(3)),
    ]),
  );
}

export function formatEqProp(table: EqPropTable): string {
  const accuracy = markdownTable(
    ['epoch', 'test accuracy', 'test loss ½‖s − y‖²'],
    table.accuracy.map((m) => [m.epoch.toFixed(0), pct(m.testAccuracy), m.testLoss.toFixed(4)]),
  );
  const angles = markdownTable(
    ['β', 'one-sided: angle to true gradient', 'symmetric ±β: angle to true gradient'],
    table.betas.map((b, i) => [b, deg(table.oneSided[i]), deg(table.symmetric[i])]),
  );
  return `${accuracy}\n\n${angles}`;
}
