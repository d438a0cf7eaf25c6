// Formatting of the API's values for display: money strings in yuan ("12345.67"), rates, times.
// Money is never turned into a float: the API's decimal string is regrouped as text.

const MONEY = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

// "12345.6" -> "12,345.60"; "-1000" -> "-1,000.00"; null/undefined/"" -> "—";
// anything not a decimal is returned as given.
export function formatMoney(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const text = typeof value === 'number' ? value.toFixed(2) : value.trim();
  const m = MONEY.exec(text);
  if (!m) return text;
  const [, sign, whole, frac = ''] = m;
  const digits = whole.replace(/^0+(?=\d)/, '');
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = sign === '-' && /[1-9]/.test(digits + frac);
  return `${negative ? '-' : ''}${grouped}.${frac.padEnd(2, '0')}`;
}

// Yuan as a decimal string -> integer fen, or null when not a money value.
export function toFen(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const m = MONEY.exec(value.trim());
  if (!m) return null;
  const [, sign, whole, frac = ''] = m;
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return sign === '-' ? -fen : fen;
}

// -1, 0 or 1 comparing two money strings; null when either is not money.
export function compareMoney(a: string | null | undefined, b: string | null | undefined): number | null {
  const fa = toFen(a);
  const fb = toFen(b);
  if (fa === null || fb === null) return null;
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

// A rate (a fraction, as the API gives flagged_rate) as a percentage with one decimal:
// 0.0345 -> "3.5%".
export function formatRate(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(1)}%`;
}

// An integer with grouping: 1234567 -> "1,234,567".
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

// An ISO 8601 UTC time shown as local "YYYY-MM-DD HH:mm"; anything else as given.
export function formatTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

// The line of a diagnostic's caret: the source line at `line` (1-based) and a caret under
// `column` (1-based). Returns the two lines; an out-of-range line gives an empty source line.
export function caretLines(text: string, line: number, column: number): [string, string] {
  const lines = text.split(/\r?\n/);
  const source = line >= 1 && line <= lines.length ? lines[line - 1] : '';
  const pad = Math.max(0, column - 1);
  return [source, `${' '.repeat(pad)}^`];
}
