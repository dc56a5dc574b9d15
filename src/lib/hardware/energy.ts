/**
 * An energy ledger for one inference of a fully connected network (one image, batch 1): what it
 * counts × what each count costs, split into computing and moving data.
 *
 * Per-operation energies (45 nm, 0.9 V), Horowitz, ISSCC 2014 [horowitz2014]: FP32 multiply 3.7 pJ, add
 * 0.9 pJ; INT8 multiply 0.2 pJ, add 0.03 pJ; a 64-bit read of an 8 kB SRAM cache 10 pJ, i.e. 5 pJ per
 * 32 bits, and a 32-bit DRAM read 640 pJ, as Han et al. (ICLR 2016, [han2016]) tabulate them from Horowitz.
 *
 * The binary crossbar has no such table: per multiply-accumulate it is a RANGE, from two measured
 * in-memory chips whose figures include their peripheral circuits (converters, drivers):
 * Ambrogio et al. 2018 (phase-change memory, 28,065 GOP/s/W → 36 fJ per operation) and Yao et al.
 * 2020 (RRAM, 11,014 GOP/s/W → 91 fJ per operation); one MAC = two operations → 0.07–0.2 pJ per
 * MAC. Order of magnitude only: never quote it to more than one significant figure.
 *
 * The model of data movement (ours, stated in the chapter):
 *  - digital (FP32, INT8): every weight and bias comes from DRAM once per inference (a batch of one;
 *    a model of 0.3–1 MB does not fit an 8 kB cache), packed 32 bits per read; the image (784 bytes)
 *    comes from DRAM; every layer's output is written to and read back from SRAM once.
 *  - binary crossbar: the weights never move (they are the devices the current flows through); the
 *    image comes from DRAM as for the digital chips; the binary activations between layers go through
 *    SRAM at 1 bit each. Thresholds (biases, batch norm) sit in the sense amplifiers: not counted.
 * Activation functions, control and leakage are left out of every column.
 */

/** Energies in picojoules. */
export const HOROWITZ_45NM = {
  fp32Mult: 3.7,
  fp32Add: 0.9,
  int8Mult: 0.2,
  int8Add: 0.03,
  /** One 32-bit DRAM read (Han et al. 2016 after Horowitz 2014). */
  dramRead32: 640,
  /** One 32-bit SRAM read: half a 64-bit read of an 8 kB cache (10 pJ). */
  sramRead32: 5,
} as const;

/** pJ per multiply-accumulate on a resistive crossbar, whole chip: [low, high]. */
export const CROSSBAR_MAC_PJ: EnergyRange = { low: 0.07, high: 0.2 };

export const ENERGY_SOURCES = {
  digital: 'Horowitz, ISSCC 2014 (45 nm); memory reads as tabulated by Han et al., ICLR 2016',
  crossbar: 'Ambrogio et al., Nature 2018 (28,065 GOP/s/W); Yao et al., Nature 2020 (11,014 GOP/s/W)',
} as const;

export interface EnergyRange {
  low: number;
  high: number;
}

export type Hardware = 'fp32' | 'int8' | 'crossbar';

export const HARDWARE: readonly Hardware[] = ['fp32', 'int8', 'crossbar'];

export const HARDWARE_LABEL: Record<Hardware, string> = { fp32: 'FP32 (digital)', int8: 'INT8 (digital)', crossbar: 'Binary crossbar' };

/** What one inference of an MLP `sizes` (input, hidden…, classes) does. */
export interface NetworkCounts {
  /** Multiply-accumulates: Σ nℓ₋₁ nℓ. */
  macs: number;
  /** One bias add per unit after the input. */
  biasAdds: number;
  weights: number;
  biases: number;
  inputs: number;
  /** Values a layer writes for the next to read: every hidden and output unit. */
  activations: number;
}

export function networkCounts(sizes: readonly number[]): NetworkCounts {
  if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new RangeError(`networkCounts: bad sizes [${sizes.join(', ')}]`);
  let macs = 0;
  let units = 0;
  for (let l = 1; l < sizes.length; l++) {
    macs += sizes[l - 1] * sizes[l];
    units += sizes[l];
  }
  return { macs, biasAdds: units, weights: macs, biases: units, inputs: sizes[0], activations: units };
}

