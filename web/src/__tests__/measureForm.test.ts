// The measure form's checks (lib/measureForm.ts) against what the server refuses
// (src/cases/measure.cc, src/server/api_elimination.cc), and the body it sends.
import { describe, expect, it } from 'vitest';
import {
  MEASURE_CATEGORIES, MEASURE_STATUSES, emptyMeasure, nameableMembers, toMeasureBody, validateMeasure,
  type MeasureValues,
} from '../lib/measureForm';

const MEMBER = '630102197502159412';

function filled(over: Partial<MeasureValues> = {}): MeasureValues {
  return {
    ...emptyMeasure('2026-11-29'), category: 'public_post', item: '生态护林员', department: '县林草局',
    start: '2026-01-10', amount: '10000', risks: ['R07'], ...over,
  };
}
const keys = (v: MeasureValues, members = [MEMBER]) =>
  Object.fromEntries(Object.entries(validateMeasure(v, members)).map(([k, e]) => [k, e.key]));

describe('the categories and statuses', () => {
  it('are the fourteen of DOMAIN.md §7.1 and the four statuses, as the server codes them', () => {
    expect(MEASURE_CATEGORIES).toHaveLength(14);
    expect(new Set(MEASURE_CATEGORIES).size).toBe(14);
    expect(MEASURE_CATEGORIES).toContain('public_post');
    expect(MEASURE_CATEGORIES).toContain('safety_net');
    expect(MEASURE_STATUSES).toEqual(['planned', 'in_progress', 'done', 'stopped']);
  });
});

describe('validateMeasure', () => {
  it('accepts a filled form, and one with only category, item and start', () => {
    expect(keys(filled())).toEqual({});
    expect(keys(filled({ department: '', amount: '', risks: [], end: '' }))).toEqual({});
  });
  it('a new form starts today, in progress, and lacks its category and item', () => {
    const fresh = emptyMeasure('2026-11-29');
    expect(fresh.start).toBe('2026-11-29');
    expect(fresh.status).toBe('in_progress');
    expect(keys(fresh)).toEqual({ category: 'caseForm.errors.required', item: 'caseForm.errors.required' });
  });
  it('refuses a category or status the server does not know', () => {
    expect(keys(filled({ category: 'charity' }))).toEqual({ category: 'caseForm.errors.choice' });
    expect(keys(filled({ status: 'finished' }))).toEqual({ status: 'caseForm.errors.choice' });
  });
  it('wants an item that is more than spaces', () => {
    expect(keys(filled({ item: '   ' }))).toEqual({ item: 'caseForm.errors.required' });
  });
  it('wants a real start date and an end not before it', () => {
    expect(keys(filled({ start: '' }))).toEqual({ start: 'caseForm.errors.required' });
    // A cleared date picker gives null: no start, and an open end.
    expect(keys(filled({ start: null }))).toEqual({ start: 'caseForm.errors.required' });
    expect(keys(filled({ end: null }))).toEqual({});
    expect(toMeasureBody(filled({ end: null })).end).toBeUndefined();
    expect(keys(filled({ start: '2026-02-30' }))).toEqual({ start: 'caseForm.errors.date' });
    expect(keys(filled({ end: '2026-13-01' }))).toEqual({ end: 'caseForm.errors.date' });
    const before = validateMeasure(filled({ end: '2026-01-09' }), [MEMBER]);
    expect(before.end).toEqual({ key: 'measureForm.errors.endBeforeStart', params: { start: '2026-01-10' } });
    expect(keys(filled({ end: '2026-01-10' }))).toEqual({});
  });
  it('takes amounts in yuan with at most two decimals, never negative', () => {
    for (const ok of ['0', '1200.5', '1200.50', '99999']) expect(keys(filled({ amount: ok }))).toEqual({});
    expect(keys(filled({ amount: '-5' }))).toEqual({ amount: 'caseForm.errors.negative' });
    for (const bad of ['12.345', '1,000', '1e3', 'abc']) {
      expect(keys(filled({ amount: bad }))).toEqual({ amount: 'caseForm.errors.money' });
    }
  });
  it('takes risk codes of DOMAIN.md §6, each once', () => {
    expect(validateMeasure(filled({ risks: ['R50'] }), []).risks).toEqual({ key: 'caseForm.errors.riskUnknown', params: { code: 'R50' } });
    expect(validateMeasure(filled({ risks: ['R01', 'R01'] }), []).risks).toEqual({ key: 'caseForm.errors.riskTwice', params: { code: 'R01' } });
    expect(keys(filled({ risks: ['R01', 'R07', 'R99'] }))).toEqual({});
  });
  it('names a member of the household or nobody', () => {
    expect(keys(filled({ member_id_number: MEMBER }))).toEqual({});
    expect(keys(filled({ member_id_number: '11010519491231002X' }))).toEqual({ member_id_number: 'measureForm.errors.member' });
    expect(keys(filled({ member_id_number: MEMBER }), [])).toEqual({ member_id_number: 'measureForm.errors.member' });
  });
});

describe('nameableMembers', () => {
  it('leaves out members whose ID number the user sees masked', () => {
    const members = [{ id_number: MEMBER }, { id_number: '630102********1234' }, { id_number: '' }];
    expect(nameableMembers(members)).toEqual([{ id_number: MEMBER }]);
  });
});

describe('toMeasureBody', () => {
  it('trims, orders the risks and leaves out empty optional fields', () => {
    expect(toMeasureBody(filled({ item: ' 生态护林员 ', risks: ['R07', 'R01'] }))).toEqual({
      category: 'public_post', item: '生态护林员', department: '县林草局', start: '2026-01-10', status: 'in_progress',
      risks: ['R01', 'R07'], amount: '10000',
    });
  });
  it('sends the end, the amount and the member when given', () => {
    const body = toMeasureBody(filled({ end: '2026-12-31', amount: '0.5', member_id_number: MEMBER }));
    expect(body.end).toBe('2026-12-31');
    expect(body.amount).toBe('0.5');
    expect(body.member_id_number).toBe(MEMBER);
  });
});
