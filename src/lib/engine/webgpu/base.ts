/// <reference types="@webgpu/types" />
/**
 * What every fused WebGPU model shares: the parameter block P (the typed engines' layout), its
 * gradient G and Adam moments M, V, the input X and labels, the stats S (loss, correct; evaluation
 * sums; a BNN's batch-norm state after them), and the step itself: upload the batch, record the
 * model's program (forward, head, backward) and the optimizer into one compute pass, submit once.
 * Nothing is read back per step: `lastStep()` copies the stats out and awaits the map (a step asked
 * with `read` already queued that copy in its own command buffer), so a run reads every chunk.
 * Buffers are made when a larger batch first comes (then programs are rebuilt); none per step.
 */
import type { OptimizerKind } from '../../rules/update';
import type { Batch, Engine, EngineStep, ModelSpec, OptimizerSettings } from '../types';
import { Gpu, groups, type DispatchSpec, type GpuCounts, type Program } from './gpu';
import { OPTIMIZER_FIELDS, optimizerShader, packUniforms } from './shaders';

export const EVAL_CHUNK = 256;
const STATS_FLOATS = 4;

export abstract class WebGpuModel implements Engine {
  readonly name = 'webgpu' as const;
  protected readonly gpu: Gpu;
  protected readonly P: GPUBuffer;
  protected readonly G: GPUBuffer;
  private readonly M: GPUBuffer;
  private readonly V: GPUBuffer;
  private readonly O: GPUBuffer;
  protected readonly S: GPUBuffer;
  protected X!: GPUBuffer;
  protected L!: GPUBuffer;
  /** Rows the activation buffers hold. */
  protected rows = 0;
  private labels = new Uint32Array(0);
  private readonly programs = new Map<string, Program>();
  private optimizer: OptimizerKind;
  private learningRate: number;
  protected meta: number;
  private t = 0;
  private steps = 0;
  private lastN = 1;
  private readonly ring: { buffer: GPUBuffer; busy: Promise<void> | null }[];
  private pending: { step: number; n: number; result: Promise<EngineStep> } | null = null;
  private last: EngineStep = { loss: NaN, accuracy: NaN };

  protected constructor(
    device: GPUDevice,
    readonly model: ModelSpec,
    protected readonly size: number,
    protected readonly inputs: number,
    protected readonly classes: number,
    init: Float32Array,
    settings: OptimizerSettings,
    /** Parameters [0, hiddenEnd) get the metaplastic factor (BNN hidden weights). */
    private readonly hiddenEnd = 0,
    stateFloats = 0,
  ) {
    this.gpu = new Gpu(device);
    this.P = this.gpu.buffer(size);
    this.G = this.gpu.buffer(size);
    this.M = this.gpu.buffer(size);
    this.V = this.gpu.buffer(size);
    this.O = this.gpu.buffer(8);
    this.S = this.gpu.buffer(STATS_FLOATS + stateFloats);
    device.queue.writeBuffer(this.P, 0, init);
    this.ring = [0, 1].map(() => ({ buffer: this.gpu.readback(STATS_FLOATS * 4), busy: null }));
    this.optimizer = settings.optimizer;
    this.learningRate = settings.learningRate;
    this.meta = settings.meta ?? 0;
  }

  /** Dispatches, submits and buffers created so far (a step adds its share). */
  get counts(): GpuCounts {
    return { ...this.gpu.counts };
  }

  /** The forward, head and backward of a training step on n rows (no optimizer). */
  protected abstract trainSpecs(n: number): DispatchSpec[];
  /** The forward and the evaluation head on n rows. */
  protected abstract evalSpecs(n: number): DispatchSpec[];
  /** Make the activation buffers for `rows` rows (X and L included). */
  protected abstract allocate(rows: number): void;
  /** The parameter block split into the lib's parameter order. */
  protected abstract split(block: Float32Array): Float32Array[];

  protected ensure(rows: number): void {
    if (rows <= this.rows) return;
    this.rows = Math.max(rows, EVAL_CHUNK);
    this.X = this.gpu.buffer(this.rows * this.inputs);
    this.L = this.gpu.buffer(this.rows);
    this.labels = new Uint32Array(this.rows);
    this.allocate(this.rows);
    this.programs.clear();
  }

  private program(key: string, build: () => DispatchSpec[]): Program {
    let p = this.programs.get(key);
    if (!p) this.programs.set(key, (p = this.gpu.program(build())));
    return p;
  }

  private optimizerSpec(): DispatchSpec {
    const adam = this.optimizer === 'adam';
    return {
      shader: optimizerShader(this.optimizer),
      buffers: adam ? [this.P, this.G, this.M, this.V, this.O] : [this.P, this.G, this.O],
      uniforms: packUniforms(OPTIMIZER_FIELDS, { count: this.size, hiddenEnd: this.meta > 0 ? this.hiddenEnd : 0 }),
      workgroups: [groups(this.size)],
    };
  }

