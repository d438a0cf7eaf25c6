// The forms of a household's responsible person (帮扶责任人; PUT /households/{id}/responsible) and
// of a follow-up visit (走访; POST /households/{id}/visits), checked as assist::CheckResponsiblePerson,
// CheckVisit and service::AssignResponsible, RecordVisit check them (src/assist/plan.cc,
// src/service/assist_people.cc; the server checks again and its message is shown when it still
// refuses), and the bodies sent. Messages are i18n keys with their parameters.
import type { ResponsibleBody, VisitBody } from '../api';
import { RISK_CODES, isRealDate, type FieldError } from './caseForms';
import { VISIT_REASONS } from './leadForm';

const text = (value: string | null | undefined): string => (value ?? '').trim();

// assist::CheckResponsiblePerson: 7 to 20 characters of digits, '+', '-' and spaces, with at least
// 7 digits ("13812345678", "0971-1234567"). The length is of the phone as typed, as the store has it.
export function isPhone(phone: string): boolean {
  if (phone.length < 7 || phone.length > 20 || !/^[0-9+\- ]+$/.test(phone)) return false;
  return phone.replace(/[^0-9]/g, '').length >= 7;
}

export interface ResponsibleValues { name: string; unit: string; phone: string; from: string | null }

export function emptyResponsible(today: string): ResponsibleValues {
  return { name: '', unit: '', phone: '', from: today };
}

// Every problem of the form by field name; empty when it may be sent. `currentFrom` is the start
// of the household's current responsible person, if it has one: the next one must start after it
// (the current one ends the day before the next one starts).
export function validateResponsible(v: ResponsibleValues, currentFrom?: string | null): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  if (!text(v.name)) errors.name = { key: 'caseForm.errors.required' };
  if (!text(v.unit)) errors.unit = { key: 'caseForm.errors.required' };
  const phone = text(v.phone);
  if (!phone) errors.phone = { key: 'caseForm.errors.required' };
  else if (!isPhone(phone)) errors.phone = { key: 'responsibleForm.errors.phone' };
  const from = text(v.from);
  if (!from) errors.from = { key: 'caseForm.errors.required' };
  else if (!isRealDate(from)) errors.from = { key: 'caseForm.errors.date' };
  else if (currentFrom && from <= currentFrom) {
    errors.from = { key: 'responsibleForm.errors.fromNotAfter', params: { from: currentFrom } };
  }
  return errors;
}

// The body: text trimmed (the phone as typed, without the spaces around it).
export function toResponsibleBody(v: ResponsibleValues): ResponsibleBody {
  return { name: text(v.name), unit: text(v.unit), phone: text(v.phone), from: text(v.from) };
}

export interface VisitValues {
  visited_on: string | null;
  visitor: string;
  found: string;
  risks_seen: string[];
  // "" (or a cleared select's null) for a visit that records no lead; else one of the eight kinds.
  lead_reason: string | null;
}

export function emptyVisit(today: string, visitor = ''): VisitValues {
  return { visited_on: today, visitor, found: '', risks_seen: [], lead_reason: '' };
}

// Every problem of the form by field name; empty when it may be sent. `today` is China's date:
// a visit is not in the future.
export function validateVisit(v: VisitValues, today: string): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  const on = text(v.visited_on);
  if (!on) errors.visited_on = { key: 'caseForm.errors.required' };
  else if (!isRealDate(on)) errors.visited_on = { key: 'caseForm.errors.date' };
  else if (on > today) errors.visited_on = { key: 'caseForm.errors.future', params: { today } };
  if (!text(v.visitor)) errors.visitor = { key: 'caseForm.errors.required' };
  if (!text(v.found)) errors.found = { key: 'visitForm.errors.found' };
  const unknown = v.risks_seen.find((r) => !RISK_CODES.includes(r));
  const twice = v.risks_seen.find((r, i) => v.risks_seen.indexOf(r) !== i);
  if (unknown) errors.risks_seen = { key: 'caseForm.errors.riskUnknown', params: { code: unknown } };
  else if (twice) errors.risks_seen = { key: 'caseForm.errors.riskTwice', params: { code: twice } };
  if (v.lead_reason && !(VISIT_REASONS as readonly string[]).includes(v.lead_reason)) {
    errors.lead_reason = { key: 'caseForm.errors.choice' };
  }
  return errors;
}

// The body: text trimmed, the risks in code order, the lead's reason only when one is chosen.
export function toVisitBody(v: VisitValues): VisitBody {
  const body: VisitBody = {
    visited_on: text(v.visited_on), visitor: text(v.visitor), found: text(v.found),
    risks_seen: RISK_CODES.filter((r) => v.risks_seen.includes(r)),
  };
  if (v.lead_reason) body.lead_reason = v.lead_reason;
  return body;
}
