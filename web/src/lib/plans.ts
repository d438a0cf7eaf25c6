// Assistance plans (帮扶计划, decision 0008 "Plans, responsible persons and visits as built";
// service/assist.h): a plan's states and what may be done in each, how its coordination checks
// show, and the form of a plan's measure — a catalogue item of a category, checked as
// service::RecordPlanMeasure and ApplyCatalogItem check it (the server checks again; its message
// is shown when it still refuses). Messages are i18n keys with their parameters.
import type { CatalogCategory, CatalogItem, PlanCheck, PlanMeasureBody } from '../api';
import type { FieldError } from './caseForms';
import { emptyMeasure, toMeasureBody, validateMeasure, type MeasureValues } from './measureForm';

// draft → active → complete; closed when the episode ends (assist::PlanState).
export const PLAN_STATES = ['draft', 'active', 'complete', 'closed'] as const;
export type PlanStateCode = (typeof PLAN_STATES)[number];

export function planStateTagType(state: string): 'info' | 'primary' | 'success' | 'warning' {
  if (state === 'active') return 'primary';
  if (state === 'complete') return 'success';
  if (state === 'closed') return 'warning';
  return 'info';
}

// What the plan's state allows (service::RecordPlanMeasure, ActivatePlan, CompletePlan): measures
// are added to a draft or active plan, a draft is activated, an active plan is completed.
export const takesMeasures = (state: string): boolean => state === 'draft' || state === 'active';
export const mayActivate = (state: string): boolean => state === 'draft';
export const mayComplete = (state: string): boolean => state === 'active';

// The checks beside a plan: the open ones first (what must still be done), then the justified
// ones, each group by check id.
export function sortChecks<T extends Pick<PlanCheck, 'check' | 'state'>>(checks: T[]): T[] {
  const rank = (c: T) => (c.state === 'open' ? 0 : 1);
  return [...checks].sort((a, b) => rank(a) - rank(b) || a.check.localeCompare(b.check));
}
export const openChecks = <T extends Pick<PlanCheck, 'state'>>(checks: T[]): T[] =>
  checks.filter((c) => c.state === 'open');

// A catalogue's name (category or item) in the UI's language, falling back to the other.
export function catalogName(entry: { name_zh: string; name_en: string; code: string }, locale: string): string {
  const first = locale.startsWith('zh') ? entry.name_zh : entry.name_en;
  const second = locale.startsWith('zh') ? entry.name_en : entry.name_zh;
  return first || second || entry.code;
}

// The items of `category` in the catalogue ([] for a category it does not have).
export function itemsOf(catalog: CatalogCategory[], category: string): CatalogItem[] {
  return catalog.find((c) => c.code === category)?.items ?? [];
}

// The catalogue's categories that have items: those a plan's measure may be of.
export function usableCategories(catalog: CatalogCategory[]): CatalogCategory[] {
  return catalog.filter((c) => c.items.length > 0);
}

export interface PlanMeasureValues extends Omit<MeasureValues, 'item'> {
  item_code: string; // the catalogue item; its Chinese name becomes the measure's item
}

// A new measure of a plan: starting today, planned (a plan is drawn up before it runs).
export function emptyPlanMeasure(today: string): PlanMeasureValues {
  const m = emptyMeasure(today);
  return {
    category: '', item_code: '', department: '', start: m.start, end: m.end, amount: '', status: 'planned', risks: [],
    member_id_number: '',
  };
}

// The form after choosing a category: the item is chosen again (an item belongs to one category).
export function withCategory(v: PlanMeasureValues, category: string): PlanMeasureValues {
  return { ...v, category, item_code: '', department: '' };
}

// The form after choosing an item: its department prefilled (the officer may change it).
export function withItem(v: PlanMeasureValues, catalog: CatalogCategory[], code: string): PlanMeasureValues {
  const item = itemsOf(catalog, v.category).find((i) => i.code === code);
  return { ...v, item_code: code, department: item ? item.department : v.department };
}

// Every problem of the form by field name; empty when it may be sent. The fields the household's
// measure form has are checked as it checks them (validateMeasure); the item is a catalogue item
// of the chosen category. `members` are the ID numbers a member may be chosen from.
export function validatePlanMeasure(
  v: PlanMeasureValues, catalog: CatalogCategory[], members: string[],
): Record<string, FieldError> {
  // The item's name comes from the catalogue: the shared check of a typed item does not apply.
  const errors = validateMeasure({ ...v, item: '-' }, members);
  if (!errors.category && !catalog.some((c) => c.code === v.category)) {
    errors.category = { key: 'planForm.errors.categoryNotInCatalog' };
  }
  if (v.item_code === '') errors.item_code = { key: 'caseForm.errors.required' };
  else if (!errors.category && !itemsOf(catalog, v.category).some((i) => i.code === v.item_code)) {
    errors.item_code = { key: 'planForm.errors.itemNotInCategory', params: { code: v.item_code } };
  }
  return errors;
}

// The body to send: the household measure's body with the item code, and no item text (the
// server names the measure after the catalogue item).
export function toPlanMeasureBody(v: PlanMeasureValues): PlanMeasureBody {
  const body: PlanMeasureBody = { ...toMeasureBody({ ...v, item: '' }), item_code: v.item_code };
  delete body.item;
  return body;
}

// The action of a check in the UI's language ('' when the checks list has none for it).
export function checkAction(
  actions: Map<string, { action_zh?: string; action_en?: string }>, check: string, locale: string,
): string {
  const a = actions.get(check);
  if (!a) return '';
  const first = locale.startsWith('zh') ? a.action_zh : a.action_en;
  const second = locale.startsWith('zh') ? a.action_en : a.action_zh;
  return first || second || '';
}
