/**
 * `npm run reproduce -- bnn-ber | ternary [--seed S] [--quick] [--training-ber p] [--margin m]`:
 * the crossbar chapter's robustness tables (runs/tables.ts) and science.md's bands (HIT/MISS).
 * --quick: BNN 784-512-512-10, 1 epoch, 2,000 test digits (the unit tests' size).
 */
import type { ReproduceExperiments } from '../types';
import { berTable, FULL, QUICK, ternaryTable, trainBoth, TRAINING_BER, type Band } from './runs/tables';
import { TERNARY_MARGIN } from './runs/robustness';

const table = (header: string[], rows: string[][]) =>
  [header, header.map((_, i) => (i === 0 ? '---' : '---:')), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
const pct = (x: number) => (100 * x).toFixed(2);
const ber = (b: number) => (b >= 0.01 ? String(b) : b.toExponential(0));

export function formatBands(bands: Band[]): string {
  return bands.map((b) => `- ${b.hit ? 'HIT' : 'MISS'}: ${b.name} = ${b.value.toFixed(2)} (band ${b.limit})`).join('\n');
}

const numberFlag = (value: string | boolean | undefined, fallback: number) => (typeof value === 'string' && Number.isFinite(Number(value)) ? Number(value) : fallback);

export const hardwareExperiments: ReproduceExperiments = {
  'bnn-ber': {
    about:
      'Binarized net 784-512-512-10 (Adam 5e-3, batch 100, 5 epochs on the 12,000-digit subset), standard and error-aware (weights flipped at BER 0.05 during training); test accuracy (10,000 digits) with random sign flips at BER 1e-5…0.5 and BN statistics recomputed on 2,000 training digits; the 10% smallest vs largest |W_h| flipped.',
    async run({ seed, quick, flags, source, progress }) {
      const size = quick ? QUICK : FULL;
      const trainingBer = numberFlag(flags['training-ber'], TRAINING_BER);
      const trained = await trainBoth(source, seed, size, trainingBer, progress);
      const t = berTable(trained, seed, progress);
      const flips = table(
        ['BER', 'standard', 'error-aware'],
        [['0 (clean)', pct(t.clean.standard), pct(t.clean.errorAware)], ...t.bers.map((b, i) => [ber(b), pct(t.standard[i]), pct(t.errorAware[i])])],
      );
      const magnitude = table(
        ['10% of each layer flipped', 'accuracy', 'cost (points)'],
        [
          ['smallest \\|W_h\\|', pct(t.smallest), (100 * (t.clean.standard - t.smallest)).toFixed(2)],
          ['largest \\|W_h\\|', pct(t.largest), (100 * (t.clean.standard - t.largest)).toFixed(2)],
        ],
      );
      return [
        `BNN ${size.sizes.join('-')}, ${size.epochs} epochs, seed ${seed}; test accuracy (%) on ${trained.scoring.test.n.toLocaleString('en-US')} digits, BN recomputed on ${trained.scoring.calibration.n.toLocaleString('en-US')} training digits; error-aware training at BER ${trainingBer}. Clean with the trained running statistics: ${pct(t.clean.runningStatistics)}%.\n`,
        flips,
        '\nStandard net, magnitude-ranked flips:\n',
        magnitude,
        `\nBands (science.md):\n${formatBands(t.bands)}`,
        `\nTraining: ${trained.seconds.toFixed(0)} s for both nets.`,
      ].join('\n');
    },
  },
  ternary: {
    about:
      'The standard BNN of bnn-ber on 2T2R pairs (LRS 5 kΩ, HRS 50 kΩ, log-normal spread σ set by our model BER = Φ(−Δμ/√(2σ²))), read pair by pair binary, or ternary (pairs closer than a quarter of the window read 0; --margin m sets the fraction); BN recomputed; the same chip read both ways.',
    async run({ seed, quick, flags, source, progress }) {
      const size = quick ? QUICK : FULL;
      const margin = numberFlag(flags.margin, TERNARY_MARGIN);
      const trained = await trainBoth(source, seed, size, null, progress);
      const t = ternaryTable(trained, seed, margin, progress);
      const rows = t.bers.map((b, i) => [
        ber(b),
        pct(t.binary[i].accuracy),
        pct(t.ternary[i].accuracy),
        pct(t.binary[i].errors),
        pct(t.ternary[i].errors),
        pct(t.ternary[i].zeros),
      ]);
      return [
        `BNN ${size.sizes.join('-')}, ${size.epochs} epochs, seed ${seed}; device spread set for each BER (binary read); ternary margin ${margin} of the window ln(R_HRS/R_LRS) = ln 10. Accuracy and weight reads in %:\n`,
        table(['device BER', 'binary', 'ternary', 'wrong sign (binary)', 'wrong sign (ternary)', 'read as 0 (ternary)'], rows),
        `\nBands (science.md):\n${formatBands(t.bands)}`,
      ].join('\n');
    },
  },
};
