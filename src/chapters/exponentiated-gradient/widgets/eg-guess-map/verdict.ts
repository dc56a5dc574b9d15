/**
 * The answer to one round of the guessing game, as a pure function of the finished fit and the
 * reader's guess: right or wrong, which geometry made the change most Gaussian and by how much, and
 * how many weights changed sign (a giveaway, so the figure only says it after the guess).
 */
import type { GuessMapMetrics } from '../../runs/guess-the-map';
import { groupNumber, localNumber, t } from '../../../../i18n/t';
import { formatNonGaussianity } from '../plots';
import type { CandidateName } from './config';
import { geometryName, ruleName } from './names';

export interface RoundVerdict {
  right: boolean;
  /** The most Gaussian candidate is the hidden rule (the method worked this round). */
  methodRight: boolean;
  text: string;
}

export function roundVerdict(m: GuessMapMetrics, guess: CandidateName): RoundVerdict {
  const ranked = [...m.candidates].filter((c) => Number.isFinite(c.nonGaussianity)).sort((a, b) => a.nonGaussianity - b.nonGaussianity);
  const best = ranked[0];
  const next = ranked[1];
  const right = guess === m.hidden;
  const methodRight = best?.potential === m.hidden;
  const hidden = ruleName(m.hidden as CandidateName);
  const opening = right ? t('Right: the hidden rule was {rule}.', { rule: hidden }) : t('Not this time: the hidden rule was {rule}, not {guess}.', { rule: hidden, guess: ruleName(guess) });
  const gauss =
    best && next
      ? t('The change looks most Gaussian in the {best} geometry (non-Gaussianity {bestValue}); next comes the {next} one ({nextValue}), {factor}× further from a Gaussian.', {
          best: geometryName(best.potential as CandidateName),
          bestValue: formatNonGaussianity(best.nonGaussianity),
          next: geometryName(next.potential as CandidateName),
          nextValue: formatNonGaussianity(next.nonGaussianity),
          factor: localNumber((next.nonGaussianity / best.nonGaussianity).toFixed(1)),
        })
      : '';
  const method = methodRight ? '' : t('This time the most Gaussian geometry was not the hidden one: the test can be fooled.');
  const flips = m.signFlips === 0 ? t('On the way, no weight changed sign.') : t('On the way, {flips} of its {weights} weights changed sign.', { flips: groupNumber(m.signFlips), weights: groupNumber(m.weights) });
  return { right, methodRight, text: [opening, gauss, method, flips].filter(Boolean).join(' ') };
}
