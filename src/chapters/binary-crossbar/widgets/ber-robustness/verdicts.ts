/**
 * The robustness figure's questions and what the computed curves answer: how much a BER of 1%
 * costs, and which 10% of flipped weights hurts more. Pure functions of the metrics.
 */
import type { BerCurveMetrics } from '../../runs/ber-curve';
import type { PredictQuestion, Verdict } from '../../../../widgets/base/predict';
import { localNumber, t } from '../../../../i18n/t';
import { formatPercent } from '../../../../viz';

export const BER_QUESTIONS: readonly PredictQuestion[] = [
  {
    id: 'one-percent',
    prompt: 'One weight in a hundred is read with the wrong sign (BER 1%). The standard network loses…',
    options: [
      { value: 'nothing', label: 'less than a point' },
      { value: 'some', label: '1 to 10 points' },
      { value: 'most', label: 'more than 10 points' },
    ],
  },
  {
    id: 'which',
    prompt: 'Flip 10% of each layer: the weights with the smallest hidden |W_h|, or the largest?',
    options: [
      { value: 'smallest', label: 'smallest hurts more' },
      { value: 'largest', label: 'largest hurts more' },
      { value: 'same', label: 'about the same' },
    ],
  },
];

const points = (x: number) => t('{n} points', { n: localNumber((100 * x).toFixed(1)) });

export function berVerdicts(m: BerCurveMetrics): Record<string, Verdict> {
  const out: Record<string, Verdict> = {};
  const i = m.bers.indexOf(0.01);
  const at = i >= 0 ? m.curves.standard[i] : null;
  if (m.clean !== null && at !== null) {
    const loss = m.clean - at;
    out['one-percent'] = { answer: loss < 0.01 ? 'nothing' : loss <= 0.1 ? 'some' : 'most', text: t(loss >= 0 ? 'At BER 1% the standard network scored {at}, {points} below its clean {clean}.' : 'At BER 1% the standard network scored {at}, {points} above its clean {clean}.', { at: formatPercent(at), points: points(Math.abs(loss)), clean: formatPercent(m.clean) }) };
  }
  if (m.smallest !== null && m.largest !== null && m.clean !== null) {
    const gap = m.smallest - m.largest;
    out.which = { answer: gap > 0.02 ? 'largest' : gap < -0.02 ? 'smallest' : 'same', text: t('Smallest |W_h| flipped: {smallest}; largest flipped: {largest}.', { smallest: formatPercent(m.smallest), largest: formatPercent(m.largest) }) };
  }
  return out;
}
