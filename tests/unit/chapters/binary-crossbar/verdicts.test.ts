// The robustness figure's answers, as pure functions of finished curves: the cost of BER 1% and which
// 10% of weights matters, with the thresholds the questions name.
import { describe, expect, it } from 'vitest';
import { berVerdicts } from '../../../../src/chapters/binary-crossbar/widgets/ber-robustness/verdicts';
import type { BerCurveMetrics } from '../../../../src/chapters/binary-crossbar/runs/ber-curve';

const bers = [1e-5, 1e-4, 1e-3, 1e-2, 0.1, 0.3];
function metrics(atOnePercent: number, smallest: number, largest: number): BerCurveMetrics {
  const curve = bers.map((b) => (b === 1e-2 ? atOnePercent : 0.9));
  return { step: 3, total: 3, bers, curves: { standard: curve, errorAware: curve, binary: curve, ternary: curve }, clean: 0.95, smallest, largest, testSize: 1000 };
}

describe('berVerdicts', () => {
  it('answers "less than a point", "1 to 10 points" or "more than 10 points" for BER 1%', () => {
    expect(berVerdicts(metrics(0.948, 0.95, 0.7))['one-percent'].answer).toBe('nothing');
    expect(berVerdicts(metrics(0.9, 0.95, 0.7))['one-percent'].answer).toBe('some');
    expect(berVerdicts(metrics(0.5, 0.95, 0.7))['one-percent'].text).toContain('45.0 points below');
    expect(berVerdicts(metrics(0.5, 0.95, 0.7))['one-percent'].answer).toBe('most');
  });

  it('says which 10% hurts more, within 2 points "about the same"', () => {
    expect(berVerdicts(metrics(0.95, 0.95, 0.7)).which.answer).toBe('largest');
    expect(berVerdicts(metrics(0.95, 0.7, 0.95)).which.answer).toBe('smallest');
    expect(berVerdicts(metrics(0.95, 0.94, 0.95)).which.answer).toBe('same');
  });

  it('answers nothing before the points it needs exist', () => {
    const m = { ...metrics(0.95, 0.95, 0.7), clean: null, smallest: null };
    expect(berVerdicts(m)).toEqual({});
  });
});
