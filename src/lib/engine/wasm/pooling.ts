/**
 * The pooling variants' kernels (semantics: ../heap.ts, JS build: ../js-pool-kernels.ts): MaxBlurPool's
 * stride-1 max and its routing back to shared winners, the [1,2,1]² blur at stride 2 with reflect
 * padding and its adjoint (SIMD across channels), and global average pooling and its spread back.
 * Same operation order as the JS build, so the two give the same floats.
 */
import { forLoop, func, op, seq, type Code, type FunctionDef, type ValType } from './asm';
import { at, bump, rowLoop, zero4 } from './helpers';

const { local_get: get, local_set: set, i32_const: i32, f32_const: f32 } = op;

/**
 * 2×2 max at stride 1 of h [n, hh, ww, ch] → out [n, hh−1, ww−1, ch]; win[o] = the winner's index in h
 * (ties: top, then left). Four channels at a time in SIMD lanes (values and indices chosen by the same
 * masks, so the same winners as one at a time), the remaining channels one by one.
 */
export function maxPool1(): FunctionDef {
  const params: Record<string, ValType> = { n: 'i32', hh: 'i32', ww: 'i32', ch: 'i32', h: 'i32', out: 'i32', win: 'i32' };
  const locals: Record<string, ValType> = {
    i: 'i32', y: 'i32', x: 'i32', c: 'i32', o: 'i32', rs: 'i32', tl: 'i32', i00: 'i32', i10: 'i32', left: 'i32', right: 'i32', best: 'i32', ym: 'i32', xm: 'i32', chv: 'i32',
    va: 'v128', vb: 'v128', vc: 'v128', vd: 'v128', ia: 'v128', m: 'v128', lv: 'v128', li: 'v128', rv: 'v128', ri: 'v128', rsv: 'v128', chvec: 'v128',
  };
  return func('max_pool1', params, locals, (v) => {
    const val = (idx: Code): Code => seq(get(v.h), idx, i32(2), op.i32_shl, op.i32_add, op.f32_load());
    /** the index among a, b whose value is ≥ the other's (a on ties) */
    const pick = (a: Code, b: Code): Code => seq(a, b, val(a), val(b), op.f32_ge, op.select);
    const right = (idx: number): Code => seq(get(idx), get(v.ch), op.i32_add);
    const load = (idx: Code): Code => seq(get(v.h), idx, i32(2), op.i32_shl, op.i32_add, op.v128_load());
    /** (x, xi) ← the lanes of (a, ai) where a ≥ b, else of (b, bi) */
    const choose = (a: Code, b: Code, ai: Code, bi: Code, x: number, xi: number): Code =>
      seq(a, b, op.f32x4_ge, set(v.m), a, b, get(v.m), op.v128_bitselect, set(x), ai, bi, get(v.m), op.v128_bitselect, set(xi));
    const vector = seq(
      get(v.tl), get(v.c), op.i32_add, set(v.i00),
      get(v.i00), get(v.rs), op.i32_add, set(v.i10),
      load(get(v.i00)), set(v.va),
      load(get(v.i10)), set(v.vb),
      load(right(v.i00)), set(v.vc),
      load(right(v.i10)), set(v.vd),
      get(v.i00), op.i32x4_splat, op.v128_const_i32x4([0, 1, 2, 3]), op.i32x4_add, set(v.ia),
      choose(get(v.va), get(v.vb), get(v.ia), seq(get(v.ia), get(v.rsv), op.i32x4_add), v.lv, v.li),
      choose(get(v.vc), get(v.vd), seq(get(v.ia), get(v.chvec), op.i32x4_add), seq(get(v.ia), get(v.chvec), op.i32x4_add, get(v.rsv), op.i32x4_add), v.rv, v.ri),
      choose(get(v.lv), get(v.rv), get(v.li), get(v.ri), v.va, v.ia),
      at(v.win, v.o), get(v.ia), op.v128_store(),
      at(v.out, v.o), get(v.va), op.v128_store(),
      bump(v.o, 4),
    );
    const scalar = seq(
      get(v.tl), get(v.c), op.i32_add, set(v.i00),
      get(v.i00), get(v.rs), op.i32_add, set(v.i10),
      pick(get(v.i00), get(v.i10)), set(v.left),
      pick(right(v.i00), right(v.i10)), set(v.right),
      pick(get(v.left), get(v.right)), set(v.best),
      at(v.win, v.o), get(v.best), op.i32_store(),
      at(v.out, v.o), val(get(v.best)), op.f32_store(),
      bump(v.o, 1),
    );
    return seq(
      get(v.ww), get(v.ch), op.i32_mul, set(v.rs),
      get(v.rs), op.i32x4_splat, set(v.rsv),
      get(v.ch), op.i32x4_splat, set(v.chvec),
      get(v.ch), i32(-4), op.i32_and, set(v.chv),
      get(v.hh), i32(1), op.i32_sub, set(v.ym),
      get(v.ww), i32(1), op.i32_sub, set(v.xm),
      i32(0), set(v.o),
      forLoop(
        v.i, i32(0), get(v.n), i32(1),
        forLoop(
          v.y, i32(0), get(v.ym), i32(1),
          forLoop(
            v.x, i32(0), get(v.xm), i32(1),
            get(v.i), get(v.hh), op.i32_mul, get(v.y), op.i32_add, get(v.rs), op.i32_mul, get(v.x), get(v.ch), op.i32_mul, op.i32_add, set(v.tl),
            forLoop(v.c, i32(0), get(v.chv), i32(4), vector),
            forLoop(v.c, get(v.chv), get(v.ch), i32(1), scalar),
          ),
        ),
      ),
    );
  });
}