/** One inference's energy on one kind of hardware, in pJ, each part a range (low = high where the source gives one number). */
export interface LedgerRow {
  hardware: Hardware;
  /** Arithmetic: multiplies and adds, or the crossbar's whole-chip MACs. */
  compute: EnergyRange;
  /** Moving the weights (and biases) to the arithmetic. */
  weights: EnergyRange;
  /** The image from DRAM and the activations through SRAM. */
  activations: EnergyRange;
  /** compute + weights + activations. */
  total: EnergyRange;
  /** Bits per stored weight. */
  weightBits: number;
}

const point = (v: number): EnergyRange => ({ low: v, high: v });
const add = (...rs: EnergyRange[]): EnergyRange => ({ low: rs.reduce((s, r) => s + r.low, 0), high: rs.reduce((s, r) => s + r.high, 0) });

/** 32-bit reads needed to move `count` values of `bits` bits, packed. */
export function reads32(count: number, bits: number): number {
  return Math.ceil((count * bits) / 32);
}

export function ledgerRow(sizes: readonly number[], hardware: Hardware): LedgerRow {
  const c = networkCounts(sizes);
  const e = HOROWITZ_45NM;
  const image = reads32(c.inputs, 8) * e.dramRead32;
  if (hardware === 'crossbar') {
    const compute: EnergyRange = { low: c.macs * CROSSBAR_MAC_PJ.low, high: c.macs * CROSSBAR_MAC_PJ.high };
    const activations = point(image + 2 * reads32(c.activations, 1) * e.sramRead32);
    return { hardware, compute, weights: point(0), activations, total: add(compute, activations), weightBits: 1 };
  }
  const bits = hardware === 'fp32' ? 32 : 8;
  const [mult, sum] = hardware === 'fp32' ? [e.fp32Mult, e.fp32Add] : [e.int8Mult, e.int8Add];
  const compute = point(c.macs * (mult + sum) + c.biasAdds * sum);
  const weights = point(reads32(c.weights + c.biases, bits) * e.dramRead32);
  const activations = point(image + 2 * reads32(c.activations, bits) * e.sramRead32);
  return { hardware, compute, weights, activations, total: add(compute, weights, activations), weightBits: bits };
}

/** FP32, INT8 and the binary crossbar for one network. */
export function energyLedger(sizes: readonly number[]): LedgerRow[] {
  return HARDWARE.map((h) => ledgerRow(sizes, h));
}

/** Data movement's share of the total (at the range's low and high ends of the total). */
export function movementShare(row: LedgerRow): EnergyRange {
  const moved = row.weights.low + row.activations.low;
  return { low: moved / (moved + row.compute.high), high: moved / (moved + row.compute.low) };
}

/** 'mlp 784-256-256-10' → [784, 256, 256, 10]: an MLP with `layers` hidden layers of `width`. */
export function hiddenSizes(width: number, layers: number, inputs = 784, classes = 10): number[] {
  return [inputs, ...Array.from({ length: layers }, () => width), classes];
}

/** An energy in pJ, in the unit that suits it, at `digits` significant figures. */
export function formatEnergy(pj: number, digits = 2): string {
  if (pj === 0) return '0';
  const units: [number, string][] = [
    [1e6, 'µJ'],
    [1e3, 'nJ'],
    [1, 'pJ'],
  ];
  const [scale, unit] = units.find(([s]) => Math.abs(pj) >= s) ?? [1e-3, 'fJ'];
  return `${Number((pj / scale).toPrecision(digits))} ${unit}`;
}

/** A range as text: one number when low = high, else "low–high unit" at one significant figure. */
export function formatRange(r: EnergyRange, digits = 2): string {
  if (r.low === r.high) return formatEnergy(r.low, digits);
  return `${formatEnergy(r.low, 1)} – ${formatEnergy(r.high, 1)}`;
}
