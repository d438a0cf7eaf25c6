// Department sources in the UI (decision 0006): the tag of a source's health, the shares of an
// upload's row outcomes, the encodings an uploader may declare, and the quality figures of one
// source as chart series.
import type { SourceHealth, SourceMonthQuality, UploadReport } from '../api';

export type TagType = 'success' | 'warning' | 'info' | 'danger';

export function healthTag(health: SourceHealth | string): TagType {
  if (health === 'ok') return 'success';
  if (health === 'late') return 'warning';
  return 'info';
}

// The encodings of the upload form: the value sent ('auto' sends nothing) and its label key.
export const ENCODINGS = [
  { value: 'auto', labelKey: 'upload.encodings.auto' },
  { value: 'utf-8', labelKey: 'upload.encodings.utf8' },
  { value: 'gbk', labelKey: 'upload.encodings.gbk' },
] as const;

export interface OutcomeShare { outcome: 'accepted' | 'quarantined' | 'unmatched'; count: number; percent: number }

// accepted, quarantined, unmatched with their share of the rows read (whole percents that add
// up to 100 when any row was read; all 0 otherwise).
export function outcomeShares(report: Pick<UploadReport, 'read' | 'accepted' | 'quarantined' | 'unmatched'>): OutcomeShare[] {
  const counts = [
    ['accepted', report.accepted], ['quarantined', report.quarantined], ['unmatched', report.unmatched],
  ] as const;
  const read = report.read > 0 ? report.read : 0;
  const raw = counts.map(([, n]) => (read ? (100 * n) / read : 0));
  const floors = raw.map(Math.floor);
  // Largest remainders get the points lost to rounding down.
  let left = read ? 100 - floors.reduce((a, b) => a + b, 0) : 0;
  const order = raw.map((r, i) => [r - floors[i], i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    if (counts[i][1] > 0) { floors[i] += 1; left -= 1; }
  }
  return counts.map(([outcome, count], i) => ({ outcome, count, percent: floors[i] }));
}

// Leads the warnings became, as the report counts them.
export function leadsTotal(report: Pick<UploadReport, 'leads'>): number {
  const l = report.leads;
  return l ? l.opened + l.joined + l.on_episode : 0;
}

// The sources present in a quality report, in its order, with their titles.
export function qualitySources(items: SourceMonthQuality[]): { source: string; title: string }[] {
  const seen = new Map<string, string>();
  for (const q of items) if (!seen.has(q.source)) seen.set(q.source, q.title);
  return [...seen.entries()].map(([source, title]) => ({ source, title }));
}

export interface QualitySeries {
  months: string[];
  validity: (number | null)[];     // percent, one decimal
  matchRate: (number | null)[];    // percent, one decimal
  completeness: (number | null)[]; // percent, one decimal
  medianDays: (number | null)[];
}

const percent = (v: number | null) => (v === null || v === undefined ? null : Math.round(v * 1000) / 10);

// One source's months, oldest first, as the chart draws them (null where a month has no value).
export function qualitySeries(items: SourceMonthQuality[], source: string): QualitySeries {
  const rows = items.filter((q) => q.source === source).sort((a, b) => a.month.localeCompare(b.month));
  return {
    months: rows.map((q) => q.month),
    validity: rows.map((q) => percent(q.validity)),
    matchRate: rows.map((q) => percent(q.match_rate)),
    completeness: rows.map((q) => percent(q.completeness)),
    medianDays: rows.map((q) => q.timeliness_median_days),
  };
}
