/**
 * The binarized net's own WASM SIMD kernels (../bnn-kernels.ts has their semantics and the plain-JS
 * build): binarize (sign of the hidden weights as ±1 floats) and the metaplastic Adam update (its
 * 1 − tanh²(m·|W|) factor from an inline exp) here; the bit-level products in ./bnn-bits.ts, batch
 * norm in ./bnn-norm.ts. A second module over the same memory as ./kernels-module.ts's.
 */
import { assemble, forLoop, func, op, seq, uleb, type Code, type FunctionDef, type ValType } from './asm';
import { packColumns, packRows, selectSum, signedTables, signProduct, splat, x } from './bnn-bits';
import { normBackward, normForward, steMask } from './bnn-norm';
import { rowLoop } from './helpers';

const { local_get: get, local_set: set, i32_const: i32, f32_const: f32 } = op;

/** out[i] = w[i] > 0 ? hi : lo for i < n (sign(0) = lo, as tf.step(w, lo)). */
function binarize(): FunctionDef {
  return func('binarize', { n: 'i32', w: 'i32', out: 'i32', lo: 'f32', hi: 'f32' }, { j: 'i32', nb: 'i32', lov: 'v128', hiv: 'v128' }, (v) => {
    const p = (base: number): Code => seq(get(base), get(v.j), op.i32_add);
    return seq(
      get(v.lo), op.f32x4_splat, set(v.lov),
      get(v.hi), op.f32x4_splat, set(v.hiv),
      get(v.n), i32(2), op.i32_shl, set(v.nb),
      rowLoop(
        v.j,
        get(v.nb),
        seq(p(v.out), get(v.hiv), get(v.lov), p(v.w), op.v128_load(), splat(0), op.f32x4_gt, x.v128_bitselect, op.v128_store()),
        seq(p(v.out), get(v.hi), get(v.lo), p(v.w), op.f32_load(), f32(0), op.f32_gt, op.select, op.f32_store()),
      ),
    );
  });
}

/**
 * e^t for t ≤ 0 on four lanes (Cephes' expf: t = k·ln2 + r, a degree-6 polynomial in r, times 2^k
 * built in the exponent bits); relative error ~1e-7. Leaves the result on the stack; uses locals
 * `t`, `k` (v128).
 */
function exp4(v: Record<string, number>): Code {
  const horner = [1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1];
  return seq(
    get(v.t), splat(-87), op.f32x4_max, set(v.t),
    get(v.t), splat(Math.LOG2E), op.f32x4_mul, x.f32x4_nearest, set(v.k),
    // r = t − k·ln2 (ln2 in two parts)
    get(v.t), get(v.k), splat(0.693359375), op.f32x4_mul, op.f32x4_sub, get(v.k), splat(-2.12194440e-4), op.f32x4_mul, op.f32x4_sub, set(v.t),
    splat(horner[0]),
    ...horner.slice(1).map((c) => seq(get(v.t), op.f32x4_mul, splat(c), op.f32x4_add)),
    get(v.t), op.f32x4_mul, get(v.t), op.f32x4_mul, get(v.t), op.f32x4_add, splat(1), op.f32x4_add,
    // · 2^k: (k + 127) << 23 read as a float
    get(v.k), x.f32x4_trunc_sat_to_i32x4, i32(127), x.i32x4_splat, x.i32x4_add, i32(23), x.i32x4_shl,
    op.f32x4_mul,
  );
}

/**
 * Metaplastic Adam (../../rules/metaplastic.ts) over n parameters: m, v as Adam; step = m/(√v + ε̂)·lr;
 * where m·p > 0 the step is scaled by 1 − tanh²(meta·|p|), tanh(y) = 1 − 2σ(−2y), σ(−2y) = e/(1 + e),
 * e = exp(−2y). Four at a time, then the scalar tail through the same vector code (lane 0).
 */
