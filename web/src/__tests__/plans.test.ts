// Assistance plans (lib/plans.ts): the states and what each allows against service/assist.h, the
// coordination checks as the plan shows them, and the form of a plan's measure against what
// service::RecordPlanMeasure and ApplyCatalogItem refuse — over the shipped catalogue
// (config/measures.toml), read here as the server reads it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import zhCN from '../locales/zh-CN';
import en from '../locales/en';
import type { CatalogCategory } from '../api';
import {
  PLAN_STATES, catalogName, checkAction, emptyPlanMeasure, itemsOf, mayActivate, mayComplete, openChecks, planStateTagType,
  sortChecks, takesMeasures, toPlanMeasureBody, usableCategories, validatePlanMeasure, withCategory, withItem,
  type PlanMeasureValues,
} from '../lib/plans';

const read = (p: string) => readFileSync(fileURLToPath(new URL(p, import.meta.url)), 'utf8');
const planCc = read('../../../src/assist/plan.cc');
const assistCc = read('../../../src/service/assist.cc');
const measuresToml = read('../../../config/measures.toml');

// The shipped catalogue's categories and items, read off its TOML (one [[category]] per
// category, one inline table per item) as GET /measure-catalog gives them.
function shippedCatalog(): CatalogCategory[] {
  return measuresToml.split('[[category]]').slice(1).map((block) => ({
    code: /^code = "(\w+)"/m.exec(block)![1],
    name_zh: /^name_zh = "([^"]*)"/m.exec(block)![1],
    name_en: /^name_en = "([^"]*)"/m.exec(block)![1],
    development: /^development = true/m.test(block),
    items: [...block.matchAll(/\{ code = "(\w+)", name_zh = "([^"]*)", name_en = "([^"]*)", department = "([^"]*)" \}/g)]
      .map((m) => ({ code: m[1], name_zh: m[2], name_en: m[3], department: m[4] })),
  }));
}
const CATALOG = shippedCatalog();
const MEMBER = '630102197502159412';

function filled(over: Partial<PlanMeasureValues> = {}): PlanMeasureValues {
  const v = withItem(withCategory(emptyPlanMeasure('2026-11-29'), 'employment'), CATALOG, 'vocational_training');
  return { ...v, amount: '800', risks: ['R07'], ...over };
}
const keys = (v: PlanMeasureValues, catalog = CATALOG, members = [MEMBER]) =>
  Object.fromEntries(Object.entries(validatePlanMeasure(v, catalog, members)).map(([k, e]) => [k, e.key]));

describe('the shipped catalogue as the tests read it', () => {
  it('has the fourteen categories, each with items and a default department where one is usual', () => {
    expect(CATALOG).toHaveLength(14);
    expect(CATALOG.every((c) => c.items.length > 0)).toBe(true);
    expect(itemsOf(CATALOG, 'safety_net').map((i) => i.code)).toContain('minimum_allowance');
    expect(itemsOf(CATALOG, 'employment').find((i) => i.code === 'vocational_training')?.department).toBe('人力资源和社会保障局');
    expect(CATALOG.filter((c) => c.development).map((c) => c.code)).toEqual(['industry', 'employment', 'finance', 'public_post']);
  });
});

describe('plan states', () => {
  it('are the four of assist::PlanState', () => {
    expect([...PLAN_STATES]).toEqual(['draft', 'active', 'complete', 'closed']);
    for (const s of PLAN_STATES) expect(planCc).toContain(`"${s}"`);
  });
  it('a draft or active plan takes measures; a draft is activated; an active plan is completed', () => {
    expect(PLAN_STATES.filter(takesMeasures)).toEqual(['draft', 'active']);
    expect(PLAN_STATES.filter(mayActivate)).toEqual(['draft']);
    expect(PLAN_STATES.filter(mayComplete)).toEqual(['active']);
  });
  it('each has a colour and a label and a hint in both languages', () => {
    expect(PLAN_STATES.map(planStateTagType)).toEqual(['info', 'primary', 'success', 'warning']);
    for (const m of [zhCN, en] as Record<string, any>[]) {
      for (const s of PLAN_STATES) {
        expect(m.codes.plan_state[s]).toBeTruthy();
        expect(m.plans.stateHint[s]).toBeTruthy();
      }
    }
  });
});

