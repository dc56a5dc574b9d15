/** Element-wise kernels: the fused optimizer updates, bias + ReLU, ∂ReLU, column sums, transpose. */
import { forLoop, func, op, seq, type Code, type FunctionDef, type ValType } from './asm';
import { bump, rowLoop, zero4 } from './helpers';

const { local_get: get, local_set: set, i32_const: i32, f32_const: f32 } = op;

export function adam(): FunctionDef {
  const params: Record<string, ValType> = { n: 'i32', p: 'i32', g: 'i32', m: 'i32', v: 'i32', b1: 'f32', b2: 'f32', lr: 'f32', eps: 'f32' };
  const locals: Record<string, ValType> = { i: 'i32', end: 'i32', vend: 'i32', gs: 'f32', ms: 'f32', vs: 'f32', gv: 'v128', mv: 'v128', vv: 'v128', b1v: 'v128', b1c: 'v128', b2v: 'v128', b2c: 'v128', lrv: 'v128', epsv: 'v128' };
  return func('adam', params, locals, (v) => {
    const ptr = (base: number): Code => seq(get(base), get(v.i), op.i32_add);
    const vector = seq(
      ptr(v.g), op.v128_load(), set(v.gv),
      ptr(v.m), get(v.b1v), ptr(v.m), op.v128_load(), op.f32x4_mul, get(v.b1c), get(v.gv), op.f32x4_mul, op.f32x4_add, op.local_tee(v.mv), op.v128_store(),
      ptr(v.v), get(v.b2v), ptr(v.v), op.v128_load(), op.f32x4_mul, get(v.b2c), get(v.gv), get(v.gv), op.f32x4_mul, op.f32x4_mul, op.f32x4_add, op.local_tee(v.vv), op.v128_store(),
      ptr(v.p), ptr(v.p), op.v128_load(), get(v.mv), get(v.vv), op.f32x4_sqrt, get(v.epsv), op.f32x4_add, op.f32x4_div, get(v.lrv), op.f32x4_mul, op.f32x4_sub, op.v128_store(),
    );
    const scalar = seq(
      ptr(v.g), op.f32_load(), set(v.gs),
      ptr(v.m), get(v.b1), ptr(v.m), op.f32_load(), op.f32_mul, f32(1), get(v.b1), op.f32_sub, get(v.gs), op.f32_mul, op.f32_add, op.local_tee(v.ms), op.f32_store(),
      ptr(v.v), get(v.b2), ptr(v.v), op.f32_load(), op.f32_mul, f32(1), get(v.b2), op.f32_sub, get(v.gs), get(v.gs), op.f32_mul, op.f32_mul, op.f32_add, op.local_tee(v.vs), op.f32_store(),
      ptr(v.p), ptr(v.p), op.f32_load(), get(v.ms), get(v.vs), op.f32_sqrt, get(v.eps), op.f32_add, op.f32_div, get(v.lr), op.f32_mul, op.f32_sub, op.f32_store(),
    );
    const splat = (from: Code, to: number): Code => seq(from, op.f32x4_splat, set(to));
    return seq(
      splat(get(v.b1), v.b1v),
      splat(seq(f32(1), get(v.b1), op.f32_sub), v.b1c),
      splat(get(v.b2), v.b2v),
      splat(seq(f32(1), get(v.b2), op.f32_sub), v.b2c),
      splat(get(v.lr), v.lrv),
      splat(get(v.eps), v.epsv),
      get(v.n), i32(2), op.i32_shl, set(v.end),
      get(v.end), i32(-16), op.i32_and, set(v.vend),
      forLoop(v.i, i32(0), get(v.vend), i32(16), vector),
      forLoop(v.i, get(v.vend), get(v.end), i32(4), scalar),
    );
  });
}

export function sgd(): FunctionDef {
  return func('sgd', { n: 'i32', p: 'i32', g: 'i32', rate: 'f32' }, { i: 'i32', end: 'i32', vend: 'i32', rv: 'v128' }, (v) => {
    const ptr = (base: number): Code => seq(get(base), get(v.i), op.i32_add);
    return seq(
      get(v.rate), op.f32x4_splat, set(v.rv),
      get(v.n), i32(2), op.i32_shl, set(v.end),
      get(v.end), i32(-16), op.i32_and, set(v.vend),
      forLoop(v.i, i32(0), get(v.vend), i32(16), ptr(v.p), ptr(v.p), op.v128_load(), get(v.rv), ptr(v.g), op.v128_load(), op.f32x4_mul, op.f32x4_sub, op.v128_store()),
      forLoop(v.i, get(v.vend), get(v.end), i32(4), ptr(v.p), ptr(v.p), op.f32_load(), get(v.rate), ptr(v.g), op.f32_load(), op.f32_mul, op.f32_sub, op.f32_store()),
    );
  });
}

