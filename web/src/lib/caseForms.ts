// The forms of the case events (docs/decisions/0005, "Events"; src/cases/workflow.cc): which
// fields each event takes, and their checks, made the same way the server makes them so that a
// clerk hears of a mistake before sending. The server checks again; its 400 message is shown
// when it still refuses. Messages are i18n keys (caseForm.errors.*) with their parameters.

export type FieldKind =
  | 'text'      // one line of text, required
  | 'textarea'  // several lines of text, required
  | 'money'     // yuan, at least 0, at most two decimals
  | 'flag'      // yes (1) or no (0), one must be chosen
  | 'confirm'   // a box that must be ticked (1)
  | 'date'      // YYYY-MM-DD, not after today
  | 'count'     // a whole number within [min, max]
  | 'choice'    // one of `options`
  | 'risks';    // 1 to 5 distinct risk codes

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  options?: string[];
  min?: number;
  max?: number;
  optional?: boolean;
}

export type FormValue = string | string[];
export type FormValues = Record<string, FormValue>;

export interface FieldError { key: string; params?: Record<string, string | number> }

export interface FormContext {
  kind: string;          // identification or elimination
  today: string;         // China's civil date, YYYY-MM-DD
  noticeMinDays: number; // the province's minimum notice (limits.notice_min_days)
}

export const MONEY_FIELDS = [
  'wage_income', 'business_income', 'property_income', 'transfer_income', 'production_costs',
  'rigid_medical', 'rigid_education', 'rigid_other',
];
export const RISK_CODES = ['R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08', 'R09', 'R10', 'R11', 'R12', 'R99'];
export const DECIDED_TYPES = ['unstable_lifted', 'marginal', 'sudden_hardship'];
export const MAX_RISKS = 5;
// A notice of more than a year is a typing error, not a policy (workflow.cc, kMaxNoticeDays).
export const MAX_NOTICE_DAYS = 365;

// The events a user takes through a form, in the order the action bar shows them. join_lead
// comes with a lead (POST /leads) and escalate from the system, so neither is a button.
export const USER_EVENTS = [
  'apply', 'record_home_visit', 'record_comparison', 'record_appraisal', 'raise_objection',
  'uphold_objection', 'dismiss_objection', 'close_notice', 'township_approve', 'county_approve',
  'dismiss', 'reject', 'comment',
];

// The buttons to show for the server's `available` list: the user events it names, in the
// order above (a code this UI does not know is left out rather than offered without a form).
export function actionButtons(available: string[]): string[] {
  return USER_EVENTS.filter((e) => available.includes(e));
}

const reason: FieldSpec[] = [{ name: 'reason', kind: 'textarea' }];

// The fields of `event`, given the values typed so far (record_appraisal asks for a reason
// only when not agreed, and for the notice's length only when agreed).
export function fieldsFor(event: string, ctx: FormContext, values: FormValues = {}): FieldSpec[] {
  switch (event) {
    case 'apply':
      return [{ name: 'authorization_signed', kind: 'confirm' }, { name: 'applicant', kind: 'text' }];
    case 'dismiss':
    case 'reject':
    case 'uphold_objection':
    case 'dismiss_objection':
      return reason;
    case 'record_home_visit':
      return [
        ...MONEY_FIELDS.map((name): FieldSpec => ({ name, kind: 'money' })),
        { name: 'housing_safe', kind: 'flag' },
        { name: 'water_safe', kind: 'flag' },
        { name: 'findings', kind: 'textarea' },
      ];
    case 'record_comparison':
      return [{ name: 'result', kind: 'choice', options: ['consistent', 'inconsistent'] }, { name: 'findings', kind: 'textarea' }];
    case 'record_appraisal': {
      const fields: FieldSpec[] = [
        { name: 'held_on', kind: 'date' },
        { name: 'attendance', kind: 'count', min: 1 },
        { name: 'minutes', kind: 'textarea' },
        { name: 'result', kind: 'choice', options: ['agreed', 'not_agreed'] },
      ];
      if (values.result === 'not_agreed') fields.push({ name: 'reason', kind: 'textarea' });
      if (values.result === 'agreed') {
        fields.push({ name: 'notice_days', kind: 'count', min: ctx.noticeMinDays, max: MAX_NOTICE_DAYS, optional: true });
      }
      return fields;
    }
    case 'raise_objection':
      return [{ name: 'objection', kind: 'textarea' }];
    case 'county_approve':
      if (ctx.kind === 'elimination') return [{ name: 'method', kind: 'choice', options: ['by_assistance', 'natural'] }];
      return [{ name: 'type', kind: 'choice', options: DECIDED_TYPES }, { name: 'risks', kind: 'risks', options: RISK_CODES }];
    case 'comment':
      return [{ name: 'comment', kind: 'textarea' }];
    default:
      return []; // close_notice, township_approve: a confirmation only
  }
}

// The events whose form takes files (the signed authorization, the appraisal's minutes; a
// comment carries attachments too).
export function acceptsAttachments(event: string): boolean {
  return event === 'apply' || event === 'record_appraisal' || event === 'comment';
}