describe('the checks beside a plan', () => {
  const checks = [
    { check: 'C05', state: 'justified' }, { check: 'C02', state: 'open' }, { check: 'C01', state: 'open' },
    { check: 'C03', state: 'justified' },
  ];
  it('open ones first, then justified ones, each by check id', () => {
    expect(sortChecks(checks).map((c) => c.check)).toEqual(['C01', 'C02', 'C03', 'C05']);
    expect(openChecks(checks).map((c) => c.check)).toEqual(['C02', 'C01']);
    expect(sortChecks([])).toEqual([]);
  });
  it("say what to do in the UI's language, else the other, else nothing", () => {
    const actions = new Map([['C01', { action_zh: '增加产业或就业帮扶措施', action_en: 'Add an industry or employment measure' }],
                             ['C02', { action_zh: '增加健康帮扶措施', action_en: '' }]]);
    expect(checkAction(actions, 'C01', 'zh-CN')).toBe('增加产业或就业帮扶措施');
    expect(checkAction(actions, 'C01', 'en')).toBe('Add an industry or employment measure');
    expect(checkAction(actions, 'C02', 'en')).toBe('增加健康帮扶措施');
    expect(checkAction(actions, 'C09', 'en')).toBe('');
  });
});

describe('the form of a plan measure', () => {
  it('starts today, planned, without a category or item', () => {
    const fresh = emptyPlanMeasure('2026-11-29');
    expect(fresh.start).toBe('2026-11-29');
    expect(fresh.status).toBe('planned');
    expect(keys(fresh)).toEqual({ category: 'caseForm.errors.required', item_code: 'caseForm.errors.required' });
  });
  it('choosing an item prefills its department; choosing another category clears the item', () => {
    const v = filled();
    expect(v.item_code).toBe('vocational_training');
    expect(v.department).toBe('人力资源和社会保障局');
    const other = withCategory(v, 'safety_net');
    expect(other.item_code).toBe('');
    expect(other.department).toBe('');
    // An item the category does not have prefills nothing.
    expect(withItem(other, CATALOG, 'vocational_training').department).toBe('');
  });
  it('accepts an item of the chosen category', () => {
    expect(keys(filled())).toEqual({});
    expect(keys(withItem(withCategory(filled(), 'safety_net'), CATALOG, 'minimum_allowance'))).toEqual({});
  });
  it('refuses an item of another category, as ApplyCatalogItem does', () => {
    const v = filled({ item_code: 'minimum_allowance' });
    expect(validatePlanMeasure(v, CATALOG, []).item_code)
      .toEqual({ key: 'planForm.errors.itemNotInCategory', params: { code: 'minimum_allowance' } });
    expect(assistCc).toContain(') is of category ');
  });
  it('refuses a category the province\'s catalogue has no item of', () => {
    const without = CATALOG.filter((c) => c.code !== 'employment');
    expect(keys(filled(), without)).toEqual({ category: 'planForm.errors.categoryNotInCatalog' });
    expect(usableCategories([...CATALOG, { code: 'x', name_zh: '', name_en: '', development: false, items: [] }]))
      .toHaveLength(14);
  });
  it('checks the other fields as the household measure form does', () => {
    expect(keys(filled({ start: '' }))).toEqual({ start: 'caseForm.errors.required' });
    expect(keys(filled({ end: '2026-01-01', start: '2026-02-01' }))).toEqual({ end: 'measureForm.errors.endBeforeStart' });
    expect(keys(filled({ amount: '12.345' }))).toEqual({ amount: 'caseForm.errors.money' });
    expect(keys(filled({ amount: '-1' }))).toEqual({ amount: 'caseForm.errors.negative' });
    expect(keys(filled({ risks: ['R01', 'R01'] }))).toEqual({ risks: 'caseForm.errors.riskTwice' });
    expect(keys(filled({ status: 'finished' }))).toEqual({ status: 'caseForm.errors.choice' });
    expect(keys(filled({ member_id_number: MEMBER }))).toEqual({});
    expect(keys(filled({ member_id_number: MEMBER }), CATALOG, [])).toEqual({ member_id_number: 'measureForm.errors.member' });
  });
  it('sends the item code without an item text (the server names the measure after the item)', () => {
    const body = toPlanMeasureBody(filled({ risks: ['R07', 'R01'], end: '2026-12-31' }));
    expect(body).toEqual({
      category: 'employment', item_code: 'vocational_training', department: '人力资源和社会保障局', start: '2026-11-29',
      end: '2026-12-31', amount: '800', status: 'planned', risks: ['R01', 'R07'],
    });
    expect('item' in body).toBe(false);
    // The route requires an item only without a code (src/server/api_elimination.cc).
    expect(read('../../../src/server/api_elimination.cc')).toContain('StringField(body, "item", /*required=*/m.item_code.empty())');
  });
  it("names catalogue entries in the UI's language, else the other, else the code", () => {
    const item = itemsOf(CATALOG, 'safety_net')[0];
    expect(catalogName(item, 'zh-CN')).toBe('纳入低保');
    expect(catalogName(item, 'en')).toBe('Minimum living allowance (低保)');
    expect(catalogName({ code: 'x1', name_zh: '甲', name_en: '' }, 'en')).toBe('甲');
    expect(catalogName({ code: 'x1', name_zh: '', name_en: '' }, 'zh-CN')).toBe('x1');
  });
});
