// The verification sample's pages (核查抽样; decision 0008, "Sample stored as built"): the draw
// form (POST /samples) and the visit form of a sampled household (PUT /samples/{id}/units/{hh}),
// checked as the server checks them (src/server/api_sample.cc, src/service/sample.cc; its message
// is shown when it still refuses), the bodies sent, and the figures the pages show. Messages are
// i18n keys with their parameters.
import type { SampleDrawBody, SampleEstimate, SampleResult, SampleVisitBody } from '../api';
import { chinaToday, isRealDate, type FieldError } from './caseForms';

// The strata in the server's order (analytics::kAllStrata) and their default weights
// (analytics::SampleParameters): the three object types, illness and disaster 3, other 1.
export const STRATA = ['unstable_lifted', 'marginal', 'sudden_hardship', 'illness', 'disaster', 'other'] as const;
export type Stratum = (typeof STRATA)[number];
export const DEFAULT_WEIGHTS: Record<Stratum, number> = {
  unstable_lifted: 3, marginal: 3, sudden_hardship: 3, illness: 3, disaster: 3, other: 1,
};
// The largest seed (service::kMaxSampleSeed, 2^53 − 1): the largest whole number a double holds.
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

const text = (value: string | null | undefined): string => (value ?? '').trim();

export interface DrawValues {
  county: string;
  year: number;
  seed: string;        // "" for the default seed (the county code followed by the year)
  villages: number | null;
  households: number | null;
  weights: Record<Stratum, number | null>;
}

export function emptyDraw(county: string, year: number): DrawValues {
  return { county, year, seed: '', villages: 10, households: 300, weights: { ...DEFAULT_WEIGHTS } };
}

const isWhole = (v: number | null | undefined, min: number, max: number): boolean =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

// Every problem of the draw form by field name ("weight.<stratum>" for a weight); empty when it
// may be sent. `thisYear` is the current year: a sample is of a year from 2000 to it.
export function validateDraw(v: DrawValues, thisYear: number): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  if (!/^\d{6}$/.test(v.county)) errors.county = { key: 'samples.errors.county' };
  if (!isWhole(v.year, 2000, thisYear)) {
    errors.year = { key: 'caseForm.errors.between', params: { min: 2000, max: thisYear } };
  }
  const seed = text(v.seed);
  if (seed && (!/^\d{1,16}$/.test(seed) || Number(seed) > MAX_SEED)) {
    errors.seed = { key: 'samples.errors.seed', params: { max: String(MAX_SEED) } };
  }
  if (!isWhole(v.villages, 1, 100000)) {
    errors.villages = { key: 'caseForm.errors.between', params: { min: 1, max: 100000 } };
  }
  if (!isWhole(v.households, 1, 1000000)) {
    errors.households = { key: 'caseForm.errors.between', params: { min: 1, max: 1000000 } };
  }
  for (const s of STRATA) {
    if (!isWhole(v.weights[s], 1, 1000)) {
      errors[`weight.${s}`] = { key: 'caseForm.errors.between', params: { min: 1, max: 1000 } };
    }
  }
  return errors;
}

// The body of a valid form: the seed only when one is given; `redraw` when the county's sample of
// the year is to be replaced.
export function toDrawBody(v: DrawValues, redraw = false): SampleDrawBody {
  const body: SampleDrawBody = {
    county: v.county, year: v.year, villages: v.villages ?? 0, households: v.households ?? 0,
    stratum_weights: Object.fromEntries(STRATA.map((s) => [s, v.weights[s] ?? 0])) as Record<Stratum, number>,
  };
  const seed = text(v.seed);
  if (seed) body.seed = Number(seed);
  if (redraw) body.redraw = true;
  return body;
}

// The four questions of a visit, in the form's order, and each answer as the form holds it.
export const QUESTIONS = ['meets_criteria', 'included', 'comparison_passed', 'satisfied'] as const;
export type Question = (typeof QUESTIONS)[number];
export type Answer = 'yes' | 'no' | 'unknown';

export function answerOf(value: boolean | null | undefined): Answer {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  return 'unknown';
}
export function answerValue(answer: Answer): boolean | null {
  return answer === 'yes' ? true : answer === 'no' ? false : null;
}

export interface SampleVisitValues {
  answers: Record<Question, Answer>;
  visited_on: string | null;
  visitor: string;
  note: string;
}

// The form for a household: its recorded visit when it has one (to correct it), else every
// answer unknown, today and the user as the visitor.
export function emptySampleVisit(today: string, visitor: string, result?: SampleResult | null): SampleVisitValues {
  if (result) {
    return {
      answers: Object.fromEntries(QUESTIONS.map((q) => [q, answerOf(result[q])])) as Record<Question, Answer>,
      visited_on: result.visited_on, visitor: result.visitor, note: result.note,
    };
  }
  return {
    answers: { meets_criteria: 'unknown', included: 'unknown', comparison_passed: 'unknown', satisfied: 'unknown' },
    visited_on: today, visitor, note: '',
  };
}

// Every problem of the visit form by field name; empty when it may be sent. `today` is China's
// date and `drawnOn` the China day the sample was drawn: a visit lies between them.
export function validateSampleVisit(v: SampleVisitValues, today: string, drawnOn: string): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  const on = text(v.visited_on);
  if (!on) errors.visited_on = { key: 'caseForm.errors.required' };
  else if (!isRealDate(on)) errors.visited_on = { key: 'caseForm.errors.date' };
  else if (on > today) errors.visited_on = { key: 'caseForm.errors.future', params: { today } };
  else if (drawnOn && on < drawnOn) errors.visited_on = { key: 'samples.errors.beforeDraw', params: { drawn: drawnOn } };
  if (!text(v.visitor)) errors.visitor = { key: 'caseForm.errors.required' };
  for (const q of QUESTIONS) {
    if (!['yes', 'no', 'unknown'].includes(v.answers[q])) errors[q] = { key: 'caseForm.errors.choice' };
  }
  return errors;
}

export function toSampleVisitBody(v: SampleVisitValues): SampleVisitBody {
  return {
    meets_criteria: answerValue(v.answers.meets_criteria),
    included: answerValue(v.answers.included),
    comparison_passed: answerValue(v.answers.comparison_passed),
    satisfied: answerValue(v.answers.satisfied),
    visited_on: text(v.visited_on), visitor: text(v.visitor), note: text(v.note),
  };
}

// China's day of a stored time (RFC 3339, "2026-11-30T02:40:00Z"); "" when it does not parse.
export function chinaDayOf(time: string): string {
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? '' : chinaToday(new Date(ms));
}

// The share of the drawn households visited, in whole percent (0 with nothing drawn).
export function visitedPercent(recorded: number, households: number): number {
  if (!(households > 0)) return 0;
  return Math.min(100, Math.floor((recorded / households) * 100));
}

// An estimate's 95% interval as percentages with one decimal: "1.2% – 34.5%"; none -> "—".
export function formatInterval(e: SampleEstimate | null | undefined): string {
  if (!e) return '—';
  return `${(e.lower * 100).toFixed(1)}% – ${(e.upper * 100).toFixed(1)}%`;
}

// The KPIs of a scorecard estimated from the county's sample.
export const SAMPLE_KPIS = ['omission', 'wrong_inclusion', 'approval'] as const;
export function isSampleKpi(kpi: string): boolean {
  return (SAMPLE_KPIS as readonly string[]).includes(kpi);
}
