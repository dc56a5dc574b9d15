import { isFrench, localNumber, t } from '../i18n/t';
/**
 * Number formats for axis ticks and the plain-English summaries screen readers hear.
 * Locale-independent on purpose: a summary must read the same in every test and every browser.
 * Negative numbers use U+2212 MINUS SIGN (as d3-format does), which screen readers say as "minus".
 */

const MINUS = '\u2212';

function sign(text: string, negative: boolean): string {
  return negative ? MINUS + text : text;
}

/** "n/a" for NaN and ±Infinity, so a summary never reads "NaN%". */
function nonFinite(x: number): string {
  return Number.isNaN(x) ? t('n/a') : x > 0 ? t('infinity') : `${MINUS}${t('infinity')}`;
}

/** 1234567 -> "1,234,567" (rounded to an integer). */
export function formatInteger(x: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const n = Math.round(Math.abs(x));
  return sign(String(n).replace(/\B(?=(\d{3})+(?!\d))/g, isFrench() ? '\u202f' : ','), Math.round(x) < 0);
}

/** A fraction as a percentage: 0.9801 -> "98.0%". */
export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return nonFinite(fraction);
  const text = Math.abs(fraction * 100).toFixed(digits);
  return sign(`${localNumber(text)}${isFrench() ? '\u202f' : ''}%`, fraction < 0 && Number(text) !== 0);
}

/** Scientific notation without the "+": 0.000123 -> "1.23e-4", 45000 -> "4.50e4". */
export function formatSci(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const text = Math.abs(x).toExponential(digits).replace('e+', 'e');
  return sign(localNumber(text), x < 0);
}

/** Fixed decimals: 0.5 -> "0.50". */
export function formatFixed(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const text = Math.abs(x).toFixed(digits);
  return sign(localNumber(text), x < 0 && Number(text) !== 0);
}

/**
 * A sensible default: integers with separators, very large or small magnitudes in scientific
 * notation, everything else with `digits` significant digits and no trailing zeros.
 */
export function formatNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a >= 1e6 || a < 1e-3) return formatSci(x, digits - 1);
  if (Number.isInteger(x) || a >= 10 ** digits) return formatInteger(x);
  return sign(localNumber(String(Number(a.toPrecision(digits)))), x < 0);
}

/** The formats a widget schema names (`NumberSetting.format`), by name. */
export const formats = {
  int: (x: number) => formatInteger(x),
  percent: (x: number) => formatPercent(x),
  sci: (x: number) => formatSci(x),
  fixed2: (x: number) => formatFixed(x, 2),
} as const;

export type FormatName = keyof typeof formats;
export type Format = (x: number) => string;
