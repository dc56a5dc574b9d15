/**
 * What the race figure concludes from a finished run, as pure functions of its metrics: how each
 * learner's total loss grew with N (compared with no growth, log N, √N and N over the same range),
 * and who paid less at the N shown. The prediction box checks the reader's guesses against these.
 */
import type { RaceMetrics } from '../../runs/sparse-dense-race';
import type { PredictQuestion, Verdict } from '../../../../widgets/base/predict';

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

const times = (x: number) => `×${x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(2)}`;
const total = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));

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
    const name = rule === 'gd' ? 'Gradient descent’s' : 'EG±’s';
    out[rule] = {
      answer: classifyGrowth(factor, from, to),
      text: `${name} total went from ${total(losses[first])} to ${total(losses[last])}, ${times(factor)}, while N grew ${times(to / from)}.`,
    };
  }
  const i = m.sizes.indexOf(shown);
  if (i >= 0) {
    const w = winnerOf(m.gd[i], m.eg[i]);
    const lead = w === 'tie' ? 'within 25% of each other' : `${w === 'gd' ? 'EG±' : 'gradient descent'} paid ${(w === 'gd' ? m.eg[i] / m.gd[i] : m.gd[i] / m.eg[i]).toPrecision(2)} times as much`;
    out.winner = { answer: w, text: `At N = ${shown.toLocaleString('en-US')} gradient descent paid ${total(m.gd[i])} and EG± ${total(m.eg[i])}: ${lead}.` };
  }
  return out;
}
