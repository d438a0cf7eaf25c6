// The 时效 section of the deadlines page (GET /cases/timeliness; DOMAIN.md §10): the rows of its
// table (each child area, then the total) and how their figures are shown — within the limit
// with its share as a percentage, the mean days with one decimal, a dash where nothing was
// approved.
import type { Timeliness, TimelinessFigures } from '../api';
import { formatCount, formatRate } from './format';

export interface TimelinessRow extends TimelinessFigures {
  code: string;  // the area's code; '' for the total row
  name: string;
  total: boolean;
}

// The areas in the server's order, then the total under `totalLabel`.
export function timelinessRows(t: Timeliness, totalLabel: string): TimelinessRow[] {
  return [
    ...t.by_area.map((a) => ({ ...a, total: false })),
    { ...t.total, code: '', name: totalLabel, total: true },
  ];
}

// "2 (66.7%)": the cases approved within the limit and their share of the approved ones;
// "0 (—)" when none was approved (the server gives no share then).
export function formatWithin(f: TimelinessFigures): string {
  return `${formatCount(f.within_limit)} (${formatRate(f.share_within_limit)})`;
}

// Mean days with one decimal: 15.5 -> "15.5", 16 -> "16.0"; "—" when none was approved.
export function formatMeanDays(mean: number | null | undefined): string {
  if (mean === null || mean === undefined || Number.isNaN(mean)) return '—';
  return mean.toFixed(1);
}

// The longest case in days; "—" when none was approved (its 0 would read as a same-day case).
export function formatLongest(f: TimelinessFigures): string {
  return f.approved > 0 ? formatCount(f.max_days) : '—';
}

// The query of a period picked as [from, to] (YYYY-MM-DD); none for the server's default (this
// year until today on the server's clock).
export function periodQuery(period: [string, string] | null | undefined): { from?: string; to?: string } {
  if (!period || !period[0] || !period[1]) return {};
  return { from: period[0], to: period[1] };
}
