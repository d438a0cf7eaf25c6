// lib/sources.ts: health tags, the shares of an upload's row outcomes, and quality series.
import { describe, expect, it } from 'vitest';
import type { SourceMonthQuality } from '../api';
import { ENCODINGS, healthTag, leadsTotal, outcomeShares, qualitySeries, qualitySources } from '../lib/sources';

describe('healthTag', () => {
  it('is green when ok, amber when late, grey when never uploaded', () => {
    expect(healthTag('ok')).toBe('success');
    expect(healthTag('late')).toBe('warning');
    expect(healthTag('never')).toBe('info');
    expect(healthTag('whatever')).toBe('info');
  });
});

describe('outcomeShares', () => {
  it('gives whole percents that add up to 100', () => {
    const shares = outcomeShares({ read: 3, accepted: 1, quarantined: 1, unmatched: 1 });
    expect(shares.map((s) => s.outcome)).toEqual(['accepted', 'quarantined', 'unmatched']);
    expect(shares.reduce((a, s) => a + s.percent, 0)).toBe(100);
    expect(shares.map((s) => s.count)).toEqual([1, 1, 1]);
  });
  it('never gives a point to an outcome without rows', () => {
    const shares = outcomeShares({ read: 7, accepted: 6, quarantined: 1, unmatched: 0 });
    expect(shares.map((s) => s.percent)).toEqual([86, 14, 0]);
  });
  it('is all zero without rows', () => {
    expect(outcomeShares({ read: 0, accepted: 0, quarantined: 0, unmatched: 0 }).map((s) => s.percent)).toEqual([0, 0, 0]);
  });
});

describe('leadsTotal', () => {
  it('adds the cases opened, joined and the episodes', () => {
    expect(leadsTotal({ leads: { opened: 2, joined: 1, on_episode: 1, already: 5 } })).toBe(4);
  });
});

describe('ENCODINGS', () => {
  it('offers auto, UTF-8 and GBK', () => {
    expect(ENCODINGS.map((e) => e.value)).toEqual(['auto', 'utf-8', 'gbk']);
  });
});

const month = (source: string, m: string, over: Partial<SourceMonthQuality> = {}): SourceMonthQuality => ({
  source, title: source.toUpperCase(), month: m, uploads: 1, read: 10, accepted: 8, quarantined: 1, unmatched: 1,
  validity: 0.9, match_rate: 8 / 9, rows_checked: 8, completeness: 0.5, timeliness_median_days: 4,
  timeliness_p90_days: 9, warnings: 1, warnings_confirmed: 0, ...over,
});

describe('quality series', () => {
  const items = [
    month('b', '2026-11'), month('a', '2026-11'),
    month('a', '2026-10', { uploads: 0, validity: null, match_rate: null, completeness: null, timeliness_median_days: null }),
  ];
  it('lists the sources in the report order with their titles', () => {
    expect(qualitySources(items)).toEqual([{ source: 'b', title: 'B' }, { source: 'a', title: 'A' }]);
  });
  it('gives one source oldest first, as percents with one decimal, null where a month has none', () => {
    expect(qualitySeries(items, 'a')).toEqual({
      months: ['2026-10', '2026-11'],
      validity: [null, 90],
      matchRate: [null, 88.9],
      completeness: [null, 50],
      medianDays: [null, 4],
    });
  });
});
