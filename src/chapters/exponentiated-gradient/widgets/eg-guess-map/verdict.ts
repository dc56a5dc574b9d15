/**
 * The answer to one round of the guessing game, as a pure function of the finished fit and the
 * reader's guess: right or wrong, which geometry made the change most Gaussian and by how much, and
 * how many weights changed sign (a giveaway, so the figure only says it after the guess).
 */
import type { GuessMapMetrics } from '../../runs/guess-the-map';
import { formatNonGaussianity } from '../plots';
import { CANDIDATES } from './schema';
import type { CandidateName } from './config';

const byName = (name: string) => CANDIDATES.find((c) => c.potential === name);

export interface RoundVerdict {
  right: boolean;
  /** The most Gaussian candidate is the hidden rule (the method worked this round). */
  methodRight: boolean;
  text: string;
}

export function roundVerdict(m: GuessMapMetrics, guess: CandidateName): RoundVerdict {
  const hidden = byName(m.hidden)!;
  const ranked = [...m.candidates].filter((c) => Number.isFinite(c.nonGaussianity)).sort((a, b) => a.nonGaussianity - b.nonGaussianity);
  const best = ranked[0];
  const next = ranked[1];
  const right = guess === m.hidden;
  const methodRight = best?.potential === m.hidden;
  const opening = right ? `Right: the hidden rule was ${hidden.rule}.` : `Not this time: the hidden rule was ${hidden.rule}, not ${byName(guess)!.rule}.`;
  const gauss = best && next
    ? ` The change looks most Gaussian in the ${byName(best.potential)!.geometry} geometry (non-Gaussianity ${formatNonGaussianity(best.nonGaussianity)}); next comes the ${byName(next.potential)!.geometry} one (${formatNonGaussianity(next.nonGaussianity)}), ${(next.nonGaussianity / best.nonGaussianity).toFixed(1)}× further from a Gaussian.`
    : '';
  const method = methodRight ? '' : ' This time the most Gaussian geometry was not the hidden one: the test can be fooled.';
  const flips = ` On the way, ${m.signFlips === 0 ? 'no weight changed sign' : `${m.signFlips.toLocaleString('en-US')} of its ${m.weights.toLocaleString('en-US')} weights changed sign`}.`;
  return { right, methodRight, text: `${opening}${gauss}${method}${flips}` };
}
