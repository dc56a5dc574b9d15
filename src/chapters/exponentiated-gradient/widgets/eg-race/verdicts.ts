/**
 * What the race figure concludes from a finished run, as pure functions of its metrics: how each
 * learner's total loss grew with N (compared with no growth, log N, √N and N over the same range),
 * and who paid less at the N shown. The prediction box checks the reader's guesses against these.
 */
import type { RaceMetrics } from '../../runs/sparse-dense-race';
import type { PredictQuestion, Verdict } from '../../../../widgets/base/predict';
import { groupNumber, localNumber, t } from '../../../../i18n/t';
import { formatPercent } from '../../../../viz/format';

export type Growth = 'flat' | 'log' | 'sqrt' | 'linear';
export type Winner = 'gd' | 'eg' | 'tie';

/** Within this factor of each other, the two learners count as paying "about the same". */
export const TIE_FACTOR = 1.25;

const GROWTH_LABEL: Record<Growth, string> = { flat: 'not at all', log: 'like log N', sqrt: 'like √N', linear: 'like N' };

export const RACE_QUESTIONS: readonly PredictQuestion[] = [
  { id: 'winner', prompt: 'At the N shown, who pays less in total?', options: [ { value: 'gd', label: 'Gradient descent' }, { value: 'eg', label: 'EG±' }, { value: 'tie', label: 'About the same' } ] },
  { id: 'gd', prompt: 'From N = 16 to 4,096, gradient descent’s total loss grows…', options: (['flat', 'log', 'sqrt', 'linear'] as const).map((g) => ({ value: g, label: GROWTH_LABEL[g] })) },
  { id: 'eg', prompt: '…and EG±’s grows…', options: (['flat', 'log', 'sqrt', 'linear'] as const).map((g) => ({ value: g, label: GROWTH_LABEL[g] })) },
];

/**
 * Which law a growth factor from N = `from` to `to` is closest to, on a log scale: 1 (flat),
 * ln(2·to)/ln(2·from) (log N, the form of EG±'s bound), √(to/from), to/from (N).
 */
export function classifyGrowth(factor: number, from: number, to: number): Growth {
  const laws: [Growth, number][] = [
    ['flat', 1],
    ['log', Math.log(2 * to) / Math.log(2 * from)],
    ['sqrt', Math.sqrt(to / from)],
    ['linear', to / from],
  ];
  const distance = (x: number) => Math.abs(Math.log(Math.max(factor, 1e-12)) - Math.log(x));
  return laws.reduce((best, law) => (distance(law[1]) < distance(best[1]) ? law : best))[0];
}

export function winnerOf(gd: number, eg: number): Winner {
  if (gd > eg * TIE_FACTOR) return 'eg';
  if (eg > gd * TIE_FACTOR) return 'gd';
  return 'tie';
}

/** A growth factor, without its ×: 96, 1,539, 2.8. */
const times = (x: number) => (x >= 100 ? groupNumber(Math.round(x)) : localNumber(x.toPrecision(2)));
const total = (x: number) => (x >= 100 ? groupNumber(Math.round(x)) : localNumber(x.toFixed(1)));

/** The verdict on each question for the metrics of a run, the N shown being `shown`. */
export function raceVerdicts(m: RaceMetrics, shown: number): Record<string, Verdict> {
  const first = 0;
  const last = m.sizes.length - 1;
  const from = m.sizes[first];
  const to = m.sizes[last];
  const out: Record<string, Verdict> = {};
  for (const rule of ['gd', 'eg'] as const) {
    const losses = m[rule];
    const factor = losses[last] / losses[first];
    const grew = { from: total(losses[first]), to: total(losses[last]), factor: times(factor), growth: times(to / from) };
    out[rule] = {
      answer: classifyGrowth(factor, from, to),
      text: rule === 'gd' ? t('Gradient descent’s total went from {from} to {to}, ×{factor}, while N grew ×{growth}.', grew) : t('EG±’s total went from {from} to {to}, ×{factor}, while N grew ×{growth}.', grew),
    };
  }
  const i = m.sizes.indexOf(shown);
  if (i >= 0) {
    const w = winnerOf(m.gd[i], m.eg[i]);
    const paid = { n: groupNumber(shown), gd: total(m.gd[i]), eg: total(m.eg[i]), tie: formatPercent(TIE_FACTOR - 1, 0), ratio: localNumber((w === 'gd' ? m.eg[i] / m.gd[i] : m.gd[i] / m.eg[i]).toPrecision(2)) };
    const text =
      w === 'tie'
        ? t('At N = {n} gradient descent paid {gd} and EG± {eg}: within {tie} of each other.', paid)
        : w === 'gd'
          ? t('At N = {n} gradient descent paid {gd} and EG± {eg}: EG± paid {ratio} times as much.', paid)
          : t('At N = {n} gradient descent paid {gd} and EG± {eg}: gradient descent paid {ratio} times as much.', paid);
    out.winner = { answer: w, text };
  }
  return out;
}
