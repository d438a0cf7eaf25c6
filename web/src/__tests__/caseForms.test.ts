// The case event forms: which fields each event asks for and the client-side checks, which
// follow the server's (src/cases/workflow.cc) so that a clerk hears of a mistake before sending.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  actionButtons, checkAttachment, chinaToday, DECIDED_TYPES, fieldsFor, initialValues, isRealDate, MONEY_FIELDS, RISK_CODES,
  toFields, USER_EVENTS, validate, type FormContext, type FormValues,
} from '../lib/caseForms';
import { ALL_STATES } from '../lib/caseSteps';
import zhCN from '../locales/zh-CN';
import en from '../locales/en';

const ctx: FormContext = { kind: 'identification', today: '2026-12-01', noticeMinDays: 5 };
const names = (event: string, values: FormValues = {}, c = ctx) => fieldsFor(event, c, values).map((f) => f.name);
const errorKeys = (event: string, values: FormValues, c = ctx) =>
  Object.fromEntries(Object.entries(validate(event, values, c)).map(([k, e]) => [k, e.key]));

const homeVisit = (): FormValues => ({
  ...Object.fromEntries(MONEY_FIELDS.map((n) => [n, '100'])), housing_safe: '1', water_safe: '0', findings: 'as registered',
});

describe('fieldsFor', () => {
  it('apply asks for the signed authorization and the applicant', () => {
    expect(names('apply')).toEqual(['authorization_signed', 'applicant']);
  });
  it('the refusals and objection decisions ask for a reason', () => {
    for (const e of ['dismiss', 'reject', 'uphold_objection', 'dismiss_objection']) expect(names(e)).toEqual(['reason']);
  });
  it('the home visit asks for the five income components, three rigid spendings, two flags and the findings', () => {
    expect(names('record_home_visit')).toEqual([
      'wage_income', 'business_income', 'property_income', 'transfer_income', 'production_costs',
      'rigid_medical', 'rigid_education', 'rigid_other', 'housing_safe', 'water_safe', 'findings',
    ]);
  });
  it('the appraisal asks for a reason only when not agreed, for the notice days only when agreed', () => {
    expect(names('record_appraisal')).toEqual(['held_on', 'attendance', 'minutes', 'result']);
    expect(names('record_appraisal', { result: 'not_agreed' })).toEqual(['held_on', 'attendance', 'minutes', 'result', 'reason']);
    expect(names('record_appraisal', { result: 'agreed' })).toEqual(['held_on', 'attendance', 'minutes', 'result', 'notice_days']);
  });
  it('county approval asks for type and risks in identification, for the method in elimination', () => {
    expect(names('county_approve')).toEqual(['type', 'risks']);
    expect(names('county_approve', {}, { ...ctx, kind: 'elimination' })).toEqual(['method']);
  });
  it('closing the notice and the township approval ask for nothing', () => {
    expect(names('close_notice')).toEqual([]);
    expect(names('township_approve')).toEqual([]);
  });
});

