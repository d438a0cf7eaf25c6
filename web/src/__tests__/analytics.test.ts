import { describe, expect, it } from 'vitest';
import {
  approvalHistogram, byKeyRows, childLevel, drillPath, formatFen, formatGini, formatPercent, formatRank,
  formatShare, formatTotal, measureSeries, monthsUpTo, trendSeries,
} from '../lib/analytics';

describe('formatPercent / formatGini', () => {
  it('shows a fraction as a percentage with two decimals', () => {
    expect(formatPercent(0.01234)).toBe('1.23%');
    expect(formatPercent(0)).toBe('0.00%');
    expect(formatPercent(1)).toBe('100.00%');
    expect(formatPercent(0.5, 1)).toBe('50.0%');
  });
  it('shows a missing value as a dash', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(undefined)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
    expect(formatGini(null)).toBe('—');
  });
  it('shows the Gini to three decimals', () => {
    expect(formatGini(0.41234)).toBe('0.412');
    expect(formatGini(0.4127)).toBe('0.413');
    expect(formatGini(0)).toBe('0.000');
  });
});

describe('formatFen', () => {
  it('turns fen into grouped yuan without floating point', () => {
    expect(formatFen(750000)).toBe('7,500.00');
    expect(formatFen(123456789)).toBe('1,234,567.89');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(-5)).toBe('-0.05');
  });
  it('refuses what is not a whole number of fen', () => {
    expect(formatFen(1.5)).toBe('—');
    expect(formatFen(null)).toBe('—');
  });
});

describe('formatShare / formatRank / formatTotal', () => {
  it('gives a share with its percentage', () => {
    expect(formatShare(12, 40)).toBe('12 / 40 (30.0%)');
    expect(formatShare(0, 0)).toBe('0 / 0');
    expect(formatShare(undefined, 3)).toBe('—');
  });
  it('gives a rank or a dash when not ranked', () => {
    expect(formatRank({ rank: 3, of: 8 })).toBe('3 / 8');
    expect(formatRank({ rank: 0, of: 8 })).toBe('—');
    expect(formatRank(undefined)).toBe('—');
  });
  it('gives a total to one decimal and null when not assessed', () => {
    expect(formatTotal(87.25)).toBe('87.3');
    expect(formatTotal(null)).toBeNull();
  });
});

describe('drillPath', () => {
  it('lists the codes from the scope down to the region', () => {
    expect(drillPath('6301', '630121100')).toEqual(['6301', '630121', '630121100']);
    expect(drillPath('', '630121')).toEqual(['63', '6301', '630121']);
    expect(drillPath('630121', '630121100001')).toEqual(['630121', '630121100', '630121100001']);
  });
  it('gives the scope alone when no region is chosen', () => {
    expect(drillPath('6301', '')).toEqual(['6301']);
    expect(drillPath('', '')).toEqual([]);
  });
  it('gives the code alone when it is outside the scope or not a region code', () => {
    expect(drillPath('6302', '630121')).toEqual(['630121']);
    expect(drillPath('', '63012')).toEqual(['63012']);
  });
  it('knows the level one down', () => {
    expect(childLevel('63')).toBe('prefecture');
    expect(childLevel('6301')).toBe('county');
    expect(childLevel('630121')).toBe('township');
    expect(childLevel('630121100')).toBe('village');
    expect(childLevel('630121100001')).toBeNull();
  });
});

describe('monthsUpTo', () => {
  const twelve = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  it('cuts the current year at the as-of month', () => {
    expect(monthsUpTo(twelve, 2026, '2026-03-15')).toEqual([1, 2, 3]);
  });
  it('keeps all twelve months of a past year', () => {
    expect(monthsUpTo(twelve, 2025, '2025-12-31')).toEqual(twelve);
    expect(monthsUpTo(twelve, 2024, '2026-01-01')).toEqual(twelve);
  });
  it('pads a short array with zeros', () => {
    expect(monthsUpTo([4], 2025, undefined)).toEqual([4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('series of the overview', () => {
  it('stacks measures by status with zeros for missing statuses', () => {
    const s = measureSeries({ industry: { planned: 2, done: 1 }, education: { in_progress: 3 } });
    expect(s.categories).toEqual(['education', 'industry']);
    expect(s.series.find((x) => x.status === 'planned')?.data).toEqual([0, 2]);
    expect(s.series.find((x) => x.status === 'in_progress')?.data).toEqual([3, 0]);
    expect(s.series.find((x) => x.status === 'done')?.data).toEqual([0, 1]);
    expect(s.series.find((x) => x.status === 'stopped')?.data).toEqual([0, 0]);
  });
  it('orders the approval buckets', () => {
    expect(approvalHistogram({ '61+': 1, '0-7': 5, '16-30': 2 })).toEqual([5, 0, 2, 0, 1]);
    expect(approvalHistogram(undefined)).toEqual([0, 0, 0, 0, 0]);
  });
  it('sorts objects by key', () => {
    expect(byKeyRows({ R04: { objects: 1, persons: 3 }, R01: { objects: 2 } }))
      .toEqual([{ key: 'R01', objects: 2, persons: 0 }, { key: 'R04', objects: 1, persons: 3 }]);
  });
});

describe('trendSeries', () => {
  it('aligns every card on the union of the years, null where a year is missing or not assessed', () => {
    const s = trendSeries([
      { name: 'A', trend: [{ year: 2026, total: 80.456 }, { year: 2025, total: 70 }] },
      { name: 'B', trend: [{ year: 2024, total: null }, { year: 2026, total: 90 }] },
    ]);
    expect(s.years).toEqual([2024, 2025, 2026]);
    expect(s.series).toEqual([
      { name: 'A', data: [null, 70, 80.46] },
      { name: 'B', data: [null, null, 90] },
    ]);
  });
  it('is empty without cards', () => {
    expect(trendSeries([])).toEqual({ years: [], series: [] });
  });
});
