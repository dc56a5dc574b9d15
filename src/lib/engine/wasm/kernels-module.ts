/**
 * The engine's WASM SIMD kernels, emitted with ./asm.ts. Every pointer is a byte address in the
 * shared memory; arrays are float32 (winners: int32), row-major. Semantics: ../kernels.ts.
 *
 * The products skip zeros without branching on them: the non-zeros of a row of A are first
 * compacted into a scratch list (each entry is stored, the count only advances past a non-zero),
 * then C is built a block of up to 8 vectors (32 floats) at a time in registers (gemm), or B's row is
 * held in registers while the listed rows of C are updated (gemm_tn). MNIST pixels and ReLU outputs
 * are mostly zero, and a data-dependent branch per entry would mispredict on them.
 */
import { assemble, forLoop, func, op, seq, type Code, type FunctionDef, type ValType } from './asm';

const { local_get: get, local_set: set, i32_const: i32, f32_const: f32 } = op;

/** Add an i32 constant to a local. */
const bump = (local: number, by: number): Code => seq(get(local), i32(by), op.i32_add, set(local));
/** base + 4·index (a float or int32 element's address). */
const at = (base: number, index: number): Code => seq(get(base), get(index), i32(2), op.i32_shl, op.i32_add);
const zero4: Code = seq(f32(0), op.f32x4_splat);

/** Register block widths, in 4-float vectors, tried in turn along a row. */
const WIDTHS = [8, 4, 2, 1];
const MAX_WIDTH = 8;

const regs = (prefix: string, count: number): Record<string, ValType> => Object.fromEntries(Array.from({ length: count }, (_, t) => [`${prefix}${t}`, 'v128' as ValType]));

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

function gemm(): FunctionDef {
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

function gemmTN(): FunctionDef {
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

function adam(): FunctionDef {
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

function sgd(): FunctionDef {
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

/** A row loop over `count` floats at byte offset j: vectors while 4 remain, then single floats. */
function rowLoop(j: number, count: Code, vector: Code, scalar: Code): Code {
  return seq(
    i32(0), set(j),
    op.block(op.loop(get(j), i32(16), op.i32_add, count, op.i32_gt_s, op.br_if(1), vector, bump(j, 16), op.br(0))),
    op.block(op.loop(get(j), count, op.i32_ge_s, op.br_if(1), scalar, bump(j, 4), op.br(0))),
  );
}

/** pre[r, :] += bias; with relu, post = max(pre, 0) (NaN stays NaN, as tf.relu). */
function biasAct(name: string, relu: boolean): FunctionDef {
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
function reluGrad(): FunctionDef {
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
function columnSums(): FunctionDef {
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

function transpose(): FunctionDef {
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

/**
 * im2col (add = false): cols[(i·P + oy·Wo + ox)·K + ki·k·C + t] = x[i][(oy+ki)·W·C + ox·C + t];
 * col2im (add = true): x (zeroed first) += each patch of cols, back in place.
 */
function patches(name: string, add: boolean): FunctionDef {
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
function maxPool(): FunctionDef {
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
function unpool(): FunctionDef {
  return func('unpool', { count: 'i32', win: 'i32', dp: 'i32', d: 'i32', total: 'i32' }, { o: 'i32', end: 'i32' }, (v) =>
    seq(
      get(v.d), get(v.total), i32(2), op.i32_shl, op.i32_add, set(v.end),
      forLoop(v.o, get(v.d), get(v.end), i32(4), get(v.o), f32(0), op.f32_store()),
      forLoop(v.o, i32(0), get(v.count), i32(1), get(v.d), at(v.win, v.o), op.i32_load(), i32(2), op.i32_shl, op.i32_add, at(v.dp, v.o), op.f32_load(), op.f32_store()),
    ),
  );
}

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
}
