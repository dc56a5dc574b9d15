/** The part of the first layer the chip figure draws: image row 14, columns 8–19 (twelve word lines), neurons 1–8. */
export const WINDOW_ROWS: readonly number[] = Array.from({ length: 12 }, (_, k) => 14 * 28 + 8 + k);
export const WINDOW_COLS: readonly number[] = Array.from({ length: 8 }, (_, k) => k);
/** Neurons in the shipped nets' first layer (784-512-512-10): a pair's index is row · 512 + column. */
export const FIRST_LAYER_WIDTH = 512;
