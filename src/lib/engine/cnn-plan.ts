/**
 * The typed CNN's layout: each block's shapes (from ../nets/cnn-shapes.ts), where its parameters sit
 * in the one parameter block, and its activation buffers in the heap. A pool of 'none' hands its
 * conv output on as is, so its pooled buffers are the ReLU output's (and its gradient's).
 */
import type { CnnSpec } from '../nets/cnn';
import { cnnShapes, type PoolKind } from '../nets/cnn-shapes';
import type { Rng } from '../random';
import type { Heap } from './heap';

export interface Block {
  height: number;
  width: number;
  channels: number;
  kernel: number;
  outHeight: number;
  outWidth: number;
  filters: number;
  /** Output positions P and patch length K. */
  positions: number;
  patch: number;
  pool: PoolKind;
  /** Side of MaxBlurPool's stride-1 max stage, and of the pooled map. */
  maxSide: number;
  outSide: number;
  /** Floats per example after the pool. */
  pooledSize: number;
  /** Offsets of W and b in the parameter (and gradient) block. */
  w: number;
  b: number;
}

export interface Buffers {
  rows: number;
  x: number;
  cols: number[];
  pre: number[];
  post: number[];
  /** MaxBlurPool's stride-1 max output and its gradient (-1 for other pools). */
  mid: number[];
  dMid: number[];
  pooled: number[];
  /** Int32: index (in the block's post buffer) of each max's winner (-1 for 'none'). */
  winner: number[];
  /** The vector entering the dense layer: the last pooled map (flatten) or its channel means. */
  features: number;
  logits: number;
  delta: number;
  dFeatures: number;
  dPost: number[];
  dCols: number;
  dPooled: number[];
}

export function planCnn(spec: CnnSpec): Block[] {
  let offset = 0;
  return cnnShapes(spec).layers.map((l) => {
    const patch = l.kernel * l.kernel * l.channels;
    const block: Block = {
      height: l.side,
      width: l.side,
      channels: l.channels,
      kernel: l.kernel,
      outHeight: l.convSide,
      outWidth: l.convSide,
      filters: l.filters,
      positions: l.convSide * l.convSide,
      patch,
      pool: l.pool,
      maxSide: l.maxSide,
      outSide: l.outSide,
      pooledSize: l.outSide * l.outSide * l.filters,
      w: offset,
      b: offset + patch * l.filters,
    };
    offset += (patch + 1) * l.filters;
    return block;
  });
}

/** The initial parameters of ../nets/cnn.ts's createCnn, drawn from the Rng in the same order. */
export function initialCnnParameters(spec: CnnSpec, rng: Rng): Float32Array[] {
  const blocks = planCnn(spec);
  const conv = blocks.map((b) => rng.uniformArray(b.patch * b.filters, -1, 1).map((v) => v / Math.sqrt(b.patch)));
  const features = cnnShapes(spec).features;
  const dense = rng.uniformArray(features * spec.classes, -1, 1).map((v) => v / Math.sqrt(features));
  return [...blocks.flatMap((b, l) => [conv[l], new Float32Array(b.filters)]), dense, new Float32Array(spec.classes)];
}

/** Room for `rows` examples: every activation and gradient buffer of the blocks and the head. */
export function allocateBuffers(heap: Heap, blocks: Block[], features: number, classes: number, globalHead: boolean, rows: number): Buffers {
  const convSize = (b: Block) => rows * b.positions * b.filters;
  const midSize = (b: Block) => rows * b.maxSide * b.maxSide * b.filters;
  const largestCols = Math.max(...blocks.map((b) => b.positions * b.patch));
  const post = blocks.map((b) => heap.alloc(convSize(b)));
  const dPost = blocks.map((b) => heap.alloc(convSize(b)));
  const pooled = blocks.map((b, l) => (b.pool === 'none' ? post[l] : heap.alloc(rows * b.pooledSize)));
  const last = blocks.length - 1;
  return {
    rows,
    x: heap.alloc(rows * blocks[0].height * blocks[0].width * blocks[0].channels),
    cols: blocks.map((b) => heap.alloc(rows * b.positions * b.patch)),
    pre: blocks.map((b) => heap.alloc(convSize(b))),
    post,
    mid: blocks.map((b) => (b.pool === 'maxblur' ? heap.alloc(midSize(b)) : -1)),
    dMid: blocks.map((b) => (b.pool === 'maxblur' ? heap.alloc(midSize(b)) : -1)),
    pooled,
    winner: blocks.map((b) => (b.pool === 'max' ? heap.alloc(rows * b.pooledSize) : b.pool === 'maxblur' ? heap.alloc(midSize(b)) : -1)),
    features: globalHead ? heap.alloc(rows * features) : pooled[last],
    logits: heap.alloc(rows * classes),
    delta: heap.alloc(rows * classes),
    dFeatures: heap.alloc(rows * features),
    dPost,
    dCols: heap.alloc(rows * largestCols),
    dPooled: blocks.map((b, l) => (b.pool === 'none' ? dPost[l] : heap.alloc(rows * b.pooledSize))),
  };
}