describe('validate', () => {
  it('apply without the ticked authorization or applicant is refused on both', () => {
    expect(errorKeys('apply', { authorization_signed: '', applicant: ' ' }))
      .toEqual({ authorization_signed: 'caseForm.errors.mustConfirm', applicant: 'caseForm.errors.required' });
    expect(errorKeys('apply', { authorization_signed: '1', applicant: '王五' })).toEqual({});
  });

  it('home visit amounts: yuan with at most two decimals, not negative, not text', () => {
    expect(errorKeys('record_home_visit', homeVisit())).toEqual({});
    const bad = { ...homeVisit(), wage_income: '12.345', business_income: '-5', property_income: '1,000', transfer_income: '', rigid_other: '0.5' };
    expect(errorKeys('record_home_visit', bad)).toEqual({
      wage_income: 'caseForm.errors.money', business_income: 'caseForm.errors.negative',
      property_income: 'caseForm.errors.money', transfer_income: 'caseForm.errors.required',
    });
  });

  it('home visit flags must be chosen as yes or no', () => {
    expect(errorKeys('record_home_visit', { ...homeVisit(), housing_safe: '', water_safe: 'maybe' }))
      .toEqual({ housing_safe: 'caseForm.errors.required', water_safe: 'caseForm.errors.flag' });
  });

  it('comparison result is consistent or inconsistent, with findings', () => {
    expect(errorKeys('record_comparison', { result: 'same', findings: '' }))
      .toEqual({ result: 'caseForm.errors.choice', findings: 'caseForm.errors.required' });
    expect(errorKeys('record_comparison', { result: 'inconsistent', findings: 'car registered' })).toEqual({});
  });

  it('appraisal: a real date not after today, at least one attendee, the notice at least the minimum', () => {
    const ok = { held_on: '2026-12-01', attendance: '12', minutes: 'agreed by all', result: 'agreed', notice_days: '5' };
    expect(errorKeys('record_appraisal', ok)).toEqual({});
    expect(errorKeys('record_appraisal', { ...ok, held_on: '2026-12-02' })).toEqual({ held_on: 'caseForm.errors.future' });
    expect(errorKeys('record_appraisal', { ...ok, held_on: '2026-02-30' })).toEqual({ held_on: 'caseForm.errors.date' });
    expect(errorKeys('record_appraisal', { ...ok, attendance: '0' })).toEqual({ attendance: 'caseForm.errors.atLeast' });
    expect(errorKeys('record_appraisal', { ...ok, attendance: '2.5' })).toEqual({ attendance: 'caseForm.errors.atLeast' });
    expect(errorKeys('record_appraisal', { ...ok, notice_days: '4' })).toEqual({ notice_days: 'caseForm.errors.between' });
    expect(errorKeys('record_appraisal', { ...ok, notice_days: '366' })).toEqual({ notice_days: 'caseForm.errors.between' });
    expect(errorKeys('record_appraisal', { ...ok, notice_days: '7' }, { ...ctx, noticeMinDays: 7 })).toEqual({});
    expect(errorKeys('record_appraisal', { ...ok, notice_days: '' })).toEqual({}); // the server takes the minimum
  });

  it('appraisal not agreed needs the reason', () => {
    const no = { held_on: '2026-11-30', attendance: '9', minutes: 'm', result: 'not_agreed', reason: '' };
    expect(errorKeys('record_appraisal', no)).toEqual({ reason: 'caseForm.errors.required' });
  });

  it('county approval: a decided type and 1 to 5 distinct risk codes', () => {
    expect(errorKeys('county_approve', { type: 'guarantee_gap', risks: [] }))
      .toEqual({ type: 'caseForm.errors.choice', risks: 'caseForm.errors.required' });
    expect(errorKeys('county_approve', { type: 'marginal', risks: ['R01', 'R02', 'R03', 'R04', 'R05', 'R06'] }))
      .toEqual({ risks: 'caseForm.errors.risksCount' });
    expect(errorKeys('county_approve', { type: 'marginal', risks: 'R01;R01' })).toEqual({ risks: 'caseForm.errors.riskTwice' });
    expect(errorKeys('county_approve', { type: 'marginal', risks: 'R13' })).toEqual({ risks: 'caseForm.errors.riskUnknown' });
    expect(errorKeys('county_approve', { type: 'marginal', risks: ['R01', 'R99'] })).toEqual({});
  });

  it('elimination approval: by_assistance or natural', () => {
    const el = { ...ctx, kind: 'elimination' };
    expect(errorKeys('county_approve', { method: 'magic' }, el)).toEqual({ method: 'caseForm.errors.choice' });
    expect(errorKeys('county_approve', { method: 'natural' }, el)).toEqual({});
  });

  it('a comment needs its text', () => {
    expect(errorKeys('comment', { comment: '  ' })).toEqual({ comment: 'caseForm.errors.required' });
  });
});

describe('toFields', () => {
  it('sends the form as it stands: trimmed strings, risks joined, the hidden branch and empty optional fields left out', () => {
    const values = { held_on: '2026-12-01', attendance: ' 12 ', minutes: 'm', result: 'agreed', reason: 'stale', notice_days: '' };
    expect(toFields('record_appraisal', values, ctx)).toEqual({ held_on: '2026-12-01', attendance: '12', minutes: 'm', result: 'agreed' });
    expect(toFields('county_approve', { type: 'marginal', risks: ['R09', 'R01'] }, ctx)).toEqual({ type: 'marginal', risks: 'R09;R01' });
  });
  it("keeps a comment's text out of the fields (it travels as the event's comment)", () => {
    expect(toFields('comment', { comment: 'called the family' }, ctx)).toEqual({});
  });
});

