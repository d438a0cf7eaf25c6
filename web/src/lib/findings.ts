// Cross-check findings (疑点, decision 0006; GET /findings, POST /findings/{id}/resolve): the
// resolution form's checks made as service::ResolveFinding makes them (src/service/findings.cc;
// the server checks again and its message is shown when it still refuses), the body sent, how a
// finding's state and evidence are shown. Messages are i18n keys with their parameters.
import type { Finding, FindingResolveBody } from '../api';
import type { FieldError } from './caseForms';

// The two ways a village or township closes a finding: the data was wrong and has been corrected,
// or the suspicion is real (a case or another procedure follows).
export const RESOLUTIONS = ['corrected', 'confirmed'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const FINDING_STATES = ['open', ...RESOLUTIONS] as const;

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

// The tag colour of a state: open findings wait for someone.
export function stateTagType(state: string): 'danger' | 'success' | 'warning' | 'info' {
  if (state === 'open') return 'danger';
  if (state === 'corrected') return 'success';
  if (state === 'confirmed') return 'warning';
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
