/**
 * The binarized net's batch norm and straight-through mask as WASM SIMD (semantics and the JS
 * build: ../bnn-norm.ts). Arrays are row-major [n×w]; the per-column sums run four columns to a
 * vector across the rows, with a scalar tail for w mod 4.
 */
import { forLoop, func, op, seq, type Code, type FunctionDef, type ValType } from './asm';
import { rowLoop, zero4 } from './helpers';

const { local_get: get, local_set: set, i32_const: i32, f32_const: f32 } = op;
const f32x4_le: Code = [0xfd, 0x45];
const f32x4_abs: Code = [0xfd, 0xe0, 0x01];

/** A column-wise pass: `body(v, p)` per vector (p: byte offset into a row), and its scalar form. */
function columns(v: Record<string, number>, vector: Code, scalar: Code): Code {
  return rowLoop(v.j, get(v.wb), vector, scalar);
}

/** p(base): base + j; row(base): base + r·w·4 + j. */
const at = (v: Record<string, number>, base: number): Code => seq(get(base), get(v.j), op.i32_add);
const atRow = (v: Record<string, number>, base: number): Code => seq(get(base), get(v.ro), op.i32_add, get(v.j), op.i32_add);

/**
 * norm_forward(n, w, a, γ, β, ε, mean, variance, inv, x̂, z, running, runMean, runVar): with
 * running = 0 the batch statistics (written to mean, variance), else the running ones copied there;
 * inv = 1/√(variance + ε); x̂ = (a − mean)·inv; z = x̂·γ + β.
 */
export function normForward(): FunctionDef {
  const params: Record<string, ValType> = { n: 'i32', w: 'i32', a: 'i32', gamma: 'i32', beta: 'i32', eps: 'f32', mean: 'i32', variance: 'i32', inv: 'i32', xhat: 'i32', z: 'i32', running: 'i32', rmean: 'i32', rvar: 'i32' };
  const locals: Record<string, ValType> = { j: 'i32', r: 'i32', wb: 'i32', ro: 'i32', nf: 'f32', x: 'f32', xv: 'v128' };
  return func('norm_forward', params, locals, (v) => {
    const vload = (c: Code) => seq(c, op.v128_load());
    const sload = (c: Code) => seq(c, op.f32_load());
    const overRows = (...body: Code[]) => forLoop(v.r, i32(0), get(v.n), i32(1), get(v.r), get(v.wb), op.i32_mul, set(v.ro), ...body);
    // acc[j] += f(row)
    const accumulate = (acc: number, vterm: Code, sterm: Code) =>
      overRows(columns(v, seq(at(v, acc), vload(at(v, acc)), vterm, op.f32x4_add, op.v128_store()), seq(at(v, acc), sload(at(v, acc)), sterm, op.f32_add, op.f32_store())));
    const divide = (acc: number) => columns(v, seq(at(v, acc), vload(at(v, acc)), get(v.nf), op.f32x4_splat, op.f32x4_div, op.v128_store()), seq(at(v, acc), sload(at(v, acc)), get(v.nf), op.f32_div, op.f32_store()));
    const zero = (acc: number) => columns(v, seq(at(v, acc), zero4, op.v128_store()), seq(at(v, acc), f32(0), op.f32_store()));
    const copy = (to: number, from: number) => columns(v, seq(at(v, to), vload(at(v, from)), op.v128_store()), seq(at(v, to), sload(at(v, from)), op.f32_store()));
    const dv = seq(vload(atRow(v, v.a)), vload(at(v, v.mean)), op.f32x4_sub, op.local_tee(v.xv));
    const ds = seq(sload(atRow(v, v.a)), sload(at(v, v.mean)), op.f32_sub, op.local_tee(v.x));
    return seq(
      get(v.w), i32(2), op.i32_shl, set(v.wb),
      get(v.n), [0xb2], set(v.nf),
      get(v.running),
      op.if(copy(v.mean, v.rmean), copy(v.variance, v.rvar)),
      get(v.running), op.i32_eqz,
      op.if(
        zero(v.mean),
        accumulate(v.mean, vload(atRow(v, v.a)), sload(atRow(v, v.a))),
        divide(v.mean),
        zero(v.variance),
        accumulate(v.variance, seq(dv, get(v.xv), op.f32x4_mul), seq(ds, get(v.x), op.f32_mul)),
        divide(v.variance),
      ),
      columns(
        v,
        seq(at(v, v.inv), f32(1), op.f32x4_splat, vload(at(v, v.variance)), get(v.eps), op.f32x4_splat, op.f32x4_add, op.f32x4_sqrt, op.f32x4_div, op.v128_store()),
        seq(at(v, v.inv), f32(1), sload(at(v, v.variance)), get(v.eps), op.f32_add, op.f32_sqrt, op.f32_div, op.f32_store()),
      ),
      overRows(
        columns(
          v,
          seq(atRow(v, v.xhat), dv, vload(at(v, v.inv)), op.f32x4_mul, op.local_tee(v.xv), op.v128_store(), atRow(v, v.z), get(v.xv), vload(at(v, v.gamma)), op.f32x4_mul, vload(at(v, v.beta)), op.f32x4_add, op.v128_store()),
          seq(atRow(v, v.xhat), ds, sload(at(v, v.inv)), op.f32_mul, op.local_tee(v.x), op.f32_store(), atRow(v, v.z), get(v.x), sload(at(v, v.gamma)), op.f32_mul, sload(at(v, v.beta)), op.f32_add, op.f32_store()),
        ),
      ),
    );
  });
}

