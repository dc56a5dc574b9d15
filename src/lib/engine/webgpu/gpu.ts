/// <reference types="@webgpu/types" />
/**
 * The WebGPU plumbing every fused model shares: the device (registered, or tfjs-webgpu's own), storage
 * buffers made once and counted, pipelines compiled once per device and shader text, and a
 * "program" — the list of dispatches of one training step (or one evaluation chunk) with its
 * uniforms written once — that a step records into a single compute pass and submits once.
 *
 * Limits kept (WebGPU's defaults): ≤ 8 storage buffers per stage, ≤ 16 KB workgroup memory,
 * ≤ 256 invocations per workgroup, ≤ 65,535 workgroups per dimension (element-wise kernels stride).
 */
import * as tf from '@tensorflow/tfjs-core';

let registered: GPUDevice | null = null;

/** Use this device for WebGPU engines (Node/Dawn harnesses, tests); null: tfjs-webgpu's. */
export function setWebGpuDevice(device: GPUDevice | null): void {
  registered = device;
}

/** The device a WebGPU engine would use now, or null. */
export function webGpuDevice(): GPUDevice | null {
  if (registered) return registered;
  if (tf.getBackend() !== 'webgpu') return null;
  return (tf.backend() as unknown as { device?: GPUDevice }).device ?? null;
}

/** What a step costs the driver: dispatches, queue submits, buffers created (cumulative). */
export interface GpuCounts {
  dispatches: number;
  submits: number;
  buffers: number;
}

const pipelineCache = new WeakMap<GPUDevice, Map<string, GPUComputePipeline>>();

/** One dispatch of a program: a shader, its buffers (binding 0 is the uniform slot), workgroups. */
export interface DispatchSpec {
  shader: string;
  buffers: GPUBuffer[];
  /** Uniform words (u32; write floats with `f32Bits`). */
  uniforms: number[];
  workgroups: [number, number?, number?];
}

interface Dispatch {
  pipeline: GPUComputePipeline;
  group: GPUBindGroup;
  workgroups: [number, number, number];
}

export interface Program {
  dispatches: Dispatch[];
}

/** A float's bits, for a u32 uniform word. */
export function f32Bits(x: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, x, true);
  return view.getUint32(0, true);
}

const SLOT_BYTES = 256;
const SLOT_WORDS = SLOT_BYTES / 4;

export class Gpu {
  readonly counts: GpuCounts = { dispatches: 0, submits: 0, buffers: 0 };
  /** Bytes of the buffers made. */
  bytes = 0;
  private readonly owned: GPUBuffer[] = [];
  private uniforms: GPUBuffer | null = null;
  private slotsUsed = 0;
  private slotCapacity = 0;

  constructor(readonly device: GPUDevice) {}

  /** A storage buffer of `floats` 4-byte words (zeroed), counted. */
  buffer(floats: number, usage = 0): GPUBuffer {
    const b = this.device.createBuffer({ size: Math.max(16, Math.ceil((floats * 4) / 16) * 16), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC | usage });
    this.counts.buffers++;
    this.bytes += b.size;
    this.owned.push(b);
    return b;
  }

  /** A buffer to map for reading, counted. */
  readback(bytes: number): GPUBuffer {
    const b = this.device.createBuffer({ size: Math.ceil(bytes / 4) * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    this.counts.buffers++;
    this.owned.push(b);
    return b;
  }

  pipeline(code: string): GPUComputePipeline {
    let cache = pipelineCache.get(this.device);
    if (!cache) pipelineCache.set(this.device, (cache = new Map()));
    let p = cache.get(code);
    if (!p) {
      p = this.device.createComputePipeline({ layout: 'auto', compute: { module: this.device.createShaderModule({ code }), entryPoint: 'main' } });
      cache.set(code, p);
    }
    return p;
  }

  /** Reserve uniform slots for `count` dispatches; all programs share one uniform buffer, grown rarely. */
  private slots(count: number): number {
    if (this.slotsUsed + count > this.slotCapacity) {
      this.slotCapacity = Math.max(64, 2 * (this.slotsUsed + count));
      this.slotsUsed = 0;
      this.uniforms = this.device.createBuffer({ size: this.slotCapacity * SLOT_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
      this.counts.buffers++;
      this.owned.push(this.uniforms);
    }
    const at = this.slotsUsed;
    this.slotsUsed += count;
    return at;
  }

  /** Compile a program: pipelines (cached), uniforms written once, bind groups made once. */
  program(specs: DispatchSpec[]): Program {
    const first = this.slots(specs.length);
    const words = new Uint32Array(specs.length * SLOT_WORDS);
    specs.forEach((s, i) => {
      if (s.uniforms.length > SLOT_WORDS) throw new Error('uniforms overflow their slot');
      words.set(s.uniforms.map((v) => v >>> 0), i * SLOT_WORDS);
    });
    const uniforms = this.uniforms as GPUBuffer;
    this.device.queue.writeBuffer(uniforms, first * SLOT_BYTES, words);
    return {
      dispatches: specs.map((s, i) => {
        const pipeline = this.pipeline(s.shader);
        const entries: GPUBindGroupEntry[] = [{ binding: 0, resource: { buffer: uniforms, offset: (first + i) * SLOT_BYTES, size: SLOT_BYTES } }, ...s.buffers.map((buffer, b) => ({ binding: b + 1, resource: { buffer } }))];
        const group = this.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
        const [x, y = 1, z = 1] = s.workgroups;
        return { pipeline, group, workgroups: [x, y, z] as [number, number, number] };
      }),
    };
  }

  /** Record programs into one compute pass; `after` may add copies; one submit. */
  run(programs: Program[], after?: (encoder: GPUCommandEncoder) => void): void {
    const encoder = this.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    for (const program of programs) {
      for (const d of program.dispatches) {
        pass.setPipeline(d.pipeline);
        pass.setBindGroup(0, d.group);
        pass.dispatchWorkgroups(...d.workgroups);
        this.counts.dispatches++;
      }
    }
    pass.end();
    after?.(encoder);
    this.device.queue.submit([encoder.finish()]);
    this.counts.submits++;
  }

  /** Copy `bytes` of `source` out and read them (waits for the GPU; not for every step). */
  async read(source: GPUBuffer, bytes: number, into?: GPUBuffer): Promise<Float32Array> {
    const staging = into ?? this.readback(bytes);
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(source, 0, staging, 0, Math.ceil(bytes / 4) * 4);
    this.device.queue.submit([encoder.finish()]);
    this.counts.submits++;
    await staging.mapAsync(GPUMapMode.READ);
    const out = new Float32Array(staging.getMappedRange(0, Math.ceil(bytes / 4) * 4).slice(0));
    staging.unmap();
    return out;
  }

  destroy(): void {
    for (const b of this.owned) b.destroy();
    this.owned.length = 0;
    this.uniforms = null;
    this.slotsUsed = this.slotCapacity = 0;
  }
}

/** Workgroups for `count` threads of 256, capped (kernels stride by the grid). */
export function groups(count: number): number {
  return Math.max(1, Math.min(65535, Math.ceil(count / 256)));
}
