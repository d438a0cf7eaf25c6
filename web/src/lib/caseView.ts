// Pure helpers of the case pages: risk lists in either shape the API gives, attachment
// references, escalation, and the household's monitoring episodes read off its cases.
import type { CaseDue, CaseItem, EventAttachment } from '../api';
import { chinaToday } from './caseForms';

// "R01;R09", "R01,R09" or ["R01","R09"] -> ["R01","R09"]; empty -> [].
export function riskList(value: string[] | string | null | undefined): string[] {
  if (!value) return [];
  const items = Array.isArray(value) ? value : value.split(/[;,]/);
  return items.map((s) => s.trim()).filter(Boolean);
}

// An event's attachment: the server may list ids or descriptions.
export function attachmentRef(a: EventAttachment): { id: string; name: string } {
  if (typeof a === 'number' || typeof a === 'string') return { id: String(a), name: '' };
  return { id: String(a.id ?? ''), name: a.filename ?? '' };
}

// Overdue cases escalate to a level above the step's owner (decision 0005, "Deadlines").
export function isEscalated(due: CaseDue | null | undefined): boolean {
  return !!due && due.overdue_days > 0 && !!due.escalated_to && due.escalated_to !== due.owner;
}

export interface EpisodeView {
  id: number;
  type: string;
  risks: string[];
  identified_on: string;
  identification_case: number;
  eliminated_on: string;
  method: string;
  elimination_case: number;
}

// The civil date in China of a UTC ISO time; "" for none.
export function chinaDateOf(at: string | null | undefined): string {
  if (!at) return '';
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at.slice(0, 10) : chinaToday(d);
}

// The monitoring episodes of a household from its cases: an identification approved by the
// county opened one (type, risks, the day); an elimination approved closed it (method, day).
export function episodesFromCases(cases: CaseItem[]): EpisodeView[] {
  const byId = new Map<number, EpisodeView>();
  const get = (id: number): EpisodeView => {
    let e = byId.get(id);
    if (!e) {
      e = { id, type: '', risks: [], identified_on: '', identification_case: 0, eliminated_on: '', method: '', elimination_case: 0 };
      byId.set(id, e);
    }
    return e;
  };
  for (const c of cases) {
    if (!c.episode_id) continue;
    if (c.kind === 'identification' && c.state === 'monitored') {
      const e = get(c.episode_id);
      e.type = c.decided_type;
      e.risks = riskList(c.decided_risks);
      e.identified_on = chinaDateOf(c.closed_at);
      e.identification_case = c.id;
    } else if (c.kind === 'elimination' && c.state === 'eliminated') {
      const e = get(c.episode_id);
      e.method = c.method;
      e.eliminated_on = chinaDateOf(c.closed_at);
      e.elimination_case = c.id;
    }
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