/**
 * norm_backward(n, w, δ, x̂, γ, inv, ∂γ, ∂β): ∂γ = Σ δ·x̂, ∂β = Σ δ; then in place
 * δ ← ((δ·γ − γ·∂β/n) − x̂·(γ·∂γ/n))·inv.
 */
export function normBackward(): FunctionDef {
  const params: Record<string, ValType> = { n: 'i32', w: 'i32', d: 'i32', xhat: 'i32', gamma: 'i32', inv: 'i32', gg: 'i32', gb: 'i32' };
  const locals: Record<string, ValType> = { j: 'i32', r: 'i32', wb: 'i32', ro: 'i32', nf: 'f32', gv: 'v128', gs: 'f32' };
  return func('norm_backward', params, locals, (v) => {
    const vload = (c: Code) => seq(c, op.v128_load());
    const sload = (c: Code) => seq(c, op.f32_load());
    const overRows = (...body: Code[]) => forLoop(v.r, i32(0), get(v.n), i32(1), get(v.r), get(v.wb), op.i32_mul, set(v.ro), ...body);
    const zero = (acc: number) => columns(v, seq(at(v, acc), zero4, op.v128_store()), seq(at(v, acc), f32(0), op.f32_store()));
    return seq(
      get(v.w), i32(2), op.i32_shl, set(v.wb),
      get(v.n), [0xb2], set(v.nf),
      zero(v.gg),
      zero(v.gb),
      overRows(
        columns(
          v,
          seq(at(v, v.gg), vload(at(v, v.gg)), vload(atRow(v, v.d)), vload(atRow(v, v.xhat)), op.f32x4_mul, op.f32x4_add, op.v128_store(), at(v, v.gb), vload(at(v, v.gb)), vload(atRow(v, v.d)), op.f32x4_add, op.v128_store()),
          seq(at(v, v.gg), sload(at(v, v.gg)), sload(atRow(v, v.d)), sload(atRow(v, v.xhat)), op.f32_mul, op.f32_add, op.f32_store(), at(v, v.gb), sload(at(v, v.gb)), sload(atRow(v, v.d)), op.f32_add, op.f32_store()),
        ),
      ),
      overRows(
        columns(
          v,
          seq(
            vload(at(v, v.gamma)), op.local_set(v.gv),
            atRow(v, v.d),
            vload(atRow(v, v.d)), get(v.gv), op.f32x4_mul,
            get(v.gv), vload(at(v, v.gb)), op.f32x4_mul, get(v.nf), op.f32x4_splat, op.f32x4_div, op.f32x4_sub,
            vload(atRow(v, v.xhat)), get(v.gv), vload(at(v, v.gg)), op.f32x4_mul, get(v.nf), op.f32x4_splat, op.f32x4_div, op.f32x4_mul, op.f32x4_sub,
            vload(at(v, v.inv)), op.f32x4_mul, op.v128_store(),
          ),
          seq(
            sload(at(v, v.gamma)), op.local_set(v.gs),
            atRow(v, v.d),
            sload(atRow(v, v.d)), get(v.gs), op.f32_mul,
            get(v.gs), sload(at(v, v.gb)), op.f32_mul, get(v.nf), op.f32_div, op.f32_sub,
            sload(atRow(v, v.xhat)), get(v.gs), sload(at(v, v.gg)), op.f32_mul, get(v.nf), op.f32_div, op.f32_mul, op.f32_sub,
            sload(at(v, v.inv)), op.f32_mul, op.f32_store(),
          ),
        ),
      ),
    );
  });
}

/** ste_mask(count, z, δ): δ ← δ where |z| ≤ 1, else 0 (the straight-through estimator of sign). */
export function steMask(): FunctionDef {
  return func('ste_mask', { count: 'i32', z: 'i32', d: 'i32' }, { j: 'i32', nb: 'i32' }, (v) => {
    const p = (base: number): Code => seq(get(base), get(v.j), op.i32_add);
    return seq(
      get(v.count), i32(2), op.i32_shl, set(v.nb),
      rowLoop(
        v.j,
        get(v.nb),
        seq(p(v.d), p(v.d), op.v128_load(), p(v.z), op.v128_load(), f32x4_abs, f32(1), op.f32x4_splat, f32x4_le, op.v128_and, op.v128_store()),
        seq(p(v.d), p(v.d), op.f32_load(), f32(0), p(v.z), op.f32_load(), [0x8b], f32(1), [0x5f], op.select, op.f32_store()),
      ),
    );
  });
}
