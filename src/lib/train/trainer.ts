/**
 * The step harness: (rule, net, optimizer, batch) → metrics. No timers, no DOM: the same code runs
 * in Node (tests, `npm run reproduce`), in the training worker and in the page.
 *
 * One step: forward (keeping activations) → ∂L/∂z for softmax cross-entropy → the rule's written-out
 * backward → the optimizer's update. Everything inside one tf.tidy; state lives in tf.Variables.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../random';
import { createMlp, disposeMlp, forward, parameters, type Mlp, type MlpSpec } from '../nets/mlp';
import { correctCount, softmaxCrossEntropy, softmaxCrossEntropyGrad, type Evaluation, type StepResult } from '../metrics';
import { createUpdateRule, type UpdateRule, type UpdateRuleName, type UpdateRuleOptions } from '../rules/update';
import { backward, getRule, type Gradients, type LearningRule } from '../rules/feedback';

export type { Evaluation, StepResult } from '../metrics';

/** Loss, batch-correct count and the rule's gradients for one batch (call inside tf.tidy). */
export function computeGradients<S>(
  net: Mlp,
  rule: LearningRule<S>,
  ruleState: S,
  x: tf.Tensor2D,
  y: tf.Tensor2D,
): { loss: tf.Scalar; correct: tf.Scalar; grads: Gradients } {
  const cache = forward(net, x);
  const loss = softmaxCrossEntropy(cache.logits, y);
  const correct = correctCount(cache.logits, y);
  const outputDelta = softmaxCrossEntropyGrad(cache.logits, y);
  const grads = backward(rule, ruleState, { net, cache, outputDelta });
  return { loss, correct, grads };
}

/** One training step of `rule` on (x, y). Returns the batch metrics measured before the update. */
export function trainStep<S>(net: Mlp, rule: LearningRule<S>, ruleState: S, optimizer: UpdateRule, x: tf.Tensor2D, y: tf.Tensor2D): StepResult {
  const [lossT, correctT] = tf.tidy(() => {
    const { loss, correct, grads } = computeGradients(net, rule, ruleState, x, y);
    optimizer.apply(parameters(net), [...grads.weights, ...grads.biases]);
    return [loss, correct];
  });
  const loss = lossT.dataSync()[0];
  const correct = correctT.dataSync()[0];
  lossT.dispose();
  correctT.dispose();
  return { loss, accuracy: correct / x.shape[0], diverged: !Number.isFinite(loss) };
}

/** Mean loss and accuracy of `net` on (x, y), in chunks to bound memory. */
export function evaluate(net: Mlp, x: tf.Tensor2D, y: tf.Tensor2D, chunk = 2000): Evaluation {
  const n = x.shape[0];
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < n; start += chunk) {
    const size = Math.min(chunk, n - start);
    const [l, c] = tf.tidy(() => {
      const xs = tf.slice(x, [start, 0], [size, -1]);
      const ys = tf.slice(y, [start, 0], [size, -1]);
      const logits = forward(net, xs).logits;
      return [tf.mul(softmaxCrossEntropy(logits, ys), size), correctCount(logits, ys)];
    });
    lossSum += l.dataSync()[0];
    correct += c.dataSync()[0];
    l.dispose();
    c.dispose();
  }
  return { loss: lossSum / n, accuracy: correct / n };
}

export interface TrainerConfig {
  spec: MlpSpec;
  /** The feedback rule: a registered name or a rule object. Default: backprop. */
  rule?: string | LearningRule<unknown>;
  /** The update rule, by name (src/lib/rules/update), and its options. */
  optimizer: UpdateRuleName;
  updateOptions?: UpdateRuleOptions;
  learningRate: number;
  /** Seeds the initial weights (fork 'init') and the rule's state (fork 'rule'). */
  seed: number;
}

/** A network, its feedback rule and its update rule, owned together. */
export class Trainer {
  readonly net: Mlp;
  readonly rule: LearningRule<unknown>;
  private state: unknown;
  private optimizer: UpdateRule;
  private updateName: UpdateRuleName;
  steps = 0;

  constructor(private readonly config: TrainerConfig) {
    const rng = createRng(config.seed);
    this.net = createMlp(config.spec, rng.fork('init'));
    this.rule = typeof config.rule === 'object' ? config.rule : getRule(config.rule ?? 'backprop');
    this.state = this.rule.init(this.net, rng.fork('rule'));
    this.updateName = config.optimizer;
    this.optimizer = createUpdateRule(config.optimizer, config.learningRate, config.updateOptions);
  }

  /** The rule's own state (e.g. fixed feedback matrices), for measurements such as alignment angles. */
  get ruleState(): unknown {
    return this.state;
  }

  /** The update rule's name. */
  get optimizerKind(): UpdateRuleName {
    return this.updateName;
  }

  get learningRate(): number {
    return this.optimizer.learningRate;
  }

  step(x: tf.Tensor2D, y: tf.Tensor2D): StepResult {
    const result = trainStep(this.net, this.rule, this.state, this.optimizer, x, y);
    this.steps += 1;
    return result;
  }

  evaluate(x: tf.Tensor2D, y: tf.Tensor2D): Evaluation {
    return evaluate(this.net, x, y);
  }

  setLearningRate(learningRate: number): void {
    this.optimizer.learningRate = learningRate;
  }

  /** Switch update rule mid-run (a rule with state, such as Adam's moments, starts afresh). */
  setOptimizer(name: UpdateRuleName): void {
    if (name === this.updateName) return;
    const lr = this.optimizer.learningRate;
    this.optimizer.dispose();
    this.updateName = name;
    this.optimizer = createUpdateRule(name, lr, this.config.updateOptions);
  }

  dispose(): void {
    this.optimizer.dispose();
    this.rule.dispose(this.state);
    disposeMlp(this.net);
  }
}
