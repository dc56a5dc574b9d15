/**
 * The training service the worker exposes (trainer.worker.ts wraps it with comlink). Plain class,
 * no worker globals, so unit tests drive it directly in Node on the CPU backend.
 *
 * It owns the backend choice, a registry of runs by id (several widgets share one worker), and
 * trains each run in time-boxed chunks so a paused or re-configured widget answers within ~40 ms.
 * The tfjs backend is chosen (and its package downloaded) when the first run that needs tfjs is
 * created: a page whose figures are typed-array simulations never loads it.
 *
 * Over 300 lines on purpose: the run table, the time-boxed train loop and the recovery from a lost GPU
 * context (the signal that frees calls stuck on the dead backend, the replay) share the run entries;
 * split, each half would reach into the other's state.
 */
import * as tf from '@tensorflow/tfjs-core';
import { fetchSource, loadDataset, type ByteSource } from '../lib/data';
import type { BackendInfo, BackendName } from './backend-choice';
import { loseGpuContext, selectBackend, type SelectOptions } from './backend';
import { engines, type EngineChooser } from './engine-choice';
import type { LiveRun, TrainResult } from '../lib/train/live-run';
import { buildOf } from './snapshots';
import { notLiveError, type InitOptions, type MemoryReport, type RunKindEntry, type RunKindRegistry, type SampleImages, type TrainOptions, type TrainReport, type TrainerApi, type TrainerEvent } from './protocol';

/** The shipped data and models' hash (vite.config.ts); absent under Node. */
declare const __LM_ASSETS__: string | undefined;

export interface TrainerDeps {
  /** Where the data bytes come from (default: fetch from `dataBaseUrl`). */
  sourceFor?: (dataBaseUrl: string) => ByteSource;
  /** Backend selection (default: backend.ts; tests inject a fake). */
  select?: (options: SelectOptions) => Promise<BackendInfo>;
  now?: () => number;
  /** The engine chooser to tell the chosen backend (default: the worker's one, src/runtime/engine). */
  engines?: Pick<EngineChooser, 'configure'>;
  /** Loses the GPU context (tests give a fake). */
  loseContext?: () => string | null;
  /** The run kinds it can build (the app's worker entry gives every chapter's; tests give fakes). */
  kinds: RunKindRegistry;
}

interface RunEntry {
  kind: string;
  /** The current config, live updates included. */
  config: object;
  /** The config it was created with, and each live update with the step it came at: a lost GPU context replays them. */
  initial: object;
  log: { step: number; partial: object }[];
  handle: LiveRun<object, unknown>;
  /** Its kind's entry (live keys, create). */
  entry: RunKindEntry;
  stepsPerSec: number;
  /** The latest training step's result, reported again by a call that takes no step. */
  last: { loss: number; diverged: boolean };
}

export const DEFAULT_BUDGET_MS = 40;
/** How long a failed GPU call waits for a loss report before it counts as a plain error. */
const LOSS_GRACE_MS = 1000;
/** Most steps run between two clock reads (keeps one chunk from overshooting the budget much). */
const MAX_CHUNK = 64;

export class TrainerService implements TrainerApi {
  /** The tfjs backend: chosen when first needed, replaced while a lost GPU context is recovered. */
  private backend: Promise<BackendInfo> | null = null;
  private options: InitOptions | null = null;
  private source: ByteSource | null = null;
  private readonly lost: BackendName[] = [];
  private readonly runs = new Map<number, RunEntry>();
  private readonly listeners: ((event: TrainerEvent) => void)[] = [];
  private nextId = 1;
  /**
   * Called when a GPU context is lost: each call waiting on the old backend (which may never answer)
   * gives up. One waiter per pending call, removed when the call settles: racing every call against
   * one long-lived promise instead kept each call's result reachable until a loss that never came
   * (the worker heap grew 2.7 → 4.9 MB in a 10-minute soak, bench/SOAK.md).
   */
  private readonly lossWaiters = new Set<() => void>();
  /** GPU contexts lost so far; and whether the backend in use is a GPU one. */
  private losses = 0;
  private onGpu = false;
  private readonly now: () => number;
  private readonly kinds: RunKindRegistry;

  constructor(private readonly deps: TrainerDeps) {
    this.now = deps.now ?? (() => performance.now());
    this.kinds = deps.kinds;
  }

  private signalLost(): void {
    const waiters = [...this.lossWaiters];
    this.lossWaiters.clear();
    for (const w of waiters) w();
  }

  /**
   * `work` on the current backend, or null if its GPU context is lost first: a WebGL readback on a
   * lost context may never settle, and the caller must not wait on it (the run is being rebuilt).
   */
  private async unlessLost<T>(work: T | Promise<T>): Promise<T | null> {
    const epoch = this.losses;
    let waiter: () => void = () => undefined;
    const signal = new Promise<null>((resolve) => {
      waiter = () => resolve(null);
      this.lossWaiters.add(waiter);
    });
    const p = Promise.resolve(work);
    p.catch(() => undefined); // a late rejection from the lost backend is nobody's to handle
    try {
      return await Promise.race([p, signal]);
    } catch (err) {
      // A GPU call that fails may be the first sign of a lost device (WebGPU's destroy() fails a
      // pending readback before device.lost resolves): give the loss a moment to be reported.
      if (this.losses === epoch && this.onGpu) await Promise.race([signal, new Promise((r) => setTimeout(r, LOSS_GRACE_MS))]);
      if (this.losses !== epoch) return null;
      throw err;
    } finally {
      this.lossWaiters.delete(waiter);
    }
  }

