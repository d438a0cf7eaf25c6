// The 时效 section's rows and formatting (lib/timeliness.ts) and its API call.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, type Timeliness, type TimelinessFigures } from '../api';
import { formatLongest, formatMeanDays, formatWithin, periodQuery, timelinessRows } from '../lib/timeliness';

function figures(over: Partial<TimelinessFigures> = {}): TimelinessFigures {
  return {
    approved: 0, within_limit: 0, share_within_limit: null, total_days: 0, mean_days: null, max_days: 0, rejected: 0,
    ...over,
  };
}

const answer: Timeliness = {
  region_code: '630102001', region_name: '东关大街街道', region_level: 'township', from: '2026-01-01', to: '2026-11-29',
  total: figures({ approved: 3, within_limit: 2, share_within_limit: 2 / 3, total_days: 48, mean_days: 16, max_days: 17, rejected: 1 }),
  by_area: [
    { code: '630102001001', name: '北关社区', ...figures({ approved: 3, within_limit: 2, share_within_limit: 2 / 3, total_days: 48, mean_days: 16, max_days: 17 }) },
    { code: '630102001004', name: '南关社区', ...figures({ rejected: 1 }) },
  ],
};

describe('timelinessRows', () => {
  it('lists the areas in the server order, then the total', () => {
    const rows = timelinessRows(answer, '合计');
    expect(rows.map((r) => [r.code, r.name, r.total])).toEqual([
      ['630102001001', '北关社区', false],
      ['630102001004', '南关社区', false],
      ['', '合计', true],
    ]);
    expect(rows[2].approved).toBe(3);
    expect(rows[2].rejected).toBe(1);
    expect(rows[1].rejected).toBe(1);
  });
  it('gives a village (no child areas) its total row alone', () => {
    const rows = timelinessRows({ ...answer, by_area: [] }, 'Total');
    expect(rows).toHaveLength(1);
    expect(rows[0].total).toBe(true);
    expect(rows[0].name).toBe('Total');
  });
});

describe('formatting the figures', () => {
  it('shows within the limit with its share as a percentage with one decimal', () => {
    expect(formatWithin(answer.total)).toBe('2 (66.7%)');
    expect(formatWithin(figures({ approved: 1234, within_limit: 1234, share_within_limit: 1 }))).toBe('1,234 (100.0%)');
  });
  it('shows a dash for the share when nothing was approved', () => {
    expect(formatWithin(figures())).toBe('0 (—)');
  });
  it('shows the mean days with one decimal', () => {
    expect(formatMeanDays(15.5)).toBe('15.5');
    expect(formatMeanDays(16)).toBe('16.0');
    expect(formatMeanDays(14.96)).toBe('15.0');
    expect(formatMeanDays(null)).toBe('—');
    expect(formatMeanDays(undefined)).toBe('—');
  });
  it('shows the longest only when something was approved', () => {
    expect(formatLongest(answer.total)).toBe('17');
    expect(formatLongest(figures({ rejected: 2 }))).toBe('—');
  });
});

describe('periodQuery', () => {
  it('sends a picked period', () => {
    expect(periodQuery(['2026-03-01', '2026-03-31'])).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });
  it('sends nothing for no period: the server defaults to this year', () => {
    expect(periodQuery(null)).toEqual({});
    expect(periodQuery(undefined)).toEqual({});
    expect(periodQuery(['', ''])).toEqual({});
  });
});

describe('api.timeliness', () => {
  afterEach(() => vi.unstubAllGlobals());
  it('asks GET /cases/timeliness with the region and period given', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify(answer), { status: 200 });
    });
    expect(await api.timeliness('630102001', '2026-03-01', '2026-03-31')).toEqual(answer);
    await api.timeliness(undefined, undefined, undefined);
    expect(urls).toEqual([
      '/api/v1/cases/timeliness?region=630102001&from=2026-03-01&to=2026-03-31',
      '/api/v1/cases/timeliness',
    ]);
  });
});
