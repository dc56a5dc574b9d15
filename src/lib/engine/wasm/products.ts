/**
 * The products: gemm (C (+)= A·B, A strided) and gemm_tn (C (+)= Aᵀ·B in one pass), both skipping
 * zeros of A without branching on them — the non-zeros of a row of A are first compacted into a
 * scratch list (each entry is stored, the count only advances past a non-zero), then C is built a
 * block of up to 8 vectors (32 floats) at a time in registers (gemm), or B's row is held in
 * registers while the listed rows of C are updated (gemm_tn). MNIST pixels and ReLU outputs are
 * mostly zero, and a data-dependent branch per entry would mispredict on them.
 */
import { forLoop, func, op, seq, type Code, type FunctionDef, type ValType } from './asm';
import { bump, MAX_WIDTH, regs, WIDTHS, zero4 } from './helpers';

const { local_get: get, local_set: set, i32_const: i32, f32_const: f32 } = op;

/**
 * Append the non-zeros of `count` floats (first at `from`, `stride` bytes apart) to the list at
 * `list`: entry q = (i32 `key`, f32 value) at list + 8q; `key` is computed from the position local `p`.
 */
function compact(v: Record<string, number>, key: Code): Code {
  return seq(
    i32(0), set(v.cnt),
    get(v.from), set(v.src),
    forLoop(
      v.p, i32(0), get(v.count), i32(1),
      get(v.list), get(v.cnt), i32(3), op.i32_shl, op.i32_add, op.local_tee(v.e),
      key, op.i32_store(0),
      get(v.e), get(v.src), op.f32_load(), op.local_tee(v.val), op.f32_store(4),
      get(v.cnt), get(v.val), f32(0), op.f32_ne, op.i32_add, set(v.cnt),
      get(v.src), get(v.stride), op.i32_add, set(v.src),
    ),
  );
}

const compactLocals: Record<string, ValType> = { cnt: 'i32', src: 'i32', p: 'i32', e: 'i32', from: 'i32', count: 'i32', stride: 'i32', val: 'f32' };

export function gemm(): FunctionDef {
  const params: Record<string, ValType> = { m: 'i32', n: 'i32', k: 'i32', a: 'i32', aRow: 'i32', aCol: 'i32', b: 'i32', c: 'i32', acc: 'i32', list: 'i32' };
  const locals: Record<string, ValType> = { ...compactLocals, i: 'i32', nb: 'i32', crow: 'i32', j: 'i32', q: 'i32', bp: 'i32', s: 'v128', x: 'f32', ...regs('r', MAX_WIDTH) };
  return func('gemm', params, locals, (v) => {
    const acc = Array.from({ length: MAX_WIDTH }, (_, t) => v[`r${t}`]);
    /** C[i, J … J+4w) in registers, over the listed non-zeros; then stored. */
    const block = (width: number): Code =>
      op.block(
        op.loop(
          get(v.j), i32(16 * width), op.i32_add, get(v.nb), op.i32_gt_s, op.br_if(1),
          ...acc.slice(0, width).map((r, t) => seq(get(v.acc), op.if(get(v.crow), get(v.j), op.i32_add, op.v128_load(16 * t), set(r)))),
          get(v.acc), op.i32_eqz, op.if(...acc.slice(0, width).map((r) => seq(zero4, set(r)))),
          forLoop(
            v.q, i32(0), get(v.cnt), i32(1),
            get(v.list), get(v.q), i32(3), op.i32_shl, op.i32_add, op.local_tee(v.e),
            op.i32_load(0), get(v.b), op.i32_add, get(v.j), op.i32_add, set(v.bp),
            get(v.e), op.f32_load(4), op.f32x4_splat, set(v.s),
            ...acc.slice(0, width).map((r, t) => seq(get(r), get(v.s), get(v.bp), op.v128_load(16 * t), op.f32x4_mul, op.f32x4_add, set(r))),
          ),
          ...acc.slice(0, width).map((r, t) => seq(get(v.crow), get(v.j), op.i32_add, get(r), op.v128_store(16 * t))),
          bump(v.j, 16 * width),
          op.br(0),
        ),
      );
    const scalar = op.block(
      op.loop(
        get(v.j), get(v.nb), op.i32_ge_s, op.br_if(1),
        f32(0), set(v.x),
        get(v.acc), op.if(get(v.crow), get(v.j), op.i32_add, op.f32_load(), set(v.x)),
        forLoop(
          v.q, i32(0), get(v.cnt), i32(1),
          get(v.list), get(v.q), i32(3), op.i32_shl, op.i32_add, set(v.e),
          get(v.x), get(v.e), op.f32_load(4),
          get(v.e), op.i32_load(0), get(v.b), op.i32_add, get(v.j), op.i32_add, op.f32_load(),
          op.f32_mul, op.f32_add, set(v.x),
        ),
        get(v.crow), get(v.j), op.i32_add, get(v.x), op.f32_store(),
        bump(v.j, 4),
        op.br(0),
      ),
    );
    return seq(
      get(v.n), i32(2), op.i32_shl, set(v.nb),
      get(v.k), set(v.count),
      get(v.aCol), set(v.stride),
      forLoop(
        v.i, i32(0), get(v.m), i32(1),
        get(v.a), get(v.i), get(v.aRow), op.i32_mul, op.i32_add, set(v.from),
        // key: byte offset of B's row p
        compact(v, seq(get(v.p), get(v.nb), op.i32_mul)),
        get(v.c), get(v.i), get(v.nb), op.i32_mul, op.i32_add, set(v.crow),
        i32(0), set(v.j),
        ...WIDTHS.map(block),
        scalar,
      ),
    );
  });
}

