/**
 * <eg-guess-map>: guess the geometry. A linear model (D weights, N ≈ D^¾ correlated points; 1,000 and
 * 177 in the chapter) fits its data in the worker by mirror descent under a hidden potential, to a mean
 * squared error below 10⁻¹². The reader sees, for each candidate geometry, the histogram and Q–Q
 * plot of the weight change measured in that geometry, guesses which rule trained the model, and only
 * then sees each candidate's non-Gaussianity, the sign flips and the answer. "Surprise me" draws the
 * hidden rule from the seed, so "Next round" is the next seed and a URL replays the same round. The
 * fit takes from under a hundred to a few thousand iterations; playing paces it to a few seconds so
 * the histograms can be watched taking shape.
 */
import '../eg.css';
import type { TrainerClient } from '../../../../runtime/client';
import type { GuessMapMetrics } from '../../runs/guess-the-map';
import type { Settings } from '../../../../settings/schema';
import { h } from '../../../../widgets/base/dom';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { egGuessMapKind } from '../../kinds';
import { groupNumber, localNumber, t } from '../../../../i18n/t';
import { nextFrame } from '../plots';
import { guessMapConfig, pointsFor, type CandidateName } from './config';
import { geometryName, ruleName } from './names';
import { CANDIDATES, guessMapSchema } from './schema';
import { roundVerdict } from './verdict';
import { GuessMapView } from './view';

/**
 * Mirror iterations per played frame: a few at first, where the histograms change most, then a
 * growing share of those done (a fit of 90 iterations plays in about a second, one of 2,000 in three).
 */
export function playIterations(step: number): number {
  return Math.max(3, Math.ceil(step / 25));
}
/** Iterations per press of → step. */
const STEP_ITERATIONS = 20;

export class GuessMapElement extends TrainingWidget<typeof egGuessMapKind, typeof guessMapSchema> {
  protected readonly schema = guessMapSchema;
  private view!: GuessMapView;
  private prompt!: HTMLElement;
  private buttons!: Map<CandidateName, HTMLButtonElement>;
  private verdict!: HTMLElement;
  private verdictText!: HTMLElement;
  private tally!: HTMLElement;
  private metrics: GuessMapMetrics | null = null;
  private guess: CandidateName | null = null;
  private rounds = 0;
  private right = 0;

  protected mountStage(stage: HTMLElement): void {
    this.prompt = h('p', { class: 'eg-guess-prompt', attrs: { 'data-testid': 'guess-prompt', 'aria-live': 'polite' } });
    this.buttons = new Map(
      CANDIDATES.map((c) => {
        const b = h('button', { class: 'lm-button', text: t('It was {rule}', { rule: ruleName(c.potential) }), attrs: { type: 'button', disabled: true, 'data-testid': `guess-${c.potential}` } });
        b.addEventListener('click', () => this.makeGuess(c.potential));
        return [c.potential, b];
      }),
    );
    const next = h('button', { class: 'lm-button lm-primary', text: t('Next round'), attrs: { type: 'button', 'data-testid': 'next-round' } });
    next.addEventListener('click', () => this.nextRound());
    this.verdictText = h('p', { class: 'eg-verdict-text', attrs: { 'data-testid': 'verdict-text' } });
    this.tally = h('p', { class: 'eg-sub', attrs: { 'data-testid': 'tally' } });
    this.verdict = h('div', { class: 'eg-verdict', attrs: { hidden: true, role: 'status', 'data-testid': 'verdict' } }, [this.verdictText, h('div', { class: 'eg-guess-buttons' }, [next]), this.tally]);
    this.view = new GuessMapView();
    stage.append(this.prompt, h('div', { class: 'eg-guess-buttons', attrs: { role: 'group', 'aria-label': t('Your guess') } }, [...this.buttons.values()]), this.verdict, this.view.element);
  }

  protected override loadingText(): string {
    return t('Drawing {points} correlated points in {dimension} dimensions…', { points: pointsFor(this.settings.dimension), dimension: groupNumber(this.settings.dimension) });
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.metrics = null;
    this.guess = null;
    delete this.dataset.guess;
    const run = await this.createRunFrom(trainer, egGuessMapKind, guessMapConfig(this.settings, this.seed));
    this.record(await trainer.evaluate(run));
  }

