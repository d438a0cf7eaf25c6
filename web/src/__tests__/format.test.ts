// Money, rate and caret formatting helpers.
import { describe, expect, it } from 'vitest';
import { caretLines, compareMoney, formatCount, formatMoney, formatRate, toFen } from '../lib/format';

describe('formatMoney', () => {
  it('groups thousands and keeps two decimals', () => {
    expect(formatMoney('12345.67')).toBe('12,345.67');
  });
  it('pads a missing or one-digit fraction', () => {
    expect(formatMoney('7500')).toBe('7,500.00');
    expect(formatMoney('1234567.5')).toBe('1,234,567.50');
  });
  it('keeps the sign of a negative amount', () => {
    expect(formatMoney('-1000.00')).toBe('-1,000.00');
  });
  it('does not print a negative zero', () => {
    expect(formatMoney('-0.00')).toBe('0.00');
  });
  it('strips leading zeros', () => {
    expect(formatMoney('000123.40')).toBe('123.40');
  });
  it('shows a dash for a missing value', () => {
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(undefined)).toBe('—');
    expect(formatMoney('')).toBe('—');
  });
  it('returns what is not a decimal as given', () => {
    expect(formatMoney('n/a')).toBe('n/a');
  });
  it('does not lose cents on large amounts (no float)', () => {
    expect(formatMoney('90071992547409.99')).toBe('90,071,992,547,409.99');
  });
});

describe('toFen and compareMoney', () => {
  it('converts yuan strings to fen', () => {
    expect(toFen('12.3')).toBe(1230);
    expect(toFen('-0.05')).toBe(-5);
    expect(toFen('x')).toBeNull();
  });
  it('compares money without floats', () => {
    expect(compareMoney('7499.99', '7500')).toBe(-1);
    expect(compareMoney('7500.00', '7500')).toBe(0);
    expect(compareMoney('7500.01', '7500')).toBe(1);
    expect(compareMoney(null, '1')).toBeNull();
  });
});

describe('formatRate and formatCount', () => {
  it('shows a fraction as a percentage with one decimal', () => {
    expect(formatRate(0.0345)).toBe('3.5%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(0)).toBe('0.0%');
  });
  it('shows a dash for a missing rate', () => {
    expect(formatRate(null)).toBe('—');
  });
  it('groups counts', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(12)).toBe('12');
  });
});

describe('caretLines', () => {
  it('puts the caret under the column of the line', () => {
    expect(caretLines('a = 1\nline = "x"\n', 2, 8)).toEqual(['line = "x"', '       ^']);
  });
  it('gives an empty source line past the end', () => {
    expect(caretLines('a', 5, 1)).toEqual(['', '^']);
  });
});