/** d (total floats, zeroed first) [win[o]] += dp[o]. */
export function unpoolAdd(): FunctionDef {
  return func('unpool_add', { count: 'i32', win: 'i32', dp: 'i32', d: 'i32', total: 'i32' }, { o: 'i32', end: 'i32', p: 'i32' }, (v) =>
    seq(
      get(v.d), get(v.total), i32(2), op.i32_shl, op.i32_add, set(v.end),
      forLoop(v.o, get(v.d), get(v.end), i32(4), get(v.o), f32(0), op.f32_store()),
      forLoop(
        v.o, i32(0), get(v.count), i32(1),
        get(v.d), at(v.win, v.o), op.i32_load(), i32(2), op.i32_shl, op.i32_add, op.local_tee(v.p),
        get(v.p), op.f32_load(), at(v.dp, v.o), op.f32_load(), op.f32_add, op.f32_store(),
      ),
    ),
  );
}

/**
 * The blur at stride 2 (adjoint = false): out[i, oy, ox, :] = Σ_{ty,tx} b[ty] b[tx] x[i, r(2oy−1+ty), r(2ox−1+tx), :],
 * b = ¼ ½ ¼, r reflecting at the edges; its adjoint (true): x (zeroed first) += the same weights × out.
 */
export function blurDown(name: string, adjoint: boolean): FunctionDef {
  const params: Record<string, ValType> = { n: 'i32', hh: 'i32', ww: 'i32', ch: 'i32', x: 'i32', out: 'i32' };
  const locals: Record<string, ValType> = { i: 'i32', oy: 'i32', ox: 'i32', ty: 'i32', tx: 'i32', oh: 'i32', ow: 'i32', ry: 'i32', rx: 'i32', img: 'i32', o: 'i32', src: 'i32', j: 'i32', cb: 'i32', end: 'i32', w: 'f32', wv: 'v128' };
  return func(name, params, locals, (v) => {
    /** reflect(2·outer − 1 + tap) into [0, size) */
    const reflect = (outer: number, tap: number, size: number, target: number): Code =>
      seq(
        get(outer), i32(1), op.i32_shl, i32(1), op.i32_sub, get(tap), op.i32_add, set(target),
        get(target), i32(0), op.i32_lt_s, op.if(i32(0), get(target), op.i32_sub, set(target)),
        get(target), get(size), op.i32_ge_s, op.if(get(size), i32(1), op.i32_sub, i32(1), op.i32_shl, get(target), op.i32_sub, set(target)),
      );
    const weight = (tap: number): Code => seq(f32(0.5), f32(0.25), get(tap), i32(1), op.i32_eq, op.select);
    const p = (base: number): Code => seq(get(base), get(v.j), op.i32_add);
    const vector = adjoint
      ? seq(p(v.src), p(v.src), op.v128_load(), get(v.wv), p(v.o), op.v128_load(), op.f32x4_mul, op.f32x4_add, op.v128_store())
      : seq(p(v.o), p(v.o), op.v128_load(), get(v.wv), p(v.src), op.v128_load(), op.f32x4_mul, op.f32x4_add, op.v128_store());
    const scalar = adjoint
      ? seq(p(v.src), p(v.src), op.f32_load(), get(v.w), p(v.o), op.f32_load(), op.f32_mul, op.f32_add, op.f32_store())
      : seq(p(v.o), p(v.o), op.f32_load(), get(v.w), p(v.src), op.f32_load(), op.f32_mul, op.f32_add, op.f32_store());
    return seq(
      get(v.hh), i32(1), op.i32_sub, i32(1), op.i32_shr_s, i32(1), op.i32_add, set(v.oh),
      get(v.ww), i32(1), op.i32_sub, i32(1), op.i32_shr_s, i32(1), op.i32_add, set(v.ow),
      get(v.ch), i32(2), op.i32_shl, set(v.cb),
      ...(adjoint
        ? [get(v.x), get(v.n), get(v.hh), op.i32_mul, get(v.ww), op.i32_mul, get(v.cb), op.i32_mul, op.i32_add, set(v.end), forLoop(v.j, get(v.x), get(v.end), i32(4), get(v.j), f32(0), op.f32_store())]
        : []),
      get(v.out), set(v.o),
      forLoop(
        v.i, i32(0), get(v.n), i32(1),
        get(v.x), get(v.i), get(v.hh), op.i32_mul, get(v.ww), op.i32_mul, get(v.cb), op.i32_mul, op.i32_add, set(v.img),
        forLoop(
          v.oy, i32(0), get(v.oh), i32(1),
          forLoop(
            v.ox, i32(0), get(v.ow), i32(1),
            ...(adjoint ? [] : [rowLoop(v.j, get(v.cb), seq(p(v.o), zero4, op.v128_store()), seq(p(v.o), f32(0), op.f32_store()))]),
            forLoop(
              v.ty, i32(0), i32(3), i32(1),
              reflect(v.oy, v.ty, v.hh, v.ry),
              forLoop(
                v.tx, i32(0), i32(3), i32(1),
                reflect(v.ox, v.tx, v.ww, v.rx),
                get(v.img), get(v.ry), get(v.ww), op.i32_mul, get(v.rx), op.i32_add, get(v.cb), op.i32_mul, op.i32_add, set(v.src),
                weight(v.ty), weight(v.tx), op.f32_mul, op.local_tee(v.w), op.f32x4_splat, set(v.wv),
                rowLoop(v.j, get(v.cb), vector, scalar),
              ),
            ),
            get(v.o), get(v.cb), op.i32_add, set(v.o),
          ),
        ),
      ),
    );
  });
}

