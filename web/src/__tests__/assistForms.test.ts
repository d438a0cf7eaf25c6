// The responsible person's and the visit's forms (lib/assistForms.ts) against what
// assist::CheckResponsiblePerson, CheckVisit and the service refuse (src/assist/plan.cc,
// src/service/assist_people.cc), and the bodies they send.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  emptyResponsible, emptyVisit, isPhone, toResponsibleBody, toVisitBody, validateResponsible, validateVisit,
  type ResponsibleValues, type VisitValues,
} from '../lib/assistForms';

const read = (p: string) => readFileSync(fileURLToPath(new URL(p, import.meta.url)), 'utf8');
const TODAY = '2026-11-29';

describe('isPhone, as CheckResponsiblePerson', () => {
  it('takes 7 to 20 characters of digits, +, - and spaces with at least 7 digits', () => {
    for (const ok of ['13812345678', '0971-1234567', '+86 138 1234 5678', '1234567', '1'.repeat(20)]) {
      expect(isPhone(ok), ok).toBe(true);
    }
    for (const bad of ['123456', '1'.repeat(21), '138-1234-567a', '(0971)1234567', '+-- -123456', '123-45-6']) {
      expect(isPhone(bad), bad).toBe(false);
    }
    const cc = read('../../../src/assist/plan.cc');
    expect(cc).toContain('r.phone.size() >= 7 && r.phone.size() <= 20');
    expect(cc).toContain('digits < 7');
  });
});

describe('the responsible person form', () => {
  const filled = (over: Partial<ResponsibleValues> = {}): ResponsibleValues =>
    ({ name: '王建国', unit: '县农业农村局', phone: '13812345678', from: '2026-11-01', ...over });
  const keys = (v: ResponsibleValues, current?: string | null) =>
    Object.fromEntries(Object.entries(validateResponsible(v, current)).map(([k, e]) => [k, e.key]));

  it('starts today and wants a name, a unit and a phone', () => {
    const fresh = emptyResponsible(TODAY);
    expect(fresh.from).toBe(TODAY);
    expect(keys(fresh)).toEqual({ name: 'caseForm.errors.required', unit: 'caseForm.errors.required', phone: 'caseForm.errors.required' });
    expect(keys(filled())).toEqual({});
    expect(keys(filled({ name: '  ', unit: '\t' }))).toEqual({ name: 'caseForm.errors.required', unit: 'caseForm.errors.required' });
  });
  it('refuses a phone the store refuses', () => {
    expect(keys(filled({ phone: '12345' }))).toEqual({ phone: 'responsibleForm.errors.phone' });
    expect(keys(filled({ phone: ' 0971-1234567 ' }))).toEqual({});
  });
  it('wants a real start date, after the current person\'s start', () => {
    expect(keys(filled({ from: null }))).toEqual({ from: 'caseForm.errors.required' });
    expect(keys(filled({ from: '2026-02-30' }))).toEqual({ from: 'caseForm.errors.date' });
    expect(validateResponsible(filled({ from: '2026-11-01' }), '2026-11-01').from)
      .toEqual({ key: 'responsibleForm.errors.fromNotAfter', params: { from: '2026-11-01' } });
    expect(keys(filled({ from: '2026-10-31' }), '2026-11-01')).toEqual({ from: 'responsibleForm.errors.fromNotAfter' });
    expect(keys(filled({ from: '2026-11-02' }), '2026-11-01')).toEqual({});
    expect(keys(filled(), null)).toEqual({});
  });
  it('sends the fields trimmed', () => {
    expect(toResponsibleBody(filled({ name: ' 王建国 ', phone: ' 13812345678 ' })))
      .toEqual({ name: '王建国', unit: '县农业农村局', phone: '13812345678', from: '2026-11-01' });
  });
});

describe('the visit form', () => {
  const filled = (over: Partial<VisitValues> = {}): VisitValues =>
    ({ ...emptyVisit(TODAY, '李干部'), found: '户主外出务工，家中老人身体稳定', ...over });
  const keys = (v: VisitValues) => Object.fromEntries(Object.entries(validateVisit(v, TODAY)).map(([k, e]) => [k, e.key]));

  it('starts today with the user as visitor, and wants what was found', () => {
    const fresh = emptyVisit(TODAY, '李干部');
    expect(fresh.visited_on).toBe(TODAY);
    expect(fresh.visitor).toBe('李干部');
    expect(keys(fresh)).toEqual({ found: 'visitForm.errors.found' });
    expect(keys(filled())).toEqual({});
    expect(keys(filled({ visitor: ' ' }))).toEqual({ visitor: 'caseForm.errors.required' });
  });
  it('refuses a visit in the future, as RecordVisit does', () => {
    expect(validateVisit(filled({ visited_on: '2026-11-30' }), TODAY).visited_on)
      .toEqual({ key: 'caseForm.errors.future', params: { today: TODAY } });
    expect(keys(filled({ visited_on: TODAY }))).toEqual({});
    expect(keys(filled({ visited_on: '2026-13-01' }))).toEqual({ visited_on: 'caseForm.errors.date' });
    expect(keys(filled({ visited_on: null }))).toEqual({ visited_on: 'caseForm.errors.required' });
    expect(read('../../../src/service/assist_people.cc')).toContain('visit.visited_on > today');
  });
  it('takes known risks once each, and a lead reason of the eight kinds or none', () => {
    expect(keys(filled({ risks_seen: ['R50'] }))).toEqual({ risks_seen: 'caseForm.errors.riskUnknown' });
    expect(keys(filled({ risks_seen: ['R01', 'R01'] }))).toEqual({ risks_seen: 'caseForm.errors.riskTwice' });
    expect(keys(filled({ lead_reason: 'serious_illness' }))).toEqual({});
    expect(keys(filled({ lead_reason: 'gossip' }))).toEqual({ lead_reason: 'caseForm.errors.choice' });
    // A cleared select gives null: no lead.
    expect(keys(filled({ lead_reason: null }))).toEqual({});
  });
  it('sends the risks in code order and the lead reason only when chosen', () => {
    expect(toVisitBody(filled({ risks_seen: ['R09', 'R01'], found: ' 房屋漏雨 ' }))).toEqual({
      visited_on: TODAY, visitor: '李干部', found: '房屋漏雨', risks_seen: ['R01', 'R09'],
    });
    expect(toVisitBody(filled({ lead_reason: 'mishap' })).lead_reason).toBe('mishap');
    expect('lead_reason' in toVisitBody(filled({ lead_reason: null }))).toBe(false);
  });
});