// Initial values: today's date for the appraisal and the minimum notice; the rest empty.
export function initialValues(event: string, ctx: FormContext): FormValues {
  const values: FormValues = {};
  for (const f of fieldsFor(event, ctx, { result: 'agreed' })) values[f.name] = f.kind === 'risks' ? [] : '';
  if (event === 'record_appraisal') {
    values.held_on = ctx.today;
    values.notice_days = String(ctx.noticeMinDays);
  }
  return values;
}

const text = (v: FormValue | undefined): string => (Array.isArray(v) ? v.join(';') : (v ?? '')).trim();
const list = (v: FormValue | undefined): string[] =>
  (Array.isArray(v) ? v : (v ?? '').split(/[;,]/)).map((s) => s.trim()).filter(Boolean);

const MONEY = /^\d{1,13}(\.\d{1,2})?$/;
const COUNT = /^\d{1,9}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// True for YYYY-MM-DD naming a real day of the calendar.
export function isRealDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

// The problem with one field's value, or null.
export function checkField(spec: FieldSpec, value: FormValue | undefined, ctx: FormContext): FieldError | null {
  const v = text(value);
  if (spec.kind === 'risks') {
    const codes = list(value);
    if (codes.length === 0) return { key: 'caseForm.errors.required' };
    const unknown = codes.find((c) => !(spec.options ?? RISK_CODES).includes(c));
    if (unknown) return { key: 'caseForm.errors.riskUnknown', params: { code: unknown } };
    const twice = codes.find((c, i) => codes.indexOf(c) !== i);
    if (twice) return { key: 'caseForm.errors.riskTwice', params: { code: twice } };
    if (codes.length > MAX_RISKS) return { key: 'caseForm.errors.risksCount', params: { max: MAX_RISKS } };
    return null;
  }
  if (v === '') {
    if (spec.optional) return null;
    return { key: spec.kind === 'confirm' ? 'caseForm.errors.mustConfirm' : 'caseForm.errors.required' };
  }
  switch (spec.kind) {
    case 'money':
      return MONEY.test(v) ? null : { key: v.startsWith('-') ? 'caseForm.errors.negative' : 'caseForm.errors.money' };
    case 'flag':
      return v === '1' || v === '0' ? null : { key: 'caseForm.errors.flag' };
    case 'confirm':
      return v === '1' ? null : { key: 'caseForm.errors.mustConfirm' };
    case 'date':
      if (!isRealDate(v)) return { key: 'caseForm.errors.date' };
      return v > ctx.today ? { key: 'caseForm.errors.future', params: { today: ctx.today } } : null;
    case 'count': {
      const min = spec.min ?? 0;
      const max = spec.max ?? 999_999_999;
      if (!COUNT.test(v) || Number(v) < min || Number(v) > max) {
        return spec.max === undefined
          ? { key: 'caseForm.errors.atLeast', params: { min } }
          : { key: 'caseForm.errors.between', params: { min, max } };
      }
      return null;
    }
    case 'choice':
      return (spec.options ?? []).includes(v) ? null : { key: 'caseForm.errors.choice' };
    default:
      return null;
  }
}

// Every problem of the form, by field name; empty when it may be sent.
export function validate(event: string, values: FormValues, ctx: FormContext): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  for (const spec of fieldsFor(event, ctx, values)) {
    const e = checkField(spec, values[spec.name], ctx);
    if (e) errors[spec.name] = e;
  }
  return errors;
}

// The fields to send (strings, as the table's `needs` say): the fields of the form as it stands,
// trimmed; risks joined with ';'; an optional field left empty is left out. The comment event's
// text goes in the event's comment, not in its fields.
export function toFields(event: string, values: FormValues, ctx: FormContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of fieldsFor(event, ctx, values)) {
    if (event === 'comment' && spec.name === 'comment') continue;
    const v = spec.kind === 'risks' ? list(values[spec.name]).join(';') : text(values[spec.name]);
    if (v === '' && spec.optional) continue;
    out[spec.name] = v;
  }
  return out;
}

// Files the server takes (decision 0005: PDF, JPEG, PNG, DOCX, XLSX; at most 20 MiB).
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const ATTACHMENT_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'docx', 'xlsx'];
export const ATTACHMENT_ACCEPT = ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(',');

export function checkAttachment(file: { name: string; size: number }): FieldError | null {
  const ext = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (!ATTACHMENT_EXTENSIONS.includes(ext)) return { key: 'caseForm.errors.fileType', params: { name: file.name } };
  if (file.size > MAX_ATTACHMENT_BYTES) return { key: 'caseForm.errors.fileSize', params: { name: file.name, max: 20 } };
  if (file.size === 0) return { key: 'caseForm.errors.fileEmpty', params: { name: file.name } };
  return null;
}

// China's civil date (UTC+8 all year, no daylight saving) of an instant, YYYY-MM-DD: the date the
// server checks held_on against, whatever the browser's time zone.
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
