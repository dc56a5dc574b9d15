/**
 * The engine's WASM SIMD kernels, emitted with ./asm.ts. Every pointer is a byte address in the
 * shared memory; arrays are float32 (winners: int32), row-major. Semantics: ../kernels.ts.
 * One file per family: products.ts (gemm, gemm_tn), elementwise.ts, conv.ts, pooling.ts; helpers.ts.
 */
import { assemble } from './asm';
import { maxPool, patches, unpool } from './conv';
import { adam, biasAct, columnSums, reluGrad, sgd, transpose } from './elementwise';
import { blurDown, globalAverage, maxPool1, spreadAverage, unpoolAdd } from './pooling';
import { gemm, gemmTN } from './products';

/** The kernels module's bytes. */
export function kernelsModule(): Uint8Array<ArrayBuffer> {
  return assemble([
    gemm(),
    gemmTN(),
    adam(),
    sgd(),
    biasAct('bias_add', false),
    biasAct('bias_relu', true),
    reluGrad(),
    columnSums(),
    transpose(),
    patches('im2col', false),
    patches('col2im', true),
    maxPool(),
    unpool(),
    maxPool1(),
    unpoolAdd(),
    blurDown('blur_down', false),
    blurDown('blur_down_adjoint', true),
    globalAverage(),
    spreadAverage(),
  ]);
}

/** The exports of an instantiated kernels module (pointers are byte addresses). */
export interface KernelExports {
  gemm(m: number, n: number, k: number, a: number, aRow: number, aCol: number, b: number, c: number, acc: number, list: number): void;
  gemm_tn(m: number, n: number, k: number, a: number, b: number, c: number, acc: number, list: number): void;
  adam(n: number, p: number, g: number, m: number, v: number, beta1: number, beta2: number, stepSize: number, epsHat: number): void;
  sgd(n: number, p: number, g: number, rate: number): void;
  bias_add(rows: number, n: number, pre: number, bias: number, post: number): void;
  bias_relu(rows: number, n: number, pre: number, bias: number, post: number): void;
  relu_grad(count: number, pre: number, d: number): void;
  col_sums(rows: number, n: number, a: number, out: number): void;
  transpose(rows: number, cols: number, a: number, out: number): void;
  im2col(n: number, h: number, w: number, ch: number, k: number, ho: number, wo: number, x: number, cols: number): void;
  col2im(n: number, h: number, w: number, ch: number, k: number, ho: number, wo: number, x: number, cols: number): void;
  max_pool(n: number, ho: number, wo: number, ch: number, h: number, out: number, win: number): void;
  unpool(count: number, win: number, dp: number, d: number, total: number): void;
  max_pool1(n: number, hh: number, ww: number, ch: number, h: number, out: number, win: number): void;
  unpool_add(count: number, win: number, dp: number, d: number, total: number): void;
  blur_down(n: number, hh: number, ww: number, ch: number, x: number, out: number): void;
  blur_down_adjoint(n: number, hh: number, ww: number, ch: number, x: number, out: number): void;
  global_average(n: number, p: number, ch: number, h: number, out: number): void;
  spread_average(n: number, p: number, ch: number, g: number, d: number): void;
}