/** pre[r, :] += bias; with relu, post = max(pre, 0) (NaN stays NaN, as tf.relu). */
export function biasAct(name: string, relu: boolean): FunctionDef {
  return func(name, { rows: 'i32', n: 'i32', pre: 'i32', bias: 'i32', post: 'i32' }, { r: 'i32', j: 'i32', nb: 'i32', prow: 'i32', qrow: 'i32', x: 'f32', xv: 'v128' }, (v) => {
    const p = (base: number): Code => seq(get(base), get(v.j), op.i32_add);
    const vector = seq(
      p(v.prow), p(v.prow), op.v128_load(), p(v.bias), op.v128_load(), op.f32x4_add, op.local_tee(v.xv), op.v128_store(),
      ...(relu ? [p(v.qrow), get(v.xv), zero4, op.f32x4_max, op.v128_store()] : []),
    );
    const scalar = seq(
      p(v.prow), p(v.prow), op.f32_load(), p(v.bias), op.f32_load(), op.f32_add, op.local_tee(v.x), op.f32_store(),
      ...(relu ? [p(v.qrow), f32(0), get(v.x), get(v.x), f32(0), op.f32_lt, op.select, op.f32_store()] : []),
    );
    return seq(
      get(v.n), i32(2), op.i32_shl, set(v.nb),
      forLoop(
        v.r, i32(0), get(v.rows), i32(1),
        get(v.pre), get(v.r), get(v.nb), op.i32_mul, op.i32_add, set(v.prow),
        get(v.post), get(v.r), get(v.nb), op.i32_mul, op.i32_add, set(v.qrow),
        rowLoop(v.j, get(v.nb), vector, scalar),
      ),
    );
  });
}

/** d ← d where pre > 0, else 0 (∂ReLU). */
export function reluGrad(): FunctionDef {
  return func('relu_grad', { count: 'i32', pre: 'i32', d: 'i32' }, { j: 'i32', nb: 'i32' }, (v) => {
    const p = (base: number): Code => seq(get(base), get(v.j), op.i32_add);
    return seq(
      get(v.count), i32(2), op.i32_shl, set(v.nb),
      rowLoop(
        v.j,
        get(v.nb),
        seq(p(v.d), p(v.d), op.v128_load(), p(v.pre), op.v128_load(), zero4, op.f32x4_gt, op.v128_and, op.v128_store()),
        seq(p(v.d), p(v.d), op.f32_load(), f32(0), p(v.pre), op.f32_load(), f32(0), op.f32_gt, op.select, op.f32_store()),
      ),
    );
  });
}

/** out[j] = Σ_r a[r, j]. */
export function columnSums(): FunctionDef {
  return func('col_sums', { rows: 'i32', n: 'i32', a: 'i32', out: 'i32' }, { r: 'i32', j: 'i32', nb: 'i32', arow: 'i32' }, (v) => {
    const p = (base: number): Code => seq(get(base), get(v.j), op.i32_add);
    return seq(
      get(v.n), i32(2), op.i32_shl, set(v.nb),
      rowLoop(v.j, get(v.nb), seq(p(v.out), zero4, op.v128_store()), seq(p(v.out), f32(0), op.f32_store())),
      get(v.a), set(v.arow),
      forLoop(
        v.r, i32(0), get(v.rows), i32(1),
        rowLoop(
          v.j,
          get(v.nb),
          seq(p(v.out), p(v.out), op.v128_load(), p(v.arow), op.v128_load(), op.f32x4_add, op.v128_store()),
          seq(p(v.out), p(v.out), op.f32_load(), p(v.arow), op.f32_load(), op.f32_add, op.f32_store()),
        ),
        get(v.arow), get(v.nb), op.i32_add, set(v.arow),
      ),
    );
  });
}

export function transpose(): FunctionDef {
  return func('transpose', { rows: 'i32', cols: 'i32', a: 'i32', out: 'i32' }, { r: 'i32', c: 'i32', src: 'i32', rb: 'i32' }, (v) =>
    seq(
      get(v.rows), i32(2), op.i32_shl, set(v.rb),
      get(v.a), set(v.src),
      forLoop(
        v.r, i32(0), get(v.rows), i32(1),
        forLoop(
          v.c, i32(0), get(v.cols), i32(1),
          // out[c·rows + r] = a[r·cols + c]
          get(v.out), get(v.c), get(v.rb), op.i32_mul, op.i32_add, get(v.r), i32(2), op.i32_shl, op.i32_add,
          get(v.src), op.f32_load(), op.f32_store(),
          bump(v.src, 4),
        ),
      ),
    ),
  );
}
