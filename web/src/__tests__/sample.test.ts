// The verification sample's forms and figures (lib/sample.ts) against what the server refuses
// (src/server/api_sample.cc, src/service/sample.cc) and the bodies they send.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WEIGHTS, MAX_SEED, QUESTIONS, STRATA, answerOf, answerValue, chinaDayOf, emptyDraw, emptySampleVisit,
  formatInterval, isSampleKpi, toDrawBody, toSampleVisitBody, validateDraw, validateSampleVisit, visitedPercent,
  type SampleVisitValues,
} from '../lib/sample';

const read = (p: string) => readFileSync(fileURLToPath(new URL(p, import.meta.url)), 'utf8');
const TODAY = '2026-11-29';
const DRAWN = '2026-11-20';

describe('the strata and their default weights', () => {
  it('are those of analytics::SampleParameters in kAllStrata order', () => {
    expect(STRATA).toEqual(['unstable_lifted', 'marginal', 'sudden_hardship', 'illness', 'disaster', 'other']);
    expect(STRATA.map((s) => DEFAULT_WEIGHTS[s])).toEqual([3, 3, 3, 3, 3, 1]);
    expect(read('../../../src/analytics/sample.h')).toContain('stratum_weights = {3, 3, 3, 3, 3, 1}');
    expect(MAX_SEED).toBe(2 ** 53 - 1);
  });
});

describe('the draw form', () => {
  it('takes the defaults: 10 villages, 300 households, the default seed', () => {
    const v = emptyDraw('630121', 2026);
    expect(validateDraw(v, 2026)).toEqual({});
    expect(toDrawBody(v)).toEqual({
      county: '630121', year: 2026, villages: 10, households: 300, stratum_weights: DEFAULT_WEIGHTS,
    });
  });

  it('sends a seed given and a redraw when asked', () => {
    const v = { ...emptyDraw('630121', 2025), seed: ' 9007199254740991 ' };
    expect(validateDraw(v, 2026)).toEqual({});
    const body = toDrawBody(v, true);
    expect(body.seed).toBe(9007199254740991);
    expect(body.redraw).toBe(true);
    expect(toDrawBody({ ...v, seed: '0' }).seed).toBe(0);
  });

  it('refuses what the server refuses, field by field', () => {
    const v = emptyDraw('6301', 2027);
    v.seed = '9007199254740992';
    v.villages = 0;
    v.households = null;
    v.weights = { ...DEFAULT_WEIGHTS, illness: 0, other: 1001 };
    const errors = validateDraw(v, 2026);
    expect(Object.keys(errors).sort()).toEqual(['county', 'households', 'seed', 'villages', 'weight.illness', 'weight.other', 'year']);
    expect(errors.county.key).toBe('samples.errors.county');
    expect(errors.year.params).toEqual({ min: 2000, max: 2026 });
    expect(errors.seed.params).toEqual({ max: '9007199254740991' });
    expect(errors['weight.other'].params).toEqual({ min: 1, max: 1000 });
  });

  it('refuses a seed that is not a whole number, and a fractional weight', () => {
    for (const seed of ['-1', '1.5', '1e3', 'abc', '12345678901234567']) {
      expect(validateDraw({ ...emptyDraw('630121', 2026), seed }, 2026).seed, seed).toBeDefined();
    }
    const v = emptyDraw('630121', 2026);
    v.weights.marginal = 2.5;
    expect(Object.keys(validateDraw(v, 2026))).toEqual(['weight.marginal']);
    expect(validateDraw({ ...emptyDraw('630121', 1999) }, 2026).year).toBeDefined();
  });
});

describe('the answers of a visit', () => {
  it('map yes, no and not known to true, false and null and back', () => {
    expect([answerValue('yes'), answerValue('no'), answerValue('unknown')]).toEqual([true, false, null]);
    expect([answerOf(true), answerOf(false), answerOf(null), answerOf(undefined)]).toEqual(['yes', 'no', 'unknown', 'unknown']);
    expect(QUESTIONS).toEqual(['meets_criteria', 'included', 'comparison_passed', 'satisfied']);
  });
});

