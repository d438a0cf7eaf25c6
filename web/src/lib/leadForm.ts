// The form of an officer's lead (DOMAIN.md §5.1 channels; POST /leads): its choices, its checks
// made as service::AddLead makes them (src/service/cases.cc; the server checks again and its
// message is shown when it still refuses), the body sent, and what became of the lead. Messages
// are i18n keys with their parameters, as in caseForms.ts.
import type { CaseItem, LeadBody } from '../api';
import type { FieldError } from './caseForms';

// The channels an officer enters: a household's application received by the officer (农户自主申报)
// and a cadre's visit (基层干部排查). department_warning leads are taken by the system from runs.
export const LEAD_CHANNELS = ['cadre_visit', 'self_application'] as const;
export type LeadChannel = (typeof LEAD_CHANNELS)[number];

// The eight kinds of household a cadre must visit (八必访), as the server codes them
// (service::IsVisitReason), in DOMAIN.md §5.1's order.
export const VISIT_REASONS = [
  'low_income', 'serious_illness', 'extreme_poverty', 'minimum_allowance', 'disability', 'many_children',
  'unstable_work', 'mishap',
] as const;

export interface LeadValues {
  channel: LeadChannel | '';
  visit_reason: string; // one of VISIT_REASONS for a cadre visit; ignored for a self-application
  note: string;         // optional for both channels, as the service has it
}

// A new lead: no channel chosen yet (the officer says which it is).
export function emptyLead(): LeadValues {
  return { channel: '', visit_reason: '', note: '' };
}

// A cadre visit names its reason; a self-application has none.
export function needsVisitReason(channel: string): boolean {
  return channel === 'cadre_visit';
}

// Every problem of the form by field name; empty when it may be sent. The note is free: the
// service requires none, for either channel.
export function validateLead(v: LeadValues): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  if (!(LEAD_CHANNELS as readonly string[]).includes(v.channel)) errors.channel = { key: 'caseForm.errors.choice' };
  if (needsVisitReason(v.channel) && !(VISIT_REASONS as readonly string[]).includes(v.visit_reason)) {
    errors.visit_reason = { key: 'leadForm.errors.visitReason' };
  }
  return errors;
}

// The body of POST /leads: the note trimmed; the visit reason only for a cadre visit (the
// service ignores it for a self-application, so it is not sent at all).
export function toLeadBody(householdId: string, v: LeadValues): LeadBody {
  const body: LeadBody = { household_id: householdId, channel: v.channel, note: v.note.trim() };
  if (needsVisitReason(v.channel)) body.visit_reason = v.visit_reason;
  return body;
}

// What became of a lead (cases::TakeLead), as POST /leads answers: a new case in `lead`, joined to
// the household's open case, or recorded on its open monitoring episode (case_id 0).
export type LeadOutcome = 'opened' | 'joined' | 'episode';

// What the lead will become, said in the dialog before it is sent: joined to the open case, on
// the open monitoring episode, or a new case. An identification approved by the county opened
// an episode; an elimination approved closed it.
export interface LeadExpectation { outcome: LeadOutcome; caseId: number }
export function expectedOutcome(
  cases: Pick<CaseItem, 'id' | 'kind' | 'state' | 'closed_at' | 'episode_id'>[],
): LeadExpectation {
  const open = cases.find((c) => !c.closed_at);
  if (open) return { outcome: 'joined', caseId: open.id };
  const opened = new Set<number>();
  const closed = new Set<number>();
  for (const c of cases) {
    if (!c.episode_id) continue;
    if (c.kind === 'identification' && c.state === 'monitored') opened.add(c.episode_id);
    if (c.kind === 'elimination' && c.state === 'eliminated') closed.add(c.episode_id);
  }
  return [...opened].some((e) => !closed.has(e)) ? { outcome: 'episode', caseId: 0 } : { outcome: 'opened', caseId: 0 };
}

// The i18n key of the message after the lead was recorded.
export function outcomeMessageKey(outcome: LeadOutcome): string {
  return `leadForm.recorded.${outcome}`;
}

// The visit reason a lead of the case file shows: a cadre visit's (八必访), "" for other channels
// and for cadre visits recorded before leads carried one (commit 5057f72).
export function visitReasonOf(lead: { channel: string; visit_reason?: string | null }): string {
  return lead.channel === 'cadre_visit' ? (lead.visit_reason ?? '') : '';
}
