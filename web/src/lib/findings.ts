// Findings (疑点与问题): the cross-checks' data findings Q… (decision 0006; GET /findings, POST
// /findings/{id}/resolve) and the plans' coordination findings C01–C11 (decision 0008; POST
// /findings/{id}/justify). The resolution and justification forms' checks made as
// service::ResolveFinding and JustifyFinding make them (src/service/findings.cc; the server
// checks again and its message is shown when it still refuses), the bodies sent, who may do what
// to which finding, how a finding's kind, state and evidence are shown. Messages are i18n keys
// with their parameters.
import type { Finding, FindingResolveBody } from '../api';
import type { FieldError } from './caseForms';
import { can } from './roles';

// The two ways a village or township closes a finding: the data was wrong and has been corrected,
// or the suspicion is real (a case or another procedure follows).
export const RESOLUTIONS = ['corrected', 'confirmed'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
// Every state a finding may be in: open, resolved by the village (corrected, confirmed), or — a
// coordination finding only — justified by the county.
export const FINDING_STATES = ['open', ...RESOLUTIONS, 'justified'] as const;

// The two kinds of finding, as GET /findings?kind= takes them: 数据比对 (the data cross-checks,
// ids Q…) and 计划衔接 (the plans' coordination checks, ids C…).
export const FINDING_KINDS = ['data', 'coordination'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

// The kind of a check id: the coordination checks are C01–C11, every data check starts with Q
// (src/service/findings.cc, IsCoordination).
export function findingKind(check: string): FindingKind {
  return /^C\d/.test(check) ? 'coordination' : 'data';
}

// The kind filter of a findings list: '' (both) or a kind; anything else is both (a stale
// query string must not send a value the server refuses).
export function kindFilter(value: unknown): FindingKind | '' {
  return (FINDING_KINDS as readonly unknown[]).includes(value) ? (value as FindingKind) : '';
}

// Whether `role` is offered 处理 (resolve) on a finding: open data findings, by the village and
// township. A coordination finding closes by itself when the plan is fixed.
export function mayResolve(role: string | null | undefined, f: Pick<Finding, 'check' | 'state'>): boolean {
  return f.state === 'open' && findingKind(f.check) === 'data' && can(role, 'finding.resolve');
}

// Whether `role` is offered 说明理由 (justify) on a finding: open coordination findings, by the
// county (plan.justify).
export function mayJustify(role: string | null | undefined, f: Pick<Finding, 'check' | 'state'>): boolean {
  return f.state === 'open' && findingKind(f.check) === 'coordination' && can(role, 'plan.justify');
}

// service/findings.cc, kMaxNoteCharacters.
export const MAX_NOTE_CHARACTERS = 500;

export interface ResolveValues { state: Resolution | ''; note: string }

export function emptyResolution(): ResolveValues {
  return { state: '', note: '' };
}

// Characters as the service counts them (code points, not UTF-16 units).
const characters = (text: string) => [...text].length;

// Every problem of the form by field name; empty when it may be sent.
export function validateResolution(v: ResolveValues): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  if (!(RESOLUTIONS as readonly string[]).includes(v.state)) errors.state = { key: 'caseForm.errors.choice' };
  const note = v.note.trim();
  if (!note) errors.note = { key: 'findings.errors.note' };
  else if (characters(note) > MAX_NOTE_CHARACTERS) {
    errors.note = { key: 'findings.errors.noteLong', params: { n: characters(note), max: MAX_NOTE_CHARACTERS } };
  }
  return errors;
}

export function toResolveBody(v: ResolveValues): FindingResolveBody {
  return { state: v.state, note: v.note.trim() };
}

// A finding as a list or a plan shows it, enough to justify it: its id, check, titles and detail.
export interface JustifyTarget { id: number; check: string; title_zh: string; title_en: string; detail: string }

// The county's justification of a coordination finding: a note, as a resolution's (the service
// checks both with CheckNote). Empty when it may be sent.
export function validateJustification(note: string): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  const text = note.trim();
  if (!text) errors.note = { key: 'findings.errors.justifyNote' };
  else if (characters(text) > MAX_NOTE_CHARACTERS) {
    errors.note = { key: 'findings.errors.noteLong', params: { n: characters(text), max: MAX_NOTE_CHARACTERS } };
  }
  return errors;
}

// The tag colour of a state: open findings wait for someone; a justified one is accepted as it is.
export function stateTagType(state: string): 'danger' | 'success' | 'warning' | 'primary' | 'info' {
  if (state === 'open') return 'danger';
  if (state === 'corrected') return 'success';
  if (state === 'confirmed') return 'warning';
  if (state === 'justified') return 'primary';
  return 'info';
}

// Where a finding's evidence is: a department upload's row, or the registry itself.
export type Evidence =
  | { kind: 'upload'; source: string; uploadId: number; row: number }
  | { kind: 'registry' };
export function evidenceOf(f: Pick<Finding, 'source' | 'upload_id' | 'row'>): Evidence {
  if (f.upload_id && f.source) return { kind: 'upload', source: f.source, uploadId: f.upload_id, row: f.row ?? 0 };
  return { kind: 'registry' };
}

// The title of a check in the UI's language, falling back to the other and then to the id.
export function checkTitle(f: Pick<Finding, 'check' | 'title_zh' | 'title_en'>, locale: string): string {
  const first = locale.startsWith('zh') ? f.title_zh : f.title_en;
  const second = locale.startsWith('zh') ? f.title_en : f.title_zh;
  return first || second || f.check;
}
