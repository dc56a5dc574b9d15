/**
 * A tiny WebAssembly assembler: enough of the binary format to emit the engine's SIMD kernels at
 * run time, with no toolchain and no .wasm file to ship (the module is a few KB, built in ~1 ms).
 *
 * A module here is: one imported memory ("env"."memory"), functions over i32/f32/v128 locals, and
 * their exports. Instructions are plain byte arrays; `op.*` spells the ones the kernels use, by
 * their names in the WebAssembly spec (core 2.0 + fixed-width SIMD).
 */

export type ValType = 'i32' | 'f32' | 'v128';

const VALTYPE: Record<ValType, number> = { i32: 0x7f, f32: 0x7d, v128: 0x7b };

export type Code = number[];

export function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

export function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const f32Bytes = (x: number): number[] => Array.from(new Uint8Array(new Float32Array([x]).buffer));
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, body: number[]): number[] => (body.length ? [id, ...uleb(body.length), ...body] : []);
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const simd = (opcode: number, ...rest: number[]): Code => [0xfd, ...uleb(opcode), ...rest];
/** memarg: alignment exponent and offset. */
const mem = (align: number, offset = 0): number[] => [...uleb(align), ...uleb(offset)];

/** Instructions, by their spec names (`local_get` for local.get). Structured ones take their body. */
export const op = {
  local_get: (i: number): Code => [0x20, ...uleb(i)],
  local_set: (i: number): Code => [0x21, ...uleb(i)],
  local_tee: (i: number): Code => [0x22, ...uleb(i)],
  i32_const: (v: number): Code => [0x41, ...sleb(v)],
  f32_const: (v: number): Code => [0x43, ...f32Bytes(v)],
  i32_load: (offset = 0): Code => [0x28, ...mem(2, offset)],
  i32_store: (offset = 0): Code => [0x36, ...mem(2, offset)],
  f32_load: (offset = 0): Code => [0x2a, ...mem(2, offset)],
  f32_store: (offset = 0): Code => [0x38, ...mem(2, offset)],
  i32_eqz: [0x45],
  i32_eq: [0x46],
  i32_ne: [0x47],
  i32_lt_s: [0x48],
  i32_lt_u: [0x49],
  i32_gt_s: [0x4a],
  i32_le_s: [0x4c],
  i32_ge_s: [0x4e],
  i32_add: [0x6a],
  i32_sub: [0x6b],
  i32_mul: [0x6c],
  i32_and: [0x71],
  i32_shl: [0x74],
  i32_shr_s: [0x75],
  f32_convert_i32_s: [0xb2],
  f32_ne: [0x5c],
  f32_lt: [0x5d],
  f32_gt: [0x5e],
  f32_ge: [0x60],
  f32_sqrt: [0x91],
  f32_add: [0x92],
  f32_sub: [0x93],
  f32_mul: [0x94],
  f32_div: [0x95],
  v128_load: (offset = 0): Code => simd(0x00, ...mem(4, offset)),
  v128_store: (offset = 0): Code => simd(0x0b, ...mem(4, offset)),
  f32x4_splat: simd(0x13),
  i32x4_splat: simd(0x11),
  i32x4_add: simd(0xae),
  f32x4_ge: simd(0x46),
  v128_bitselect: simd(0x52),
  /** A v128 constant of four i32 lanes. */
  v128_const_i32x4: (lanes: readonly [number, number, number, number]): Code => simd(0x0c, ...lanes.flatMap((v) => Array.from(new Uint8Array(new Int32Array([v]).buffer)))),
  f32x4_gt: simd(0x44),
  v128_and: simd(0x4e),
  f32x4_max: simd(0xe9),
  f32x4_sqrt: simd(0xe3),
  f32x4_add: simd(0xe4),
  f32x4_sub: simd(0xe5),
  f32x4_mul: simd(0xe6),
  f32x4_div: simd(0xe7),
  drop: [0x1a],
  select: [0x1b],
  return: [0x0f],
  br: (depth: number): Code => [0x0c, ...uleb(depth)],
  br_if: (depth: number): Code => [0x0d, ...uleb(depth)],
  block: (...body: Code[]): Code => [0x02, 0x40, ...body.flat(), 0x0b],
  loop: (...body: Code[]): Code => [0x03, 0x40, ...body.flat(), 0x0b],
  if: (...body: Code[]): Code => [0x04, 0x40, ...body.flat(), 0x0b],
};

/** Concatenate instruction sequences. */
export const seq = (...parts: Code[]): Code => parts.flat();

export interface FunctionDef {
  name: string;
  params: ValType[];
  /** Extra locals, numbered after the params. */
  locals: ValType[];
  body: Code;
}

/**
 * `for (i = from; i < to; i += step) body`, as block + loop (skipped when from ≥ to). `from`, `to`
 * and `step` are instruction sequences pushing an i32; `i` is a local index.
 */
export function forLoop(i: number, from: Code, to: Code, step: Code, ...body: Code[]): Code {
  return seq(
    from,
    op.local_set(i),
    op.block(
      op.local_get(i),
      to,
      op.i32_ge_s,
      op.br_if(0),
      op.loop(...body, op.local_get(i), step, op.i32_add, op.local_tee(i), to, op.i32_lt_s, op.br_if(0)),
    ),
  );
}

/**
 * A function with named params and locals: `build` gets each name's local index.
 * E.g. func('sgd', { n: 'i32', rate: 'f32' }, { i: 'i32' }, (v) => seq(op.local_get(v.n), …)).
 */
export function func(name: string, params: Record<string, ValType>, locals: Record<string, ValType>, build: (v: Record<string, number>) => Code): FunctionDef {
  const names = [...Object.keys(params), ...Object.keys(locals)];
  const index = Object.fromEntries(names.map((n, i) => [n, i]));
  const proxy = new Proxy(index, {
    get(target, key: string) {
      if (!(key in target)) throw new Error(`${name}: no local named ${key}`);
      return target[key];
    },
  });
  return { name, params: Object.values(params), locals: Object.values(locals), body: build(proxy) };
}

/** The module's bytes: memory imported as env.memory (min 1 page), every function exported. */
export function assemble(functions: FunctionDef[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((p) => [VALTYPE[p]])), 0x00]);
  const imports = vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(1)]]);
  const funcs = vec(functions.map((_, i) => uleb(i)));
  const exports = vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]));
  const bodies = functions.map((f) => {
    // One local declaration per run of equal types.
    const groups: number[][] = [];
    f.locals.forEach((t, i) => {
      if (i > 0 && f.locals[i - 1] === t) groups[groups.length - 1][0]++;
      else groups.push([1, VALTYPE[t]]);
    });
    const body = [...vec(groups.map(([n, t]) => [...uleb(n), t])), ...f.body, 0x0b];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, imports),
    ...section(3, funcs),
    ...section(7, exports),
    ...section(10, vec(bodies)),
  ]);
}
