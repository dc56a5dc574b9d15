/**
 * The binarized net's own WASM SIMD kernels (../bnn-kernels.ts has their semantics and the plain-JS
 * build): binarize (sign of the hidden weights as ±1 or 0/1 floats), the metaplastic Adam update
 * (its 1 − tanh²(m·|W|) factor from an inline exp), and the bit-packed ±1 product (XOR + popcount).
 * A second module over the same memory as ./kernels-module.ts's; emitted with ./asm.ts.
 */
import { assemble, forLoop, func, op, seq, uleb, type Code, type FunctionDef, type ValType } from './asm';
import { rowLoop } from './helpers';

const { local_get: get, local_set: set, i32_const: i32, f32_const: f32 } = op;
const simd = (opcode: number): Code => [0xfd, ...uleb(opcode)];

/** SIMD instructions beyond ./asm.ts's set, by their spec names and opcodes. */
const x = {
  v128_xor: simd(0x51),
  v128_bitselect: simd(0x52),
  i8x16_popcnt: simd(0x62),
  f32x4_nearest: simd(0x6a),
  i16x8_extadd_pairwise_i8x16_u: simd(0x7d),
  i32x4_extadd_pairwise_i16x8_u: simd(0x7f),
  i32x4_splat: simd(0x11),
  i32x4_shl: simd(0xab),
  i32x4_add: simd(0xae),
  i32x4_sub: simd(0xb1),
  i32x4_mul: simd(0xb5),
  f32x4_abs: simd(0xe0),
  f32x4_trunc_sat_to_i32x4: simd(0xf8),
  f32x4_convert_i32x4_s: simd(0xfa),
};

const splat = (value: number): Code => seq(f32(value), op.f32x4_splat);

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

/**
 * Bit-pack the signs of w [k×n] by columns: bits [⌈k/32⌉×n] (int32), bit i%32 of word (i/32, j) set
 * where w[i, j] > 0. The words are zeroed first.
 */
function packColumns(): FunctionDef {
  const params: Record<string, ValType> = { k: 'i32', n: 'i32', w: 'i32', bits: 'i32' };
  const locals: Record<string, ValType> = { i: 'i32', j: 'i32', nb: 'i32', row: 'i32', word: 'i32', end: 'i32', bit: 'i32', bitv: 'v128' };
  return func('pack_columns', params, locals, (v) => {
    const p = (base: number): Code => seq(get(base), get(v.j), op.i32_add);
    return seq(
      get(v.n), i32(2), op.i32_shl, set(v.nb),
      get(v.bits), get(v.k), i32(31), op.i32_add, i32(5), [0x76], get(v.nb), op.i32_mul, op.i32_add, set(v.end),
      forLoop(v.j, get(v.bits), get(v.end), i32(4), get(v.j), i32(0), op.i32_store()),
      forLoop(
        v.i, i32(0), get(v.k), i32(1),
        get(v.w), get(v.i), get(v.nb), op.i32_mul, op.i32_add, set(v.row),
        get(v.bits), get(v.i), i32(5), [0x76], get(v.nb), op.i32_mul, op.i32_add, set(v.word),
        i32(1), get(v.i), i32(31), op.i32_and, op.i32_shl, set(v.bit),
        get(v.bit), x.i32x4_splat, set(v.bitv),
        rowLoop(
          v.j,
          get(v.nb),
          seq(p(v.word), p(v.word), op.v128_load(), p(v.row), op.v128_load(), splat(0), op.f32x4_gt, get(v.bitv), op.v128_and, [0xfd, ...uleb(0x50)], op.v128_store()),
          seq(p(v.word), p(v.word), op.i32_load(), get(v.bit), i32(0), p(v.row), op.f32_load(), f32(0), op.f32_gt, op.select, [0x72], op.i32_store()),
        ),
      ),
    );
  });
}

/**
 * The product of two ±1 matrices from their bits: out[r, j] = k − 2·popcount(rows[r] ⊕ cols[·, j])
 * for r < m, j < n, where rows [m×words] holds each row's signs bit-packed and cols [words×n] each
 * column's (./pack_columns); padding bits are 0 in both, so they agree and count nothing. Exact
 * (integers), so equal to the float product of the ±1 matrices.
 */
function signProduct(): FunctionDef {
  const params: Record<string, ValType> = { m: 'i32', n: 'i32', k: 'i32', rows: 'i32', cols: 'i32', out: 'i32' };
  const locals: Record<string, ValType> = { r: 'i32', j: 'i32', w: 'i32', words: 'i32', nb: 'i32', hrow: 'i32', orow: 'i32', cp: 'i32', cnt: 'i32', hw: 'i32', hv: 'v128', acc: 'v128' };
  return func('sign_product', params, locals, (v) => {
    const popcnt4 = seq(x.i8x16_popcnt, x.i16x8_extadd_pairwise_i8x16_u, x.i32x4_extadd_pairwise_i16x8_u);
    const vector = seq(
      i32(0), x.i32x4_splat, set(v.acc),
      get(v.cols), get(v.j), op.i32_add, set(v.cp),
      forLoop(
        v.w, i32(0), get(v.words), i32(1),
        get(v.hrow), get(v.w), i32(2), op.i32_shl, op.i32_add, op.i32_load(), x.i32x4_splat,
        get(v.cp), op.v128_load(), x.v128_xor, popcnt4, get(v.acc), x.i32x4_add, set(v.acc),
        get(v.cp), get(v.nb), op.i32_add, set(v.cp),
      ),
      get(v.orow), get(v.j), op.i32_add,
      get(v.k), x.i32x4_splat, get(v.acc), i32(1), x.i32x4_shl, x.i32x4_sub, x.f32x4_convert_i32x4_s,
      op.v128_store(),
    );
    const scalar = seq(
      i32(0), set(v.cnt),
      get(v.cols), get(v.j), op.i32_add, set(v.cp),
      forLoop(
        v.w, i32(0), get(v.words), i32(1),
        get(v.hrow), get(v.w), i32(2), op.i32_shl, op.i32_add, op.i32_load(), set(v.hw),
        get(v.cnt), get(v.hw), get(v.cp), op.i32_load(), [0x73], [0x69], op.i32_add, set(v.cnt),
        get(v.cp), get(v.nb), op.i32_add, set(v.cp),
      ),
      get(v.orow), get(v.j), op.i32_add,
      get(v.k), get(v.cnt), i32(1), op.i32_shl, op.i32_sub, [0xb2], op.f32_store(),
    );
    return seq(
      get(v.k), i32(31), op.i32_add, i32(5), [0x76], set(v.words),
      get(v.n), i32(2), op.i32_shl, set(v.nb),
      forLoop(
        v.r, i32(0), get(v.m), i32(1),
        get(v.rows), get(v.r), get(v.words), op.i32_mul, i32(2), op.i32_shl, op.i32_add, set(v.hrow),
        get(v.out), get(v.r), get(v.nb), op.i32_mul, op.i32_add, set(v.orow),
        rowLoop(v.j, get(v.nb), vector, scalar),
      ),
    );
  });
}

/** The module's bytes. */
export function bnnModule(): Uint8Array<ArrayBuffer> {
  return assemble([binarize(), metaAdam(), packColumns(), signProduct()]);
}

export interface BnnExports {
  binarize(n: number, w: number, out: number, lo: number, hi: number): void;
  meta_adam(n: number, p: number, g: number, m: number, v: number, beta1: number, beta2: number, stepSize: number, epsHat: number, meta: number): void;
  pack_columns(k: number, n: number, w: number, bits: number): void;
  sign_product(m: number, n: number, k: number, rows: number, cols: number, out: number): void;
}