describe('initialValues', () => {
  it("starts the appraisal on today with the province's minimum notice", () => {
    const v = initialValues('record_appraisal', { ...ctx, noticeMinDays: 7 });
    expect([v.held_on, v.notice_days, v.attendance]).toEqual(['2026-12-01', '7', '']);
  });
});

describe('actionButtons', () => {
  it("shows the server's available user events in the procedure's order, never join_lead or escalate", () => {
    expect(actionButtons(['comment', 'join_lead', 'dismiss', 'apply', 'escalate'])).toEqual(['apply', 'dismiss', 'comment']);
  });
});

describe('checkAttachment', () => {
  it('takes PDF, images, DOCX and XLSX up to 20 MiB', () => {
    expect(checkAttachment({ name: 'form.PDF', size: 1000 })).toBeNull();
    expect(checkAttachment({ name: 'scan.jpeg', size: 20 * 1024 * 1024 })).toBeNull();
    expect(checkAttachment({ name: 'run.exe', size: 10 })?.key).toBe('caseForm.errors.fileType');
    expect(checkAttachment({ name: 'noext', size: 10 })?.key).toBe('caseForm.errors.fileType');
    expect(checkAttachment({ name: 'big.pdf', size: 20 * 1024 * 1024 + 1 })?.key).toBe('caseForm.errors.fileSize');
    expect(checkAttachment({ name: 'empty.pdf', size: 0 })?.key).toBe('caseForm.errors.fileEmpty');
  });
});

describe('dates', () => {
  it("chinaToday is the date at UTC+8: 16:00 UTC is already the next day", () => {
    expect(chinaToday(new Date('2026-11-29T15:59:59Z'))).toBe('2026-11-29');
    expect(chinaToday(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-30');
  });
  it('isRealDate knows the calendar', () => {
    expect(isRealDate('2028-02-29')).toBe(true);
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2026-13-01')).toBe(false);
    expect(isRealDate('2026-1-01')).toBe(false);
  });
});

describe('labels', () => {
  const lookup = (messages: Record<string, unknown>, key: string): unknown =>
    key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), messages);
  const both = (key: string) => [zhCN, en].every((m) => typeof lookup(m, key) === 'string');
  const events = [...USER_EVENTS, 'open', 'join_lead', 'escalate'];
  const everyField = [...new Set(events.flatMap((e) => [
    ...names(e, { result: 'agreed' }), ...names(e, { result: 'not_agreed' }), ...names(e, {}, { ...ctx, kind: 'elimination' }),
  ]))];

  it('every error key the checks give exists in both locales', () => {
    const source = readFileSync(fileURLToPath(new URL('../lib/caseForms.ts', import.meta.url)), 'utf8');
    const keys = [...source.matchAll(/'(caseForm\.errors\.\w+)'/g)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(10);
    expect(keys.filter((k) => !both(k))).toEqual([]);
  });
  it('every event, state, field and choice has a label in both locales', () => {
    const missing = [
      ...events.map((e) => `codes.case_event.${e}`),
      ...ALL_STATES.map((s) => `codes.case_state.${s}`),
      ...everyField.map((f) => `codes.case_field.${f}`),
      ...['consistent', 'inconsistent', 'agreed', 'not_agreed'].map((r) => `codes.case_result.${r}`),
      ...['by_assistance', 'natural'].map((m) => `codes.method.${m}`),
      ...DECIDED_TYPES.map((ty) => `codes.type.${ty}`),
      ...RISK_CODES.map((r) => `codes.risk.${r}`),
      ...events.flatMap((e) => fieldsFor(e, ctx).filter((f) => f.kind === 'confirm').map((f) => `caseForm.confirmLabel.${f.name}`)),
    ].filter((k) => !both(k));
    expect(everyField.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
  it('the fields of the escalate event the system writes (service/case_sweep.cc) have labels too', () => {
    const sweep = readFileSync(fileURLToPath(new URL('../../../src/service/case_sweep.cc', import.meta.url)), 'utf8');
    const fields = [...sweep.matchAll(/\{"(\w+)", std::/g)].map((m) => m[1]);
    expect(fields).toContain('escalated_to');
    expect(fields.map((f) => `codes.case_field.${f}`).filter((k) => !both(k))).toEqual([]);
  });
});
