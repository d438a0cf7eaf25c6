// The form of an assistance measure (帮扶措施, DOMAIN.md §7.1; POST /households/{id}/measures):
// its choices, its checks made as src/cases/measure.cc and the server's route make them (the
// server checks again; its 400 message is shown when it still refuses), and the body sent.
// Messages are i18n keys with their parameters, as in caseForms.ts.
import type { MeasureBody } from '../api';
import { RISK_CODES, isRealDate, type FieldError } from './caseForms';

// DOMAIN.md §7.1, in its table's order (src/cases/measure.h, MeasureCategory).
export const MEASURE_CATEGORIES = [
  'industry', 'employment', 'finance', 'public_post', 'health', 'compulsory_education', 'other_education',
  'housing', 'water', 'social', 'relocation', 'living_conditions', 'infrastructure', 'safety_net',
];
export const MEASURE_STATUSES = ['planned', 'in_progress', 'done', 'stopped'];

export interface MeasureValues {
  category: string;
  item: string;
  department: string;
  start: string | null;     // YYYY-MM-DD (a cleared date picker gives null)
  end: string | null;       // YYYY-MM-DD, or "" or null for open-ended
  amount: string;           // yuan, or "" for none
  status: string;
  risks: string[];
  member_id_number: string; // "" for the whole household
}

// A new measure: starting today, in progress (a measure is usually recorded once it runs).
export function emptyMeasure(today: string): MeasureValues {
  return {
    category: '', item: '', department: '', start: today, end: '', amount: '', status: 'in_progress', risks: [],
    member_id_number: '',
  };
}

// The members a measure may name: those whose ID number the user sees whole. A masked number
// ("630102********1234") names nobody the server could find, so such members are not offered.
export function nameableMembers<T extends { id_number: string }>(members: T[]): T[] {
  return members.filter((m) => m.id_number !== '' && !m.id_number.includes('*'));
}

const MONEY = /^\d{1,13}(\.\d{1,2})?$/;
const text = (value: string | null | undefined): string => (value ?? '').trim();

// Every problem of the form by field name; empty when it may be sent. `members` are the ID
// numbers the member may be chosen from.
export function validateMeasure(v: MeasureValues, members: string[]): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  if (v.category === '') errors.category = { key: 'caseForm.errors.required' };
  else if (!MEASURE_CATEGORIES.includes(v.category)) errors.category = { key: 'caseForm.errors.choice' };
  if (text(v.item) === '') errors.item = { key: 'caseForm.errors.required' };
  const start = text(v.start);
  if (start === '') errors.start = { key: 'caseForm.errors.required' };
  else if (!isRealDate(start)) errors.start = { key: 'caseForm.errors.date' };
  const end = text(v.end);
  if (end !== '') {
    if (!isRealDate(end)) errors.end = { key: 'caseForm.errors.date' };
    else if (!errors.start && end < start) errors.end = { key: 'measureForm.errors.endBeforeStart', params: { start } };
  }
  const amount = text(v.amount);
  if (amount !== '' && !MONEY.test(amount)) {
    errors.amount = { key: amount.startsWith('-') ? 'caseForm.errors.negative' : 'caseForm.errors.money' };
  }
  if (!MEASURE_STATUSES.includes(v.status)) errors.status = { key: 'caseForm.errors.choice' };
  const unknown = v.risks.find((r) => !RISK_CODES.includes(r));
  const twice = v.risks.find((r, i) => v.risks.indexOf(r) !== i);
  if (unknown) errors.risks = { key: 'caseForm.errors.riskUnknown', params: { code: unknown } };
  else if (twice) errors.risks = { key: 'caseForm.errors.riskTwice', params: { code: twice } };
  if (v.member_id_number !== '' && !members.includes(v.member_id_number)) {
    errors.member_id_number = { key: 'measureForm.errors.member' };
  }
  return errors;
}

// The body to send: text trimmed, the risks in code order, empty optional fields left out.
export function toMeasureBody(v: MeasureValues): MeasureBody {
  const body: MeasureBody = {
    category: v.category,
    item: text(v.item),
    department: text(v.department),
    start: text(v.start),
    status: v.status,
    risks: RISK_CODES.filter((r) => v.risks.includes(r)),
  };
  if (text(v.end) !== '') body.end = text(v.end);
  if (text(v.amount) !== '') body.amount = text(v.amount);
  if (v.member_id_number !== '') body.member_id_number = v.member_id_number;
  return body;
}