  init(options: InitOptions): Promise<BackendInfo | null> {
    if (!this.options) {
      this.options = options;
      const source = (this.deps.sourceFor ?? fetchSource)(options.dataBaseUrl);
      this.source = source;
      // Fetch and decode the page's data while the backend is chosen: the first run then finds it ready.
      for (const { name, split } of options.prefetch ?? []) {
        loadDataset(name, split, source).catch(() => {
          // forgotten by loadDataset; the run that needs it loads again and shows the error
        });
      }
    }
    if (options.chooseBackend) return this.chooseBackend();
    return this.backend ?? Promise.resolve(null);
  }

  subscribe(listener: (event: TrainerEvent) => void): void {
    this.listeners.push(listener);
  }

  async createRun(kind: string, config: object): Promise<number> {
    await this.started();
    const registered = await this.kindOf(kind);
    if (registered.usesTfjs !== false) await this.chooseBackend();
    const handle = await registered.create({ ...config }, this.source as ByteSource);
    const id = this.nextId++;
    this.runs.set(id, { kind, config: { ...config }, initial: { ...config }, log: [], handle, entry: registered, stepsPerSec: 0, last: { loss: NaN, diverged: false } });
    return id;
  }

  async train(runId: number, options: TrainOptions = {}): Promise<TrainReport> {
    await this.started();
    const entry = this.entry(runId);
    const budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
    let remaining = options.steps ?? Infinity;
    if (options.untilStep !== undefined) remaining = Math.min(remaining, Math.max(0, options.untilStep - entry.handle.step));
    const start = this.now();
    let taken = 0;
    let chunk = 1;
    let last: TrainResult = { step: entry.handle.step, ...entry.last };
    // The largest minibatch loss this call saw: a fast engine takes many steps per call, and a
    // spike in the middle of them is what the widget's "blown up" check needs to see.
    let peak = -Infinity;
    while (remaining > 0 && !last.diverged) {
      const n = Math.min(chunk, remaining);
      const t0 = this.now();
      const result = await this.unlessLost(entry.handle.train(n));
      if (result === null) {
        // The context went mid-chunk: report where the replayed run stands.
        await this.started();
        last = { step: entry.handle.step, ...entry.last };
        break;
      }
      last = result;
      const p = last.peakLoss ?? last.loss;
      if (p > peak) peak = p;
      taken += n;
      remaining -= n;
      if (last.diverged) break;
      const t1 = this.now();
      const left = budget - (t1 - start);
      if (left <= 0) break;
      const perStep = Math.max(1e-3, (t1 - t0) / n);
      chunk = Math.max(1, Math.min(MAX_CHUNK, Math.floor(left / perStep)));
    }
    entry.last = { loss: last.loss, diverged: last.diverged };
    const elapsed = this.now() - start;
    if (taken > 0 && elapsed > 0) {
      const rate = (taken * 1000) / elapsed;
      entry.stepsPerSec = entry.stepsPerSec === 0 ? rate : 0.8 * entry.stepsPerSec + 0.2 * rate;
    }
    const report: TrainReport = { step: last.step, loss: last.loss, diverged: last.diverged, steps: taken, stepsPerSec: entry.stepsPerSec };
    if (peak > -Infinity) report.peakLoss = peak;
    if (entry.handle.engine) report.engine = entry.handle.engine;
    return report;
  }

  async evaluate(runId: number): Promise<unknown> {
    await this.started();
    const m = await this.unlessLost(this.entry(runId).handle.evaluate());
    if (m !== null) return m;
    await this.started();
    return this.entry(runId).handle.evaluate();
  }

  async update(runId: number, partial: object): Promise<void> {
    await this.started();
    const entry = this.entry(runId);
    const live = entry.entry.liveKeys;
    const bad = Object.keys(partial).filter((k) => !live.includes(k));
    if (bad.length) throw notLiveError(entry.kind, bad);
    entry.handle.update(partial);
    entry.config = { ...entry.config, ...partial };
    const last = entry.log.at(-1);
    // Updates at one step (a slider dragged while paused) fold into one entry of the replay log.
    if (last && last.step === entry.handle.step) last.partial = { ...last.partial, ...partial };
    else entry.log.push({ step: entry.handle.step, partial: { ...partial } });
  }

  async samples(runId: number, count: number): Promise<SampleImages> {
    await this.started();
    const entry = this.entry(runId);
    if (!entry.handle.samples) throw new Error(`Runs of kind ${entry.kind} have no sample images`);
    return entry.handle.samples(Math.max(0, Math.floor(count)));
  }

  async dispose(runId: number): Promise<void> {
    const entry = this.runs.get(runId);
    if (!entry) return;
    this.runs.delete(runId);
    entry.handle.dispose();
  }