export function gemmTN(): FunctionDef {
  const params: Record<string, ValType> = { m: 'i32', n: 'i32', k: 'i32', a: 'i32', b: 'i32', c: 'i32', acc: 'i32', list: 'i32' };
  const locals: Record<string, ValType> = { ...compactLocals, row: 'i32', nb: 'i32', brow: 'i32', cp: 'i32', j: 'i32', q: 'i32', end: 'i32', s: 'v128', x: 'f32', ...regs('r', MAX_WIDTH) };
  return func('gemm_tn', params, locals, (v) => {
    const bregs = Array.from({ length: MAX_WIDTH }, (_, t) => v[`r${t}`]);
    /** B[row, J … J+4w) in registers; every listed row of C gets s·that. */
    const block = (width: number): Code =>
      op.block(
        op.loop(
          get(v.j), i32(16 * width), op.i32_add, get(v.nb), op.i32_gt_s, op.br_if(1),
          ...bregs.slice(0, width).map((r, t) => seq(get(v.brow), get(v.j), op.i32_add, op.v128_load(16 * t), set(r))),
          forLoop(
            v.q, i32(0), get(v.cnt), i32(1),
            get(v.list), get(v.q), i32(3), op.i32_shl, op.i32_add, op.local_tee(v.e),
            op.i32_load(0), get(v.c), op.i32_add, get(v.j), op.i32_add, set(v.cp),
            get(v.e), op.f32_load(4), op.f32x4_splat, set(v.s),
            ...bregs.slice(0, width).map((r, t) => seq(get(v.cp), get(v.cp), op.v128_load(16 * t), get(v.s), get(r), op.f32x4_mul, op.f32x4_add, op.v128_store(16 * t))),
          ),
          bump(v.j, 16 * width),
          op.br(0),
        ),
      );
    const scalar = op.block(
      op.loop(
        get(v.j), get(v.nb), op.i32_ge_s, op.br_if(1),
        get(v.brow), get(v.j), op.i32_add, op.f32_load(), set(v.x),
        forLoop(
          v.q, i32(0), get(v.cnt), i32(1),
          get(v.list), get(v.q), i32(3), op.i32_shl, op.i32_add, op.local_tee(v.e),
          op.i32_load(0), get(v.c), op.i32_add, get(v.j), op.i32_add, op.local_tee(v.cp),
          get(v.cp), op.f32_load(), get(v.e), op.f32_load(4), get(v.x), op.f32_mul, op.f32_add, op.f32_store(),
        ),
        bump(v.j, 4),
        op.br(0),
      ),
    );
    return seq(
      get(v.n), i32(2), op.i32_shl, set(v.nb),
      get(v.acc), op.i32_eqz,
      op.if(
        // zero C (the heap pads every array to whole vectors)
        get(v.c), get(v.m), get(v.nb), op.i32_mul, op.i32_add, set(v.end),
        forLoop(v.j, get(v.c), get(v.end), i32(16), get(v.j), zero4, op.v128_store()),
      ),
      get(v.m), set(v.count),
      i32(4), set(v.stride),
      forLoop(
        v.row, i32(0), get(v.k), i32(1),
        get(v.a), get(v.row), get(v.m), op.i32_mul, i32(2), op.i32_shl, op.i32_add, set(v.from),
        // key: byte offset of C's row p
        compact(v, seq(get(v.p), get(v.nb), op.i32_mul)),
        get(v.b), get(v.row), get(v.nb), op.i32_mul, op.i32_add, set(v.brow),
        i32(0), set(v.j),
        ...WIDTHS.map(block),
        scalar,
      ),
    );
  });
}
