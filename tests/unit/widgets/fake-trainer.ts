// What the widget element tests' fake workers share: the trainer surface a widget talks to (events,
// backend, createRun / train / update / dispose / memory) with every call recorded, and the jsdom
// set-up that mounts one widget. Each test file subclasses FakeTrainerBase with its run's evaluate()
// and how a train() call advances (and keeps its own vi.mock of the runtime client, which vitest
// hoists per file).
import { afterEach, beforeAll } from 'vitest';
import { notLiveError, type RunKind, type RunRef, type TrainOptions } from '../../../src/runtime/protocol';
import { until } from './dom-helpers';

export abstract class FakeTrainerBase<Config extends object, Metrics = unknown> {
  readonly events = new EventTarget();
  readonly backend = { name: 'wasm' as const, isGpu: false, forced: false, rejected: [] };
  created: Config[] = [];
  updates: Partial<Config>[] = [];
  trainCalls: TrainOptions[] = [];
  disposed: number[] = [];
  /** Steps taken so far, by run id. */
  steps = new Map<number, number>();
  private next = 0;

  /** How long createRun takes (a slow worker, for tests of changes made while a run is being built). */
  createDelayMs = 0;
  /** The next this-many createRun calls throw (a worker failing to build a run, for recovery tests). */
  failCreates = 0;
  /** The next this-many train calls throw (a run failing mid-training). */
  failTrains = 0;

  async createRun(kind: RunKind<Config, Metrics>, config: Config): Promise<RunRef<Config, Metrics>> {
    if (this.createDelayMs > 0) await new Promise((r) => setTimeout(r, this.createDelayMs));
    if (this.failCreates > 0) {
      this.failCreates--;
      throw new Error('the worker could not build the run');
    }
    this.created.push(config);
    const id = ++this.next;
    this.steps.set(id, 0);
    this.onCreate(id, config);
    return { id, kind };
  }
  /** Hook for a subclass that keeps more per run. */
  protected onCreate(_id: number, _config: Config): void {}

  /**
   * Record a train call, wait one worker round trip (lets timers and events run), then advance the
   * run by up to `chunk` steps, never past options.untilStep. Returns the new step and the steps taken.
   */
  protected async advance(run: RunRef, options: TrainOptions, chunk: number): Promise<{ step: number; steps: number }> {
    this.trainCalls.push(options);
    await new Promise((r) => setTimeout(r, 1));
    if (this.failTrains > 0) {
      this.failTrains--;
      throw new Error('the run failed mid-training');
    }
    const s = this.steps.get(run.id);
    if (s === undefined) throw new Error(`No run ${run.id}`);
    const n = Math.min(chunk, (options.untilStep ?? Infinity) - s);
    this.steps.set(run.id, s + n);
    return { step: s + n, steps: n };
  }

  /** When set, update() refuses other keys as the worker does (notLiveError). */
  liveKeys: string[] | null = null;

  async update(_run: RunRef, partial: Partial<Config>): Promise<void> {
    const bad = this.liveKeys ? Object.keys(partial).filter((k) => !this.liveKeys!.includes(k)) : [];
    if (bad.length) throw notLiveError('fake', bad);
    this.updates.push(partial);
  }
  async dispose(run: RunRef): Promise<void> {
    this.steps.delete(run.id);
    this.disposed.push(run.id);
  }
  async memory() {
    return { numTensors: 0, numBytes: 0, runs: this.steps.size };
  }
}

/**
 * Register the jsdom hooks of a widget element test: load the element once (with a null 2D canvas
 * when `stubCanvas`, since jsdom has none: charts then paint nothing), and empty the page and the URL
 * after each test.
 */
export function widgetDom(load: () => Promise<unknown>, { stubCanvas = true } = {}): void {
  beforeAll(async () => {
    if (stubCanvas) HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
    await load();
  });
  afterEach(() => {
    document.body.replaceChildren();
    history.replaceState(null, '', '/');
  });
}

/** Put `html` on the page and wait until its `tag` element reports one of `statuses`. */
export async function mountWidget(html: string, tag: string, { statuses = ['ready'], ms }: { statuses?: string[]; ms?: number } = {}): Promise<HTMLElement> {
  document.body.innerHTML = html;
  const el = document.querySelector<HTMLElement>(tag)!;
  await until(() => statuses.includes(el.dataset.status ?? ''), ms);
  return el;
}
