// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { formatFixed, formatInteger, formatNumber, formatPercent, formatSci, formats } from '../../../src/viz';

const MINUS = '\u2212';

describe('format', () => {
  it('formats fractions as percentages', () => {
    expect(formatPercent(0.98)).toBe('98.0%');
    expect(formatPercent(0.7134)).toBe('71.3%');
    expect(formatPercent(1, 0)).toBe('100%');
    expect(formatPercent(-0.05)).toBe(`${MINUS}5.0%`);
    expect(formatPercent(-0.0001)).toBe('0.0%');
  });

  it('groups integer thousands and rounds', () => {
    expect(formatInteger(0)).toBe('0');
    expect(formatInteger(999)).toBe('999');
    expect(formatInteger(1000)).toBe('1,000');
    expect(formatInteger(1234567.4)).toBe('1,234,567');
    expect(formatInteger(-60000)).toBe(`${MINUS}60,000`);
  });

  it('writes scientific notation without a plus sign', () => {
    expect(formatSci(0.000123)).toBe('1.23e-4');
    expect(formatSci(45000)).toBe('4.50e4');
    expect(formatSci(-0.01, 1)).toBe(`${MINUS}1.0e-2`);
  });

  it('picks a readable default format by magnitude', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(400)).toBe('400');
    expect(formatNumber(12345)).toBe('12,345');
    expect(formatNumber(0.12345)).toBe('0.123');
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(-1.23456)).toBe(`${MINUS}1.23`);
    expect(formatNumber(1.5e-5)).toBe('1.50e-5');
    expect(formatNumber(3e7)).toBe('3.00e7');
    expect(formatFixed(0.5)).toBe('0.50');
  });

  it('never prints NaN or Infinity', () => {
    for (const f of [formatPercent, formatInteger, formatSci, formatNumber, formatFixed]) {
      expect(f(NaN)).toBe('n/a');
      expect(f(Infinity)).toBe('infinity');
      expect(f(-Infinity)).toBe(`${MINUS}infinity`);
    }
  });

  it('exposes the formats a widget schema names', () => {
    expect(formats.int(1500)).toBe('1,500');
    expect(formats.percent(0.5)).toBe('50.0%');
    expect(formats.sci(0.001)).toBe('1.00e-3');
    expect(formats.fixed2(1)).toBe('1.00');
  });
});
