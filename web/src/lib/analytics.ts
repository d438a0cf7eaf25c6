// Pure helpers of the analytics (统计分析) and assessment (考核评估) pages (decision 0008):
// formatting of the poverty measures, the drill-down path of a region code, the series of the
// charts built from the overview's figures and the scorecards' trends.

// A fraction as a percentage with two decimals (the poverty measures are small): 0.01234 ->
// "1.23%"; null, undefined or NaN -> "—".
export function formatPercent(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

// The Gini coefficient to three decimals: 0.41234 -> "0.412"; missing -> "—".
export function formatGini(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return value.toFixed(3);
}

// Fen (an integer) as yuan with grouping and two decimals, computed on integers: 750000 ->
// "7,500.00"; -5 -> "-0.05"; missing -> "—".
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isInteger(fen)) return '—';
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

// A share of two counts: "12 / 40 (30.0%)"; "0 / 0" when there is nothing to count.
export function formatShare(part: number | null | undefined, whole: number | null | undefined): string {
  if (part === null || part === undefined || whole === null || whole === undefined) return '—';
  if (whole <= 0) return `${part} / ${whole}`;
  return `${part} / ${whole} (${((part / whole) * 100).toFixed(1)}%)`;
}

// The lengths of region codes by level: province 2, prefecture 4, county 6, township 9, village 12.
const LEVEL_LENGTHS = [2, 4, 6, 9, 12];

// The codes from the top of the path down to `code`, each a region the user may step back to,
// starting below `root` (the user's scope; "" for the top of their scope): ("6301", "630121100")
// -> ["6301", "630121", "630121100"]. A code not under the root, or not of a region code's
// length, gives [code] (the breadcrumb then shows just it).
export function drillPath(root: string, code: string): string[] {
  if (!code) return root ? [root] : [];
  if (!LEVEL_LENGTHS.includes(code.length) || (root && !code.startsWith(root))) return [code];
  const path = LEVEL_LENGTHS.filter((n) => n <= code.length && n >= (root ? root.length : 2)).map((n) => code.slice(0, n));
  return path;
}

// The level one down from a region code's level, or null under a village.
export function childLevel(code: string): string | null {
  switch (code.length) {
    case 2: return 'prefecture';
    case 4: return 'county';
    case 6: return 'township';
    case 9: return 'village';
    default: return null;
  }
}

// Twelve months' counts of the overview, cut to the months up to the as-of day of that year
// (January first); a year already over keeps all twelve. `asOf` is "YYYY-MM-DD".
export function monthsUpTo(values: number[] | undefined, year: number, asOf: string | undefined): number[] {
  const months = (values ?? []).slice(0, 12);
  while (months.length < 12) months.push(0);
  if (!asOf || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return months;
  const asOfYear = Number(asOf.slice(0, 4));
  if (asOfYear > year) return months;
  if (asOfYear < year) return [];
  return months.slice(0, Number(asOf.slice(5, 7)));
}

// Measures by category as stacked series: the categories in the given order (sorted when not
// given) and, for each status, its counts per category (0 where a category lacks it).
export const MEASURE_STATUSES = ['planned', 'in_progress', 'done', 'stopped'] as const;
export function measureSeries(measures: Record<string, Record<string, number>> | undefined):
  { categories: string[]; series: { status: string; data: number[] }[] } {
  const categories = Object.keys(measures ?? {}).sort();
  return {
    categories,
    series: MEASURE_STATUSES.map((status) => ({ status, data: categories.map((c) => measures?.[c]?.[status] ?? 0) })),
  };
}

// The approval-time buckets in their natural order, with a zero for a missing bucket.
export const APPROVAL_BUCKETS = ['0-7', '8-15', '16-30', '31-60', '61+'] as const;
export function approvalHistogram(days: Record<string, number> | undefined): number[] {
  return APPROVAL_BUCKETS.map((b) => days?.[b] ?? 0);
}

// Objects by a key (type or risk) sorted by the key, as {key, objects, persons}.
export function byKeyRows(map: Record<string, { objects?: number; persons?: number }> | undefined):
  { key: string; objects: number; persons: number }[] {
  return Object.entries(map ?? {})
    .map(([key, v]) => ({ key, objects: v.objects ?? 0, persons: v.persons ?? 0 }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

// The trend of scorecards as chart series: the years of every card's trend, ascending and
// without repeats, and for each card its totals in those years (null where it has none, or
// where the total was not assessed).
export interface TrendCard { name: string; trend?: { year: number; total: number | null }[] }
export function trendSeries(cards: TrendCard[]): { years: number[]; series: { name: string; data: (number | null)[] }[] } {
  const years = [...new Set(cards.flatMap((c) => (c.trend ?? []).map((p) => p.year)))].sort((a, b) => a - b);
  return {
    years,
    series: cards.map((c) => ({
      name: c.name,
      data: years.map((y) => {
        const p = (c.trend ?? []).find((q) => q.year === y);
        return p && p.total !== null && p.total !== undefined ? Math.round(p.total * 100) / 100 : null;
      }),
    })),
  };
}

// A rank "3 / 8"; 0 (not ranked) or missing -> "—".
export function formatRank(r: { rank: number; of: number } | null | undefined): string {
  if (!r || !r.rank) return '—';
  return `${r.rank} / ${r.of}`;
}

// A score out of 100 to one decimal; null (not assessed) -> null so that the page says so.
export function formatTotal(total: number | null | undefined): string | null {
  if (total === null || total === undefined || Number.isNaN(total)) return null;
  return total.toFixed(1);
}
