/** The convolution's data movement: im2col and its adjoint col2im, 2×2 max pooling and its routing back. */
import { forLoop, func, op, seq, type Code, type FunctionDef, type ValType } from './asm';
import { at, bump, rowLoop } from './helpers';

const { local_get: get, local_set: set, i32_const: i32, f32_const: f32 } = op;

/**
 * im2col (add = false): cols[(i·P + oy·Wo + ox)·K + ki·k·C + t] = x[i][(oy+ki)·W·C + ox·C + t];
 * col2im (add = true): x (zeroed first) += each patch of cols, back in place.
 */
export function patches(name: string, add: boolean): FunctionDef {
  const params: Record<string, ValType> = { n: 'i32', h: 'i32', w: 'i32', ch: 'i32', k: 'i32', ho: 'i32', wo: 'i32', x: 'i32', cols: 'i32' };
  const locals: Record<string, ValType> = { i: 'i32', oy: 'i32', ox: 'i32', ki: 'i32', t: 'i32', run: 'i32', img: 'i32', out: 'i32', src: 'i32', dst: 'i32', end: 'i32' };
  return func(name, params, locals, (v) => {
    // `src` is the image side, `dst` the column side
    const vector = add
      ? seq(get(v.src), get(v.t), op.i32_add, get(v.src), get(v.t), op.i32_add, op.v128_load(), get(v.dst), get(v.t), op.i32_add, op.v128_load(), op.f32x4_add, op.v128_store())
      : seq(get(v.dst), get(v.t), op.i32_add, get(v.src), get(v.t), op.i32_add, op.v128_load(), op.v128_store());
    const scalar = add
      ? seq(get(v.src), get(v.t), op.i32_add, get(v.src), get(v.t), op.i32_add, op.f32_load(), get(v.dst), get(v.t), op.i32_add, op.f32_load(), op.f32_add, op.f32_store())
      : seq(get(v.dst), get(v.t), op.i32_add, get(v.src), get(v.t), op.i32_add, op.f32_load(), op.f32_store());
    return seq(
      get(v.k), get(v.ch), op.i32_mul, i32(2), op.i32_shl, set(v.run),
      ...(add
        ? [get(v.x), get(v.n), get(v.h), op.i32_mul, get(v.w), op.i32_mul, get(v.ch), op.i32_mul, i32(2), op.i32_shl, op.i32_add, set(v.end), forLoop(v.t, get(v.x), get(v.end), i32(4), get(v.t), f32(0), op.f32_store())]
        : []),
      get(v.cols), set(v.out),
      forLoop(
        v.i, i32(0), get(v.n), i32(1),
        get(v.x), get(v.i), get(v.h), op.i32_mul, get(v.w), op.i32_mul, get(v.ch), op.i32_mul, i32(2), op.i32_shl, op.i32_add, set(v.img),
        forLoop(
          v.oy, i32(0), get(v.ho), i32(1),
          forLoop(
            v.ox, i32(0), get(v.wo), i32(1),
            forLoop(
              v.ki, i32(0), get(v.k), i32(1),
              get(v.img), get(v.oy), get(v.ki), op.i32_add, get(v.w), op.i32_mul, get(v.ox), op.i32_add, get(v.ch), op.i32_mul, i32(2), op.i32_shl, op.i32_add, set(v.src),
              get(v.out), get(v.ki), get(v.run), op.i32_mul, op.i32_add, set(v.dst),
              rowLoop(v.t, get(v.run), vector, scalar),
            ),
            get(v.out), get(v.run), get(v.k), op.i32_mul, op.i32_add, set(v.out),
          ),
        ),
      ),
    );
  });
}

/** 2×2 max pool of h [n, Ho, Wo, C] → out; win[o] = the winner's float index in h (ties: top, then left). */
export function maxPool(): FunctionDef {
  const params: Record<string, ValType> = { n: 'i32', ho: 'i32', wo: 'i32', ch: 'i32', h: 'i32', out: 'i32', win: 'i32' };
  const locals: Record<string, ValType> = { i: 'i32', py: 'i32', px: 'i32', c: 'i32', o: 'i32', rs: 'i32', tl: 'i32', i00: 'i32', i10: 'i32', left: 'i32', right: 'i32', best: 'i32' };
  return func('max_pool', params, locals, (v) => {
    const val = (idx: number): Code => seq(at(v.h, idx), op.f32_load());
    /** the index among a, b whose value is ≥ the other's (a on ties) */
    const pick = (a: Code, b: Code, va: Code, vb: Code): Code => seq(a, b, va, vb, op.f32_ge, op.select);
    return seq(
      get(v.wo), get(v.ch), op.i32_mul, set(v.rs),
      i32(0), set(v.o),
      forLoop(
        v.i, i32(0), get(v.n), i32(1),
        forLoop(
          v.py, i32(0), get(v.ho), i32(2),
          forLoop(
            v.px, i32(0), get(v.wo), i32(2),
            get(v.i), get(v.ho), op.i32_mul, get(v.py), op.i32_add, get(v.rs), op.i32_mul, get(v.px), get(v.ch), op.i32_mul, op.i32_add, set(v.tl),
            forLoop(
              v.c, i32(0), get(v.ch), i32(1),
              get(v.tl), get(v.c), op.i32_add, set(v.i00),
              get(v.i00), get(v.rs), op.i32_add, set(v.i10),
              pick(get(v.i00), get(v.i10), val(v.i00), val(v.i10)), set(v.left),
              pick(seq(get(v.i00), get(v.ch), op.i32_add), seq(get(v.i10), get(v.ch), op.i32_add), seq(get(v.h), get(v.i00), get(v.ch), op.i32_add, i32(2), op.i32_shl, op.i32_add, op.f32_load()), seq(get(v.h), get(v.i10), get(v.ch), op.i32_add, i32(2), op.i32_shl, op.i32_add, op.f32_load())), set(v.right),
              pick(get(v.left), get(v.right), val(v.left), val(v.right)), set(v.best),
              at(v.win, v.o), get(v.best), op.i32_store(),
              at(v.out, v.o), val(v.best), op.f32_store(),
              bump(v.o, 1),
            ),
          ),
        ),
      ),
    );
  });
}

/** d (total floats, zeroed first) [win[o]] = dp[o]: the pooled gradient back to each window's winner. */
export function unpool(): FunctionDef {
  return func('unpool', { count: 'i32', win: 'i32', dp: 'i32', d: 'i32', total: 'i32' }, { o: 'i32', end: 'i32' }, (v) =>
    seq(
      get(v.d), get(v.total), i32(2), op.i32_shl, op.i32_add, set(v.end),
      forLoop(v.o, get(v.d), get(v.end), i32(4), get(v.o), f32(0), op.f32_store()),
      forLoop(v.o, i32(0), get(v.count), i32(1), get(v.d), at(v.win, v.o), op.i32_load(), i32(2), op.i32_shl, op.i32_add, at(v.dp, v.o), op.f32_load(), op.f32_store()),
    ),
  );
}