  private upload(x: Float32Array, labels: ArrayLike<number>, n: number): void {
    const queue = this.gpu.device.queue;
    queue.writeBuffer(this.X, 0, x.buffer, x.byteOffset, n * this.inputs * 4);
    for (let i = 0; i < n; i++) this.labels[i] = labels[i];
    queue.writeBuffer(this.L, 0, this.labels.buffer, 0, n * 4);
  }

  step(batch: Batch, read = true): EngineStep {
    const n = batch.n;
    this.ensure(n);
    this.upload(batch.x, batch.labels, n);
    const beta1 = 0.9;
    const beta2 = 0.999;
    if (this.optimizer === 'adam') this.t += 1;
    const correction2 = Math.sqrt(1 - beta2 ** Math.max(1, this.t));
    const stepSize = (this.learningRate * correction2) / (1 - beta1 ** Math.max(1, this.t));
    this.gpu.device.queue.writeBuffer(this.O, 0, new Float32Array([stepSize, 1e-8 * correction2, this.meta, this.learningRate, beta1, beta2]));
    const key = `train ${n} ${this.optimizer} ${this.meta > 0}`;
    const train = this.program(key, () => [...this.trainSpecs(n), this.optimizerSpec()]);
    this.steps += 1;
    this.lastN = n;
    const slot = read ? this.ring.find((r) => r.busy === null) : undefined;
    this.gpu.run([train], slot ? (enc) => enc.copyBufferToBuffer(this.S, 0, slot.buffer, 0, STATS_FLOATS * 4) : undefined);
    if (slot) this.pending = { step: this.steps, n, result: this.map(slot, n) };
    return { loss: NaN, accuracy: NaN };
  }

  private map(slot: { buffer: GPUBuffer; busy: Promise<void> | null }, n: number): Promise<EngineStep> {
    const done = slot.buffer.mapAsync(GPUMapMode.READ);
    slot.busy = done;
    return done.then(() => {
      const [loss, correct] = new Float32Array(slot.buffer.getMappedRange(0, 8).slice(0));
      slot.buffer.unmap();
      slot.busy = null;
      return { loss, accuracy: correct / n };
    });
  }

  async lastStep(): Promise<EngineStep> {
    if (this.steps === 0) return this.last;
    if (this.pending && this.pending.step === this.steps) {
      this.last = await this.pending.result;
      return this.last;
    }
    let slot = this.ring.find((r) => r.busy === null);
    while (!slot) {
      await Promise.race(this.ring.map((r) => r.busy));
      slot = this.ring.find((r) => r.busy === null);
    }
    const encoder = this.gpu.device.createCommandEncoder();
    encoder.copyBufferToBuffer(this.S, 0, slot.buffer, 0, STATS_FLOATS * 4);
    this.gpu.device.queue.submit([encoder.finish()]);
    this.gpu.counts.submits++;
    const result = this.map(slot, this.lastN);
    this.pending = { step: this.steps, n: this.lastN, result };
    this.last = await result;
    return this.last;
  }

  async evaluate(x: Float32Array, labels: ArrayLike<number>, n: number): Promise<{ loss: number; accuracy: number }> {
    const chunk = this.evalChunk();
    this.ensure(Math.min(n, chunk));
    this.gpu.device.queue.writeBuffer(this.S, 8, new Float32Array(2));
    for (let start = 0; start < n; start += chunk) {
      const rows = Math.min(chunk, n - start);
      this.upload(x.subarray(start * this.inputs), Array.prototype.slice.call(labels, start, start + rows) as number[], rows);
      this.gpu.run([this.program(`eval ${rows}`, () => this.evalSpecs(rows))]);
    }
    const stats = await this.gpu.read(this.S, STATS_FLOATS * 4, this.ring[0].busy === null ? this.ring[0].buffer : undefined);
    return { loss: stats[2] / n, accuracy: stats[3] / n };
  }

  /** Rows per evaluation chunk. */
  protected evalChunk(): number {
    return Math.max(EVAL_CHUNK, this.rows);
  }

  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
  }

  setOptimizer(kind: OptimizerKind): void {
    if (kind === this.optimizer) return;
    this.optimizer = kind;
    this.resetOptimizer();
    this.programs.clear();
  }

  /** Fresh Adam moments and bias correction. */
  resetOptimizer(): void {
    const encoder = this.gpu.device.createCommandEncoder();
    encoder.clearBuffer(this.M);
    encoder.clearBuffer(this.V);
    this.gpu.device.queue.submit([encoder.finish()]);
    this.gpu.counts.submits++;
    this.t = 0;
  }

  /** The metaplasticity m (BNN; 0: plain Adam). */
  setMeta(meta: number): void {
    if ((meta > 0) !== (this.meta > 0)) this.programs.clear();
    this.meta = meta;
  }

  async parameters(): Promise<Float32Array[]> {
    return this.split(await this.gpu.read(this.P, this.size * 4));
  }

  memory(): { arrays: number; bytes: number } {
    return { arrays: this.gpu.counts.buffers, bytes: this.gpu.bytes };
  }

  dispose(): void {
    this.programs.clear();
    this.gpu.destroy();
  }
}