  protected async advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    const run = this.run;
    if (!run) throw new Error('No learner to train');
    if (mode === 'play') await nextFrame();
    const r = await trainer.train(run, { steps: mode === 'play' ? playIterations(this.metrics?.step ?? 0) : STEP_ITERATIONS, budgetMs: 60_000 });
    const m = await trainer.evaluate(run);
    this.record(m);
    return { step: r.step, loss: r.loss, diverged: r.diverged, stepsPerSec: r.stepsPerSec, finished: m.converged };
  }

  protected async applyLive(_trainer: TrainerClient, _partial: Settings): Promise<void> {}

  protected summarize(): string {
    const m = this.metrics;
    if (!m || m.step === 0) return t('Ready: a linear model with {weights} weights fitting {points} points under a hidden rule. Press play to fit it, then guess which geometry it learned in.', { weights: groupNumber(this.settings.dimension), points: pointsFor(this.settings.dimension) });
    const seen = m.candidates.map((c) => `${geometryName(c.potential as CandidateName)} ${this.guess ? localNumber(c.nonGaussianity.toFixed(3)) : ''}`.trim());
    const mse = localNumber(m.loss.toExponential(1));
    if (!m.converged) return t('Fitting: iteration {step}, mean squared error {mse}.', { step: groupNumber(m.step), mse });
    if (!this.guess) return t('Fitted: mean squared error {mse}. Compare the histograms of the change in each geometry ({seen}) and guess.', { mse, seen: seen.join(', ') });
    return this.verdictText.textContent ?? '';
  }

  protected override onLayoutChange(): void {
    this.view.fit(true);
  }

  protected override exportFigure(): SVGSVGElement | null {
    const style = getComputedStyle(this);
    return this.view.exportFigure(this.schema.title, { background: style.getPropertyValue('--bg').trim(), text: style.color });
  }

  private record(m: GuessMapMetrics): void {
    this.metrics = m;
    this.lastStep = m.step;
    this.dataset.step = String(m.step);
    this.dataset.converged = String(m.converged);
    this.view.draw(m, this.guess !== null);
    this.showGuessState();
    this.announce(false);
  }

  private showGuessState(): void {
    const m = this.metrics;
    const canGuess = m !== null && m.converged && this.guess === null;
    for (const [name, b] of this.buttons) {
      b.disabled = !canGuess;
      b.setAttribute('aria-pressed', String(this.guess === name));
    }
    let text: string;
    if (!m || m.step === 0) text = t('A linear model with {weights} weights must fit {points} points, under a rule you cannot see. Press play.', { weights: m ? groupNumber(m.weights) : this.settings.dimension, points: pointsFor(this.settings.dimension) });
    else if (!m.converged) text = t('The hidden learner is fitting the points: mean squared error {mse}.', { mse: localNumber(m.loss.toExponential(1)) });
    else if (!this.guess) text = t('Fitted. In which geometry does the change look most like a Gaussian? That is your guess:');
    else text = t('Your guess is in.');
    if (this.prompt.textContent !== text) this.prompt.textContent = text;
    this.verdict.hidden = this.guess === null;
  }

  private makeGuess(guess: CandidateName): void {
    const m = this.metrics;
    if (!m || !m.converged || this.guess !== null) return;
    this.guess = guess;
    const v = roundVerdict(m, guess);
    this.rounds += 1;
    if (v.right) this.right += 1;
    this.verdict.dataset.right = String(v.right);
    this.verdictText.textContent = v.text;
    this.tally.textContent = t('Your score on this page: {right} of {rounds}.', { right: this.right, rounds: this.rounds });
    this.dataset.guess = guess;
    this.view.draw(m, true);
    this.showGuessState();
    this.announce();
    this.verdict.querySelector('button')?.focus({ preventScroll: true });
  }

  /** A new round: the next seed (with "surprise me", most likely another hidden rule), through the seed control so the URL follows. */
  private nextRound(): void {
    const input = this.querySelector<HTMLInputElement>('[data-testid="seed"]');
    if (!input) return;
    input.value = String((this.seed + 1) % 0x100000000);
    input.dispatchEvent(new Event('change'));
    this.querySelector<HTMLElement>('.lm-figure')?.focus({ preventScroll: true });
  }
}

if (!customElements.get(guessMapSchema.tag)) customElements.define(guessMapSchema.tag, GuessMapElement);