function metaAdam(): FunctionDef {
  const params: Record<string, ValType> = { n: 'i32', p: 'i32', g: 'i32', m: 'i32', v: 'i32', b1: 'f32', b2: 'f32', lr: 'f32', eps: 'f32', meta: 'f32' };
  const locals: Record<string, ValType> = { i: 'i32', end: 'i32', gv: 'v128', mv: 'v128', vv: 'v128', pv: 'v128', sv: 'v128', t: 'v128', k: 'v128' };
  return func('meta_adam', params, locals, (v) => {
    const ptr = (base: number): Code => seq(get(base), get(v.i), op.i32_add);
    const sp = (local: number): Code => seq(get(local), op.f32x4_splat);
    const lanes = (load: (base: number) => Code, store: Code) => seq(
      load(v.g), set(v.gv),
      sp(v.b1), load(v.m), op.f32x4_mul, f32(1), get(v.b1), op.f32_sub, op.f32x4_splat, get(v.gv), op.f32x4_mul, op.f32x4_add, set(v.mv),
      sp(v.b2), load(v.v), op.f32x4_mul, f32(1), get(v.b2), op.f32_sub, op.f32x4_splat, get(v.gv), get(v.gv), op.f32x4_mul, op.f32x4_mul, op.f32x4_add, set(v.vv),
      get(v.mv), get(v.vv), op.f32x4_sqrt, sp(v.eps), op.f32x4_add, op.f32x4_div, sp(v.lr), op.f32x4_mul, set(v.sv),
      load(v.p), set(v.pv),
      // t = −2·meta·|p|; e = exp(t); s = e/(1+e); tanh = 1 − 2s; factor = 1 − tanh²
      get(v.pv), x.f32x4_abs, sp(v.meta), op.f32x4_mul, splat(-2), op.f32x4_mul, set(v.t),
      exp4(v), set(v.t),
      get(v.t), splat(1), get(v.t), op.f32x4_add, op.f32x4_div, set(v.t),
      splat(1), splat(2), get(v.t), op.f32x4_mul, op.f32x4_sub, set(v.t),
      get(v.sv), splat(1), get(v.t), get(v.t), op.f32x4_mul, op.f32x4_sub, op.f32x4_mul,
      get(v.sv),
      get(v.mv), get(v.pv), op.f32x4_mul, splat(0), op.f32x4_gt,
      x.v128_bitselect, set(v.sv),
      store,
    );
    const vecLoad = (base: number): Code => seq(ptr(base), op.v128_load());
    const oneLoad = (base: number): Code => seq(ptr(base), op.f32_load(), op.f32x4_splat);
    // scalar tail: lane 0 of the same arithmetic
    const laneStore = (base: number, value: number): Code => seq(ptr(base), get(value), [0xfd, ...uleb(0x1f), 0], op.f32_store());
    return seq(
      get(v.n), i32(2), op.i32_shl, set(v.end),
      forLoop(
        v.i, i32(0), seq(get(v.end), i32(-16), op.i32_and), i32(16),
        lanes(vecLoad, seq(ptr(v.m), get(v.mv), op.v128_store(), ptr(v.v), get(v.vv), op.v128_store(), ptr(v.p), get(v.pv), get(v.sv), op.f32x4_sub, op.v128_store())),
      ),
      forLoop(
        v.i, seq(get(v.end), i32(-16), op.i32_and), get(v.end), i32(4),
        lanes(oneLoad, seq(laneStore(v.m, v.mv), laneStore(v.v, v.vv), get(v.pv), get(v.sv), op.f32x4_sub, set(v.pv), laneStore(v.p, v.pv))),
      ),
    );
  });
}

/** The module's bytes. */
export function bnnModule(): Uint8Array<ArrayBuffer> {
  return assemble([binarize(), metaAdam(), packColumns(), signProduct(), packRows(), signedTables(), selectSum(), normForward(), normBackward(), steMask()]);
}

export interface BnnExports {
  binarize(n: number, w: number, out: number, lo: number, hi: number): void;
  meta_adam(n: number, p: number, g: number, m: number, v: number, beta1: number, beta2: number, stepSize: number, epsHat: number, meta: number): void;
  pack_columns(k: number, n: number, w: number, bits: number): void;
  sign_product(m: number, n: number, k: number, rows: number, cols: number, out: number): void;
  pack_rows(m: number, k: number, x: number, bits: number): void;
  signed_tables(groups: number, len: number, src: number, srcStride: number, tables: number): void;
  select_sum(m: number, groups: number, len: number, bits: number, qStride: number, iStride: number, tables: number, out: number, outStride: number, list: number): void;
  norm_forward(n: number, w: number, a: number, gamma: number, beta: number, eps: number, mean: number, variance: number, inv: number, xhat: number, z: number, running: number, rmean: number, rvar: number): void;
  norm_backward(n: number, w: number, d: number, xhat: number, gamma: number, inv: number, gg: number, gb: number): void;
  ste_mask(count: number, z: number, d: number): void;
}
