/**
 * The worker's engine chooser: for each model (and batch size) the engine measured fastest on this
 * device, calibrated on first use and cached (choice.ts decides, calibrate.ts measures, cache.ts
 * remembers). The trainer tells it which tfjs backend it chose; run kinds ask it for an engine.
 */
import * as tf from '@tensorflow/tfjs-core';
import { engineSupports, wasmSimdAvailable } from '../../lib/engine';
import type { Batch, ChooseEngine, EngineReport, ModelSpec, OptimizerSettings } from '../../lib/engine/types';
import { isBackendName, type BackendInfo } from '../backend-choice';
import { persistentCache, type EngineCache } from './cache';
import { calibrate, type CalibrationOptions } from './calibrate';
import { decideEngine, engineCacheKey, engineCandidates, engineLabel, engineOnGpu, type DeviceFacts, type EngineChoice } from './choice';

import { engineWhyText, type EngineWhy } from './words';

export { engineLabel, engineOnGpu } from './choice';
export type { EngineChoice, Measurement } from './choice';
export type { EngineReport } from '../../lib/engine/types';

/** What a run reports of its engine: the label and reason in English, and the reason as data for the page's language. */
export function engineReport(choice: EngineChoice): EngineReport {
  const report: EngineReport = { name: choice.engine, label: engineLabel(choice.engine), onGpu: engineOnGpu(choice.engine), reason: choice.why ? engineWhyText(choice.why, choice.cached) : choice.reason + (choice.cached ? ' (measured earlier on this device)' : '') };
  if (choice.why) report.why = choice.why;
  if (choice.cached) report.cached = true;
  return report;
}

/** A choice's reason as data; for one cached by older code, worked out again from its measurements. */
function whyOf(choice: EngineChoice): EngineWhy | undefined {
  if (choice.why) return choice.why;
  if (choice.measurements.length === 0) return undefined;
  const decided = decideEngine(choice.measurements);
  return decided.engine === choice.engine ? decided.why : undefined;
}

export class EngineChooser {
  private facts: DeviceFacts | null = null;
  /** The fused WebGPU engine's code, loaded only on a real WebGPU device. */
  private webgpu: Promise<unknown> | null = null;
  private readonly pending = new Map<string, Promise<EngineChoice>>();

  constructor(
    private readonly cache: EngineCache = persistentCache(),
    private readonly options: CalibrationOptions = {},
  ) {}

  /** The tfjs backend the worker chose (call again after a lost GPU context). */
  configure(backend: BackendInfo): void {
    this.cache.open?.();
    const nav = globalThis.navigator as Navigator | undefined;
    this.facts = {
      backend,
      wasmSimd: wasmSimdAvailable(),
      isolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
      cores: nav?.hardwareConcurrency,
      userAgent: nav?.userAgent,
    };
    if (backend.name === 'webgpu' && backend.isGpu && !backend.forced) this.webgpu ??= import('../../lib/engine/webgpu').catch(() => null);
  }

  /** The engine for `model` at this batch size; `batch(i)` gives real batches to time on. */
  async choose(model: ModelSpec, batchSize: number, settings: OptimizerSettings, batch: (i: number) => Batch): Promise<EngineChoice> {
    const facts = this.facts ?? this.defaultFacts();
    await this.webgpu;
    const candidates = engineCandidates(model, batchSize, facts).filter((e) => engineSupports(e, model, settings.optimizer));
    if (candidates.length === 0) throw new Error(`No engine can train ${model.kind} on ${facts.backend.name}`);
    if (candidates.length === 1) {
      const why: EngineWhy = facts.backend.forced ? { kind: 'forced', backend: facts.backend.name } : { kind: 'only' };
      return { engine: candidates[0], reason: engineWhyText(why), why, measurements: [], cached: false };
    }
    const key = engineCacheKey(model, batchSize, facts);
    const running = this.pending.get(key);
    if (running) return running;
    const work = (async () => {
      const hit = await this.cache.get(key);
      if (hit && candidates.includes(hit.engine)) {
        const why = whyOf(hit);
        return { ...hit, ...(why && { why }), cached: true };
      }
      const measurements = await calibrate(candidates, model, settings, batch, this.options);
      const { engine, reason, why } = decideEngine(measurements);
      const choice: EngineChoice = { engine, reason, why, measurements, cached: false };
      await this.cache.set(key, choice);
      return choice;
    })();
    this.pending.set(key, work);
    try {
      return await work;
    } finally {
      this.pending.delete(key);
    }
  }

  /** Without configure (scripts, tests): the active tfjs backend, taken as a CPU one. */
  private defaultFacts(): DeviceFacts {
    const name = tf.getBackend();
    const backend: BackendInfo = { name: isBackendName(name) ? name : 'cpu', isGpu: false, forced: false, rejected: [] };
    return { backend, wasmSimd: wasmSimdAvailable() };
  }
}

/** The worker's one chooser. */
export const engines = new EngineChooser();

/** The worker's engine choice for a run: the chooser's measured pick, as the run reports it. */
export const chooseEngine: ChooseEngine = async (model, batchSize, settings, batch) => engineReport(await engines.choose(model, batchSize, settings, batch));
