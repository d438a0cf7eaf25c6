// Labels of the exchange format's codes (household status, relation, proposed types, risks,
// rule ids, ...) from the locale messages under `codes.<group>.<code>`; unknown codes stay raw.

export type CodeGroup =
  | 'status' | 'relation' | 'sex' | 'labor' | 'health' | 'school_stage' | 'type' | 'risk'
  | 'rule' | 'level' | 'role' | 'job_state' | 'phase' | 'change' | 'field' | 'action'
  | 'case_state' | 'case_event' | 'case_kind' | 'channel' | 'case_result' | 'method' | 'case_field'
  | 'measure_category' | 'measure_status' | 'elimination_condition' | 'quality_problem' | 'visit_reason'
  | 'frequency' | 'source_health' | 'source_key' | 'column_type' | 'plan_state';

type Messages = Record<string, unknown>;

// The label of `code` in `group` from one locale's messages, or the code itself when the
// locale has none. null/undefined/"" give "—".
export function codeLabelFrom(messages: Messages, group: CodeGroup, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  const codes = messages.codes as Record<string, Record<string, unknown>> | undefined;
  const label = codes?.[group]?.[code];
  return typeof label === 'string' ? label : code;
}

export type Outcome = 'fired' | 'not_fired' | 'unknown';

// The outcome of a rule in an explanation: the API gives "true", "false" or "unknown" (a value
// the rule needs is missing); booleans are accepted too. Anything else is "unknown".
export function ruleOutcome(result: unknown): Outcome {
  if (result === true || result === 'true' || result === 'fired') return 'fired';
  if (result === false || result === 'false' || result === 'not_fired') return 'not_fired';
  return 'unknown';
}