/** out [n, ch] = Σ_q h[n, q, :] / p (summed in order, then divided, as the JS build). */
export function globalAverage(): FunctionDef {
  const locals: Record<string, ValType> = { i: 'i32', q: 'i32', j: 'i32', cb: 'i32', o: 'i32', row: 'i32', pf: 'f32', pv: 'v128' };
  return func('global_average', { n: 'i32', p: 'i32', ch: 'i32', h: 'i32', out: 'i32' }, locals, (v) => {
    const ptr = (base: number): Code => seq(get(base), get(v.j), op.i32_add);
    return seq(
      get(v.ch), i32(2), op.i32_shl, set(v.cb),
      get(v.p), op.f32_convert_i32_s, op.local_tee(v.pf), op.f32x4_splat, set(v.pv),
      get(v.h), set(v.row),
      forLoop(
        v.i, i32(0), get(v.n), i32(1),
        get(v.out), get(v.i), get(v.cb), op.i32_mul, op.i32_add, set(v.o),
        rowLoop(v.j, get(v.cb), seq(ptr(v.o), zero4, op.v128_store()), seq(ptr(v.o), f32(0), op.f32_store())),
        forLoop(
          v.q, i32(0), get(v.p), i32(1),
          rowLoop(
            v.j, get(v.cb),
            seq(ptr(v.o), ptr(v.o), op.v128_load(), ptr(v.row), op.v128_load(), op.f32x4_add, op.v128_store()),
            seq(ptr(v.o), ptr(v.o), op.f32_load(), ptr(v.row), op.f32_load(), op.f32_add, op.f32_store()),
          ),
          get(v.row), get(v.cb), op.i32_add, set(v.row),
        ),
        rowLoop(
          v.j, get(v.cb),
          seq(ptr(v.o), ptr(v.o), op.v128_load(), get(v.pv), op.f32x4_div, op.v128_store()),
          seq(ptr(v.o), ptr(v.o), op.f32_load(), get(v.pf), op.f32_div, op.f32_store()),
        ),
      ),
    );
  });
}

/** d [n, p, ch] = g [n, ch] / p at every position. */
export function spreadAverage(): FunctionDef {
  const locals: Record<string, ValType> = { i: 'i32', q: 'i32', j: 'i32', cb: 'i32', gi: 'i32', row: 'i32', pf: 'f32', pv: 'v128' };
  return func('spread_average', { n: 'i32', p: 'i32', ch: 'i32', g: 'i32', d: 'i32' }, locals, (v) => {
    const ptr = (base: number): Code => seq(get(base), get(v.j), op.i32_add);
    return seq(
      get(v.ch), i32(2), op.i32_shl, set(v.cb),
      get(v.p), op.f32_convert_i32_s, op.local_tee(v.pf), op.f32x4_splat, set(v.pv),
      get(v.d), set(v.row),
      forLoop(
        v.i, i32(0), get(v.n), i32(1),
        get(v.g), get(v.i), get(v.cb), op.i32_mul, op.i32_add, set(v.gi),
        forLoop(
          v.q, i32(0), get(v.p), i32(1),
          rowLoop(
            v.j, get(v.cb),
            seq(ptr(v.row), ptr(v.gi), op.v128_load(), get(v.pv), op.f32x4_div, op.v128_store()),
            seq(ptr(v.row), ptr(v.gi), op.f32_load(), get(v.pf), op.f32_div, op.f32_store()),
          ),
          get(v.row), get(v.cb), op.i32_add, set(v.row),
        ),
      ),
    );
  });
}
