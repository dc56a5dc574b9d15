/**
 * The Adversarial-attacks tables as `npm run reproduce` prints them (Markdown), each followed by
 * science.md's pass bands checked against the numbers just measured.
 */
import type { BlackboxSummary, FgsmRow, RobustnessRow } from './runs/tables';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

interface Band {
  claim: string;
  ok: boolean;
}

function formatBands(bands: Band[]): string {
  return `\n\nscience.md bands:\n${bands.map((b) => `- [${b.ok ? 'hit' : 'MISS'}] ${b.claim}`).join('\n')}`;
}

export function formatFgsmSweep(rows: FgsmRow[]): string {
  const lines = ['| ε | error | mean confidence of the wrong answer |', '| ---: | ---: | ---: |'];
  for (const r of rows) lines.push(`| ${r.epsilon === 0 ? '0 (clean)' : r.epsilon} | ${pct(r.error)} | ${Number.isNaN(r.wrongConfidence) ? '—' : pct(r.wrongConfidence)} |`);
  const clean = rows.find((r) => r.epsilon === 0);
  const at25 = rows.find((r) => r.epsilon === 0.25);
  const bands: Band[] = [];
  if (clean) bands.push({ claim: `softmax regression clean accuracy ≈ 91%: ${pct(1 - clean.error)}`, ok: Math.abs(1 - clean.error - 0.91) <= 0.02 });
  if (at25) bands.push({ claim: `FGSM ε = 0.25 error ≥ 97% (paper: 99.9%): ${pct(at25.error)}`, ok: at25.error >= 0.97 });
  return lines.join('\n') + formatBands(bands);
}

export function formatRobustness(rows: RobustnessRow[]): string {
  const attacks = rows[0]?.scores.map((s) => s.attack) ?? [];
  const lines = [`| model | ${attacks.join(' | ')} |`, `| --- | ${attacks.map(() => '---:').join(' | ')} |`];
  for (const r of rows) lines.push(`| ${r.model} | ${r.scores.map((s) => pct(s.accuracy)).join(' | ')} |`);
  const acc = (model: string, attack: string) => rows.find((r) => r.model === model)?.scores.find((s) => s.attack === attack)?.accuracy ?? NaN;
  const [clean, fgsm25, pgd30, pgd10] = ['clean', 'FGSM ε=0.25', 'PGD-40 ε=0.3', 'PGD-40 ε=0.1'];
  const bands: Band[] = [
    { claim: `MLP clean ≥ 92%: ${pct(acc('clean-trained', clean))}`, ok: acc('clean-trained', clean) >= 0.92 },
    { claim: `MLP FGSM 0.25 accuracy ≤ 5%: ${pct(acc('clean-trained', fgsm25))}`, ok: acc('clean-trained', fgsm25) <= 0.05 },
    { claim: `MLP PGD-40 0.3 accuracy ≤ 1%: ${pct(acc('clean-trained', pgd30))}`, ok: acc('clean-trained', pgd30) <= 0.01 },
    { claim: `FGSM-trained: FGSM 0.25 accuracy ≥ 50%: ${pct(acc('FGSM-trained', fgsm25))}`, ok: acc('FGSM-trained', fgsm25) >= 0.5 },
    { claim: `FGSM-trained: PGD 0.3 accuracy ≤ 5% (false robustness): ${pct(acc('FGSM-trained', pgd30))}`, ok: acc('FGSM-trained', pgd30) <= 0.05 },
    { claim: `PGD-trained (ε 0.1): PGD 0.1 accuracy ≥ 60%: ${pct(acc('PGD-trained', pgd10))}`, ok: acc('PGD-trained', pgd10) >= 0.6 },
    { claim: `PGD-trained: clean ≥ 90%: ${pct(acc('PGD-trained', clean))}`, ok: acc('PGD-trained', clean) >= 0.9 },
  ];
  return lines.join('\n') + formatBands(bands);
}

export function formatBlackbox(s: BlackboxSummary, epsilon: number, maxQueries: number): string {
  const lines = [
    '| images attacked | successes | success rate | median queries (successes) | mean queries (successes) | max ‖x̃ − x‖∞ |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${s.attacked} | ${s.successes} | ${pct(s.successRate)} | ${Math.round(s.medianQueries).toLocaleString('en-US')} | ${Math.round(s.meanQueries).toLocaleString('en-US')} | ${s.maxLinf.toFixed(3)} |`,
  ];
  const bands: Band[] = [
    { claim: `NES success ≥ 95% within ${maxQueries.toLocaleString('en-US')} queries: ${pct(s.successRate)}`, ok: s.successRate >= 0.95 },
    { claim: `median queries ≤ 3,000: ${Math.round(s.medianQueries).toLocaleString('en-US')}`, ok: s.medianQueries <= 3000 },
    { claim: `every image stays within ε = ${epsilon}: ${s.maxLinf.toFixed(4)}`, ok: s.maxLinf <= epsilon + 1e-6 },
  ];
  return lines.join('\n') + formatBands(bands);
}