  /** tfjs' tensors, plus the arrays and bytes of runs on typed-array engines (which hold no tensors). */
  /** This worker's build (snapshots.ts): its content-hashed script name and the shipped data's hash; '' in development. */
  async build(): Promise<string> {
    const script = buildOf(String(globalThis.location?.href ?? ''));
    return script && `${script}+${typeof __LM_ASSETS__ === 'string' ? __LM_ASSETS__ : ''}`;
  }

  async memory(): Promise<MemoryReport> {
    // Before a backend is chosen there are no tensors (and tf.memory() would look for a backend).
    const m = this.backend ? tf.memory() : { numTensors: 0, numBytes: 0 };
    let arrays = 0;
    let bytes = 0;
    for (const { handle } of this.runs.values()) {
      const held = handle.memory?.();
      arrays += held?.arrays ?? 0;
      bytes += held?.bytes ?? 0;
    }
    return { numTensors: m.numTensors + arrays, numBytes: m.numBytes + bytes, runs: this.runs.size };
  }

  async loseGpuContext(): Promise<string | null> {
    if (!this.backend) return null;
    await this.backend.catch(() => null);
    return (this.deps.loseContext ?? loseGpuContext)();
  }

  /** Initialised, and any backend choice or recovery under way finished (its failure is the creator's to report). */
  private async started(): Promise<void> {
    if (!this.options) throw new Error('The trainer is not initialised: call init() first.');
    await this.backend?.catch(() => null);
  }

  /** The tfjs backend, chosen on first call; a failed choice is tried again by the next call. */
  private chooseBackend(): Promise<BackendInfo> {
    if (!this.backend) {
      const first = this.choose();
      this.backend = first;
      first.then(
        (info) => this.emit({ type: 'backend-chosen', info }),
        () => {
          if (this.backend === first) this.backend = null;
        },
      );
    }
    return this.backend;
  }

  private emit(event: TrainerEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** A kind's registry entry, loaded on first use (the page's client types each kind's config and metrics). */
  private async kindOf(kind: string): Promise<RunKindEntry> {
    const load = this.kinds.get(kind);
    if (!load) throw new Error(`Unknown run kind "${kind}"`);
    return load();
  }

  private entry(runId: number): RunEntry {
    const entry = this.runs.get(runId);
    if (!entry) throw new Error(`No run ${runId} (disposed or never created)`);
    return entry;
  }

  private choose(): Promise<BackendInfo> {
    const select = this.deps.select ?? selectBackend;
    const options = this.options as InitOptions;
    const chosen = select({ forced: options.forced, exclude: [...this.lost], timeoutMs: options.timeoutMs, onLost: (name, why, detail) => this.recover(name, why, detail) });
    // Run kinds on the engine chooser pick their engine among the typed-array ones and this backend.
    return chosen.then((info) => {
      this.onGpu = info.isGpu;
      (this.deps.engines ?? engines).configure(info);
      return info;
    });
  }

  /**
   * A GPU context was lost: choose again without it and rebuild every run where it was. A run is
   * seed-locked, so it is rebuilt from the config it was created with and replayed, its live updates
   * at the steps they came, to the step it had reached: the figure goes on from there (on the new
   * backend, so equal up to the backends' rounding), not from step 0.
   */
  private recover(name: BackendName, why: string, detail?: string): void {
    this.lost.push(name);
    this.losses++;
    this.signalLost();
    const reached = new Map([...this.runs].map(([id, entry]) => [id, entry.handle.step]));
    const rebuild = (async () => {
      for (const entry of this.runs.values()) {
        try {
          entry.handle.dispose();
        } catch {
          // its tensors died with the context
        }
      }
      try {
        if (tf.findBackendFactory(name)) tf.removeBackend(name);
      } catch {
        // already removed
      }
      const info = await this.choose();
      const rebuilt: number[] = [];
      for (const [id, entry] of this.runs) {
        const handle = await entry.entry.create({ ...entry.initial }, this.source as ByteSource);
        let last: TrainResult = { step: 0, loss: NaN, diverged: false };
        for (const { step, partial } of entry.log) {
          last = await replayTo(handle, step, last);
          handle.update(partial);
        }
        last = await replayTo(handle, reached.get(id) ?? 0, last);
        entry.handle = handle;
        entry.stepsPerSec = 0;
        entry.last = { loss: last.loss, diverged: last.diverged };
        rebuilt.push(id);
      }
      this.emit({ type: 'backend-changed', info, why, lost: name, ...(detail !== undefined && { detail }), rebuilt });
      return info;
    })();
    this.backend = rebuild;
  }
}

/** Train `handle` up to `step` (a replay after a lost GPU context), stopping early if it diverges or stalls. */
async function replayTo(handle: LiveRun<object, unknown>, step: number, last: TrainResult): Promise<TrainResult> {
  while (handle.step < step && !last.diverged) {
    const before = handle.step;
    last = await handle.train(Math.min(MAX_CHUNK, step - handle.step));
    if (handle.step === before) break;
  }
  return last;
}
