// Labels of the API's codes (household status, relation, proposed types, risks, rule ids, case
// states, ...) in the locale messages under `codes.<group>.<code>`; unknown codes stay raw. The
// labels live in config/code_labels.json, one file for both languages that the server's
// workbooks read too (decision 0009); each locale takes its language's labels from it.
import codeLabels from '../../../config/code_labels.json';
import type { Locale } from '../i18n';

// The groups of config/code_labels.json ("risk", "case_state", ...).
export type CodeGroup = keyof typeof codeLabels;

// Every code's label in `locale`: the `codes` messages of that locale.
export function codeMessages(locale: Locale): Record<CodeGroup, Record<string, string>> {
  const byGroup = codeLabels as Record<CodeGroup, Record<string, Record<Locale, string>>>;
  return Object.fromEntries(Object.entries(byGroup).map(([group, codes]) =>
    [group, Object.fromEntries(Object.entries(codes).map(([code, labels]) => [code, labels[locale]]))],
  )) as Record<CodeGroup, Record<string, string>>;
}

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
