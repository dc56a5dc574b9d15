// The NTK widget tests' worker: the fake trainer surface (tests/unit/widgets/fake-trainer.ts, every
// call recorded) over the chapter's real runs, in process. The runs are plain typed arrays and fast at
// the sizes the tests choose, so the widgets draw real numbers; a play chunk takes up to 5 steps.
import type { RunRef, TrainOptions } from '../../../../src/runtime/protocol';
import { FakeTrainerBase } from '../../widgets/fake-trainer';

export interface InProcessRun<C, M> {
  readonly step: number;
  train(steps: number): { step: number; loss: number; diverged: boolean };
  evaluate(): M;
  update(partial: Partial<C>): void;
  dispose(): void;
}

export class LiveTrainer<C extends object, M> extends FakeTrainerBase<C, M> {
  readonly runs = new Map<number, InProcessRun<C, M>>();
  evaluations = 0;

  constructor(private readonly make: (config: C) => InProcessRun<C, M>) {
    super();
  }

  protected override onCreate(id: number, config: C): void {
    this.runs.set(id, this.make(structuredClone(config)));
  }

  async train(run: RunRef, options: TrainOptions = {}) {
    const chunk = options.steps ?? ((options.budgetMs ?? 40) > 1000 ? Infinity : 5);
    const { step, steps } = await this.advance(run, options, chunk);
    const live = this.runs.get(run.id)!;
    const r = steps > 0 ? live.train(steps) : { step, loss: NaN, diverged: false };
    return { step: r.step, loss: r.loss, diverged: r.diverged, steps, stepsPerSec: 100 };
  }

  async evaluate(run: RunRef): Promise<M> {
    this.evaluations++;
    // Through a structured clone, as across postMessage.
    return structuredClone(this.runs.get(run.id)!.evaluate());
  }

  override async update(run: RunRef, partial: Partial<C>): Promise<void> {
    await super.update(run, partial);
    this.runs.get(run.id)!.update(partial);
  }

  override async dispose(run: RunRef): Promise<void> {
    await super.dispose(run);
    this.runs.get(run.id)?.dispose();
    this.runs.delete(run.id);
  }
}

/** Move a widget's control for `key` to `value` (a range's raw value, or a select's option) and commit it. */
export function setControl(el: Element, key: string, value: string): void {
  const input = el.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-key="${key}"] input, [data-key="${key}"] select`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('change'));
}
