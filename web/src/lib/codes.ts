// Labels of the exchange format's codes (household status, relation, proposed types, risks,
// rule ids, ...) from the locale messages under `codes.<group>.<code>`; unknown codes stay raw.

export type CodeGroup =
  | 'status' | 'relation' | 'sex' | 'labor' | 'health' | 'school_stage' | 'type' | 'risk'
  | 'rule' | 'level' | 'role' | 'job_state' | 'change' | 'field' | 'action';

type Messages = Record<string, unknown>;

// The label of `code` in `group` from one locale's messages, or the code itself when the
// locale has none. null/undefined/"" give "—".
export function codeLabelFrom(messages: Messages, group: CodeGroup, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  const codes = messages.codes as Record<string, Record<string, unknown>> | undefined;
  const label = codes?.[group]?.[code];
  return typeof label === 'string' ? label : code;
}

// Whether the proposed rule result means "fired": the API gives a boolean, but strings such as
// "fired"/"true" are accepted too.
export function isFired(result: unknown): boolean {
  if (result === true || result === 1) return true;
  if (typeof result === 'string') return ['fired', 'true', 'yes', '1'].includes(result.toLowerCase());
  return false;
}