describe('the visit form', () => {
  const filled = (over: Partial<SampleVisitValues> = {}): SampleVisitValues => ({
    ...emptySampleVisit(TODAY, '核查员'), ...over,
  });

  it('starts with every answer not known, today and the user', () => {
    const v = emptySampleVisit(TODAY, '张三');
    expect(v.answers).toEqual({ meets_criteria: 'unknown', included: 'unknown', comparison_passed: 'unknown', satisfied: 'unknown' });
    expect([v.visited_on, v.visitor, v.note]).toEqual([TODAY, '张三', '']);
  });

  it('starts from the recorded visit to correct it', () => {
    const v = emptySampleVisit(TODAY, '张三', {
      meets_criteria: true, included: false, comparison_passed: null, satisfied: true, visited_on: DRAWN,
      visitor: '第三方', note: '漏评', recorded_by: 'x', recorded_at: '2026-11-21T01:00:00Z',
    });
    expect(v.answers).toEqual({ meets_criteria: 'yes', included: 'no', comparison_passed: 'unknown', satisfied: 'yes' });
    expect([v.visited_on, v.visitor, v.note]).toEqual([DRAWN, '第三方', '漏评']);
  });

  it('sends the answers as true, false or null and the text trimmed', () => {
    const v = filled({ visitor: ' 第三方 ', note: ' 漏评 ' });
    v.answers.meets_criteria = 'yes';
    v.answers.included = 'no';
    expect(validateSampleVisit(v, TODAY, DRAWN)).toEqual({});
    expect(toSampleVisitBody(v)).toEqual({
      meets_criteria: true, included: false, comparison_passed: null, satisfied: null,
      visited_on: TODAY, visitor: '第三方', note: '漏评',
    });
  });

  it('needs a day between the draw and today, and a visitor', () => {
    expect(validateSampleVisit(filled({ visited_on: null }), TODAY, DRAWN).visited_on.key).toBe('caseForm.errors.required');
    expect(validateSampleVisit(filled({ visited_on: '2026-02-30' }), TODAY, DRAWN).visited_on.key).toBe('caseForm.errors.date');
    expect(validateSampleVisit(filled({ visited_on: '2026-11-30' }), TODAY, DRAWN).visited_on)
      .toEqual({ key: 'caseForm.errors.future', params: { today: TODAY } });
    expect(validateSampleVisit(filled({ visited_on: '2026-11-19' }), TODAY, DRAWN).visited_on)
      .toEqual({ key: 'samples.errors.beforeDraw', params: { drawn: DRAWN } });
    expect(validateSampleVisit(filled({ visited_on: DRAWN }), TODAY, DRAWN)).toEqual({});
    expect(Object.keys(validateSampleVisit(filled({ visitor: '  ' }), TODAY, DRAWN))).toEqual(['visitor']);
    const service = read('../../../src/service/sample.cc');
    expect(service).toContain('is in the future');
    expect(service).toContain('is before the sample was drawn');
  });
});

describe('the figures of a sample', () => {
  it('takes the China day of the draw', () => {
    expect(chinaDayOf('2026-11-29T16:30:00Z')).toBe('2026-11-30');
    expect(chinaDayOf('2026-11-29T15:59:59Z')).toBe('2026-11-29');
    expect(chinaDayOf('')).toBe('');
  });

  it('gives the share visited in whole percent', () => {
    expect(visitedPercent(0, 300)).toBe(0);
    expect(visitedPercent(2, 3)).toBe(66);
    expect(visitedPercent(300, 300)).toBe(100);
    expect(visitedPercent(0, 0)).toBe(0);
  });

  it('shows an interval in percent, or a dash without an estimate', () => {
    expect(formatInterval({ estimate: 0.5, lower: 0.012, upper: 0.9876, households: 2, villages: 1, method: 'wilson' }))
      .toBe('1.2% – 98.8%');
    expect(formatInterval(null)).toBe('—');
  });

  it('knows the KPIs the sample estimates', () => {
    expect(['omission', 'wrong_inclusion', 'approval'].every(isSampleKpi)).toBe(true);
    expect(isSampleKpi('timeliness')).toBe(false);
  });
});
