/**
 * What the Dale-network figure plots and concludes, as pure functions of the run's evaluations: the
 * evaluation schedule, the per-evaluation record (accuracy and sign flips of both networks), and the
 * verdicts on the reader's predictions once the run has trained for its five epochs.
 */
import type { WeightsLiveMetrics } from '../../runs/weights-live';
import type { PredictQuestion, Verdict } from '../../../../widgets/base/predict';
import { groupNumber, t } from '../../../../i18n/t';
import { formatPercent } from '../../../../viz/format';

/** A run stops after this many passes over its 10,000 training digits (the reproduce table's length). */
export const MAX_EPOCHS = 5;

/** The run's last step: five epochs of whole batches, as `npm run reproduce -- dale-mnist` trains them (1,565 at batch 32). */
export function finalStep(trainSize: number, batchSize: number): number {
  return MAX_EPOCHS * Math.ceil(trainSize / batchSize);
}

/**
 * Scored on the test digits every 25 steps at first, then 50, then 100 (≈ 24 evaluations in five
 * epochs at batch 32), and at the final step, so a finished run shows the reproduce table's numbers.
 */
export function nextEvalStep(step: number, last = Infinity): number {
  const every = step < 100 ? 25 : step < 500 ? 50 : 100;
  return Math.min(step - (step % every) + every, Math.max(last, step + 1));
}

export interface Point {
  step: number;
  epoch: number;
  gdAccuracy: number;
  egAccuracy: number;
  /** Fraction of all weights whose sign opposes their neuron's. */
  gdFlips: number;
  egFlips: number;
}

export function pointOf(m: WeightsLiveMetrics): Point {
  const [gd, eg] = m.members;
  return { step: m.step, epoch: m.epoch, gdAccuracy: gd.testAccuracy, egAccuracy: eg.testAccuracy, gdFlips: gd.violationFraction, egFlips: eg.violationFraction };
}

/** Add an evaluation to the record; a second one at the same step (a live change) replaces the first. */
export function addPoint(points: Point[], p: Point): Point[] {
  const last = points.at(-1);
  return last && last.step === p.step ? [...points.slice(0, -1), p] : [...points, p];
}

/** Accuracy gaps within this many points count as "about as well". */
export const SAME_ACCURACY_POINTS = 3;

export const WEIGHTS_QUESTIONS: readonly PredictQuestion[] = [
  {
    id: 'flips',
    prompt: 'After five passes over the digits, what fraction of gradient descent’s weights will have changed sign?',
    options: [
      { value: 'none', label: 'Almost none (< 2%)' },
      { value: 'tenth', label: 'About one in ten (2–30%)' },
      { value: 'half', label: 'Half or so (> 30%)' },
    ],
  },
  {
    id: 'accuracy',
    prompt: 'The network held to Dale’s law (EG) will recognise digits…',
    options: [
      { value: 'worse', label: 'Clearly worse' },
      { value: 'same', label: `About as well (within ${SAME_ACCURACY_POINTS} points)` },
      { value: 'better', label: 'Clearly better' },
    ],
  },
];

const pct = (x: number) => formatPercent(x, 1);

export function flipsClass(fraction: number): 'none' | 'tenth' | 'half' {
  return fraction < 0.02 ? 'none' : fraction <= 0.3 ? 'tenth' : 'half';
}

export function accuracyClass(gd: number, eg: number): 'worse' | 'same' | 'better' {
  const gap = 100 * (eg - gd);
  return gap < -SAME_ACCURACY_POINTS ? 'worse' : gap > SAME_ACCURACY_POINTS ? 'better' : 'same';
}

export function weightsVerdicts(m: WeightsLiveMetrics): Record<string, Verdict> {
  const [gd, eg] = m.members;
  const outputFlips = gd.violationsPerLayer.at(-1) ?? 0;
  return {
    flips: {
      answer: flipsClass(gd.violationFraction),
      text:
        eg.violations === 0
          ? t('Gradient descent broke Dale’s law for {gd} of its weights ({output} of them in the output layer); EG broke it for none.', { gd: pct(gd.violationFraction), output: groupNumber(outputFlips) })
          : t('Gradient descent broke Dale’s law for {gd} of its weights ({output} of them in the output layer); EG broke it for {eg}.', { gd: pct(gd.violationFraction), output: groupNumber(outputFlips), eg: pct(eg.violationFraction) }),
    },
    accuracy: {
      answer: accuracyClass(gd.testAccuracy, eg.testAccuracy),
      text: t('Test accuracy: gradient descent {gd}, EG {eg}.', { gd: pct(gd.testAccuracy), eg: pct(eg.testAccuracy) }),
    },
  };
}
