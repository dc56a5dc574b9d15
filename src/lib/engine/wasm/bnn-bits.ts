/**
 * The binarized net's bit-level kernels as WASM SIMD (semantics and the JS build: ../bnn-kernels.ts):
 * packing signs into bits by columns or rows, the exact ±1 product from bits (XOR + popcount), and
 * the ±1 × real product by four-row tables ("four Russians": 16 precomputed signed sums per four
 * rows, then one table row added per four rows, instead of four multiply-adds per output).
 */
import { forLoop, func, op, seq, uleb, type Code, type FunctionDef, type ValType } from './asm';
import { MAX_WIDTH, regs, rowLoop, WIDTHS } from './helpers';

const { local_get: get, local_set: set, i32_const: i32, f32_const: f32 } = op;
const simd = (opcode: number): Code => [0xfd, ...uleb(opcode)];

/** SIMD instructions beyond ./asm.ts's set, by their spec names and opcodes. */
export const x = {
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

export const splat = (value: number): Code => seq(f32(value), op.f32x4_splat);
export const zero = (): Code => splat(0);

/**
 * Bit-pack the signs of w [k×n] by columns: bits [⌈k/32⌉×n] (int32), bit i%32 of word (i/32, j) set
 * where w[i, j] > 0. The words are zeroed first.
 */
export function packColumns(): FunctionDef {
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
export function signProduct(): FunctionDef {
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

/**
 * Bit-pack the signs of x [m×k] by rows: word (r, i/32), bit i%32 = [x[r, i] > 0] (four at a time
 * with i32x4.bitmask, then the tail one by one).
 */
export function packRows(): FunctionDef {
  const params: Record<string, ValType> = { m: 'i32', k: 'i32', x: 'i32', bits: 'i32' };
  const locals: Record<string, ValType> = { r: 'i32', i: 'i32', row: 'i32', out: 'i32', word: 'i32', words: 'i32' };
  return func('pack_rows', params, locals, (v) => {
    const flush = seq(
      get(v.i), i32(31), op.i32_and, op.i32_eqz,
      op.if(get(v.out), get(v.i), i32(5), [0x76], i32(1), op.i32_sub, i32(2), op.i32_shl, op.i32_add, get(v.word), op.i32_store(), i32(0), set(v.word)),
    );
    const elem = (offset: Code) => seq(get(v.row), offset, i32(2), op.i32_shl, op.i32_add);
    return seq(
      get(v.k), i32(31), op.i32_add, i32(5), [0x76], set(v.words),
      forLoop(
        v.r, i32(0), get(v.m), i32(1),
        get(v.x), get(v.r), get(v.k), op.i32_mul, i32(2), op.i32_shl, op.i32_add, set(v.row),
        get(v.bits), get(v.r), get(v.words), op.i32_mul, i32(2), op.i32_shl, op.i32_add, set(v.out),
        i32(0), set(v.word),
        i32(0), set(v.i),
        op.block(op.loop(
          get(v.i), i32(4), op.i32_add, get(v.k), op.i32_gt_s, op.br_if(1),
          get(v.word), elem(get(v.i)), op.v128_load(), splat(0), op.f32x4_gt, [0xfd, ...uleb(0xa4)], get(v.i), i32(31), op.i32_and, op.i32_shl, [0x72], set(v.word),
          get(v.i), i32(4), op.i32_add, set(v.i),
          flush,
          op.br(0),
        )),
        op.block(op.loop(
          get(v.i), get(v.k), op.i32_ge_s, op.br_if(1),
          get(v.word), i32(1), i32(0), elem(get(v.i)), op.f32_load(), f32(0), op.f32_gt, op.select, get(v.i), i32(31), op.i32_and, op.i32_shl, [0x72], set(v.word),
          get(v.i), i32(1), op.i32_add, set(v.i),
          flush,
          op.br(0),
        )),
        get(v.i), i32(31), op.i32_and,
        op.if(get(v.out), get(v.i), i32(5), [0x76], i32(2), op.i32_shl, op.i32_add, get(v.word), op.i32_store()),
      ),
    );
  });
}

/**
 * The four-row tables of a ±1 × real product (the "four Russians"): for each group g of four rows
 * of src (row t at src + t·srcStride floats, `len` floats each), T_g[mask] = Σ_t (bit t of mask ?
 * +1 : −1)·row(4g + t) for the 16 masks: T[0] = −Σ rows, T[mask] = T[mask without its lowest bit]
 * + 2·that bit's row. tables: [groups × 16 × len]. Vectors, then a scalar tail.
 */
export function signedTables(): FunctionDef {
  const params: Record<string, ValType> = { groups: 'i32', len: 'i32', src: 'i32', srcStride: 'i32', tables: 'i32' };
  const locals: Record<string, ValType> = { g: 'i32', mask: 'i32', j: 'i32', lb: 'i32', sb: 'i32', rows: 'i32', t0: 'i32', dst: 'i32', prev: 'i32', row: 'i32' };
  return func('signed_tables', params, locals, (v) => {
    const rowAt = (t: number, load: Code): Code => seq(get(v.rows), get(v.sb), i32(t), op.i32_mul, op.i32_add, get(v.j), op.i32_add, load);
    const first = (store: Code, load: Code, sub: Code, init: Code) => seq(get(v.t0), get(v.j), op.i32_add, init, rowAt(0, load), sub, rowAt(1, load), sub, rowAt(2, load), sub, rowAt(3, load), sub, store);
    const next = (store: Code, load: Code, add: Code, mul: Code, two: Code) => seq(get(v.dst), get(v.j), op.i32_add, get(v.prev), get(v.j), op.i32_add, load, get(v.row), get(v.j), op.i32_add, load, two, mul, add, store);
    return seq(
      get(v.len), i32(2), op.i32_shl, set(v.lb),
      get(v.srcStride), i32(2), op.i32_shl, set(v.sb),
      forLoop(
        v.g, i32(0), get(v.groups), i32(1),
        get(v.src), get(v.g), get(v.sb), op.i32_mul, i32(2), op.i32_shl, op.i32_add, set(v.rows),
        get(v.tables), get(v.g), get(v.lb), op.i32_mul, i32(4), op.i32_shl, op.i32_add, set(v.t0),
        rowLoop(v.j, get(v.lb), first(op.v128_store(), op.v128_load(), op.f32x4_sub, zero()), first(op.f32_store(), op.f32_load(), op.f32_sub, f32(0))),
        forLoop(
          v.mask, i32(1), i32(16), i32(1),
          get(v.t0), get(v.mask), get(v.lb), op.i32_mul, op.i32_add, set(v.dst),
          get(v.t0), get(v.mask), get(v.mask), i32(1), op.i32_sub, op.i32_and, get(v.lb), op.i32_mul, op.i32_add, set(v.prev),
          get(v.rows), get(v.mask), [0x68], get(v.sb), op.i32_mul, op.i32_add, set(v.row),
          rowLoop(v.j, get(v.lb), next(op.v128_store(), op.v128_load(), op.f32x4_add, op.f32x4_mul, splat(2)), next(op.f32_store(), op.f32_load(), op.f32_add, op.f32_mul, f32(2))),
        ),
      ),
    );
  });
}

/**
 * out[i, :] = Σ_g T_g[mask(i, g)] for i < m (tables from signed_tables, rows of len floats; out's
 * rows outStride floats apart): mask(i, g) = bits g·4 … g·4+3 of row i's signs, word q of row i at
 * bits + (q·qStride + i·iStride) words. The row's table offsets are listed first (list: groups
 * int32), then the output is built 8 vectors at a time in registers.
 */
export function selectSum(): FunctionDef {
  const params: Record<string, ValType> = { m: 'i32', groups: 'i32', len: 'i32', bits: 'i32', qStride: 'i32', iStride: 'i32', tables: 'i32', out: 'i32', outStride: 'i32', list: 'i32' };
  const locals: Record<string, ValType> = { i: 'i32', g: 'i32', j: 'i32', lb: 'i32', orow: 'i32', p: 'i32', x: 'f32', ...regs('r', MAX_WIDTH) };
  return func('select_sum', params, locals, (v) => {
    const acc = Array.from({ length: MAX_WIDTH }, (_, t) => v[`r${t}`]);
    const block = (width: number): Code =>
      op.block(
        op.loop(
          get(v.j), i32(16 * width), op.i32_add, get(v.lb), op.i32_gt_s, op.br_if(1),
          ...acc.slice(0, width).map((r) => seq(zero(), set(r))),
          forLoop(
            v.g, i32(0), get(v.groups), i32(1),
            get(v.list), get(v.g), i32(2), op.i32_shl, op.i32_add, op.i32_load(), get(v.j), op.i32_add, set(v.p),
            ...acc.slice(0, width).map((r, t) => seq(get(r), get(v.p), op.v128_load(16 * t), op.f32x4_add, set(r))),
          ),
          ...acc.slice(0, width).map((r, t) => seq(get(v.orow), get(v.j), op.i32_add, get(r), op.v128_store(16 * t))),
          get(v.j), i32(16 * width), op.i32_add, set(v.j),
          op.br(0),
        ),
      );
    return seq(
      get(v.len), i32(2), op.i32_shl, set(v.lb),
      forLoop(
        v.i, i32(0), get(v.m), i32(1),
        // list[g] = byte address of T_g[mask(i, g)]
        forLoop(
          v.g, i32(0), get(v.groups), i32(1),
          get(v.list), get(v.g), i32(2), op.i32_shl, op.i32_add,
          get(v.tables),
          get(v.g), i32(4), op.i32_shl,
          get(v.bits), get(v.g), i32(3), [0x76], get(v.qStride), op.i32_mul, get(v.i), get(v.iStride), op.i32_mul, op.i32_add, i32(2), op.i32_shl, op.i32_add, op.i32_load(),
          get(v.g), i32(7), op.i32_and, i32(2), op.i32_shl, [0x76], i32(15), op.i32_and,
          op.i32_add, get(v.lb), op.i32_mul, op.i32_add,
          op.i32_store(),
        ),
        get(v.out), get(v.i), get(v.outStride), op.i32_mul, i32(2), op.i32_shl, op.i32_add, set(v.orow),
        i32(0), set(v.j),
        ...WIDTHS.map(block),
        op.block(op.loop(
          get(v.j), get(v.lb), op.i32_ge_s, op.br_if(1),
          f32(0), set(v.x),
          forLoop(v.g, i32(0), get(v.groups), i32(1), get(v.x), get(v.list), get(v.g), i32(2), op.i32_shl, op.i32_add, op.i32_load(), get(v.j), op.i32_add, op.f32_load(), op.f32_add, set(v.x)),
          get(v.orow), get(v.j), op.i32_add, get(v.x), op.f32_store(),
          get(v.j), i32(4), op.i32_add, set(v.j),
          op.br(0),
        )),
      ),
    );
  });
}
