/** Small instruction helpers shared by the kernel emitters. */
import { op, seq, type Code, type ValType } from './asm';

const { local_get: get, local_set: set, i32_const: i32, f32_const: f32 } = op;

/** Add an i32 constant to a local. */
export const bump = (local: number, by: number): Code => seq(get(local), i32(by), op.i32_add, set(local));
/** base + 4·index (a float or int32 element's address). */
export const at = (base: number, index: number): Code => seq(get(base), get(index), i32(2), op.i32_shl, op.i32_add);
export const zero4: Code = seq(f32(0), op.f32x4_splat);

/** Register block widths, in 4-float vectors, tried in turn along a row. */
export const WIDTHS = [8, 4, 2, 1];
export const MAX_WIDTH = 8;

export const regs = (prefix: string, count: number): Record<string, ValType> => Object.fromEntries(Array.from({ length: count }, (_, t) => [`${prefix}${t}`, 'v128' as ValType]));

/** A row loop over `count` floats at byte offset j: vectors while 4 remain, then single floats. */
export function rowLoop(j: number, count: Code, vector: Code, scalar: Code): Code {
  return seq(
    i32(0), set(j),
    op.block(op.loop(get(j), i32(16), op.i32_add, count, op.i32_gt_s, op.br_if(1), vector, bump(j, 16), op.br(0))),
    op.block(op.loop(get(j), count, op.i32_ge_s, op.br_if(1), scalar, bump(j, 4), op.br(0))),
  );
}

