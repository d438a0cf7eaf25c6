// The 风险消除 page's view of the candidates (GET /elimination/candidates; DOMAIN.md §8): the
// conditions in the order of §8, which are unmet, whether the user may propose a household and
// why not, and the list's filter and counts.
import type { EliminationCandidate, EliminationCondition } from '../api';
import { can } from './roles';

// The conditions of §8 in its order (src/cases/elimination.h).
export const CONDITIONS = [
  'monitored_long_enough', 'measure_implemented', 'income_stable_above_line', 'rigid_spending_resolved',
  'guarantees_secured', 'not_safety_net_dependent',
];

// The candidate's conditions in the order of §8; a code this UI does not know comes last.
export function orderedConditions(c: EliminationCandidate): EliminationCondition[] {
  const rank = (code: string) => (CONDITIONS.includes(code) ? CONDITIONS.indexOf(code) : CONDITIONS.length);
  return [...(c.conditions ?? [])].sort((a, b) => rank(a.code) - rank(b.code));
}

export function unmetConditions(c: EliminationCandidate): EliminationCondition[] {
  return orderedConditions(c).filter((cond) => !cond.met);
}

// Eligible only when the server says so and no condition it lists is unmet.
export function isEligible(c: EliminationCandidate): boolean {
  return c.eligible && unmetConditions(c).length === 0;
}

export interface ProposeState {
  show: boolean;     // the role may propose at all (township and county officers)
  enabled: boolean;  // and this household now
  hintKey: string;   // the tooltip when disabled ("" when enabled or hidden)
  hintParams: Record<string, number>;
}

// The "propose elimination" button of a candidate for `role`: hidden for the roles that do not
// propose, disabled (with the number of unmet conditions) for a household not eligible, or
// while a proposal of it is being sent.
export function proposeState(role: string | null | undefined, c: EliminationCandidate, sending = false): ProposeState {
  if (!can(role, 'elimination.propose')) return { show: false, enabled: false, hintKey: '', hintParams: {} };
  if (!isEligible(c)) {
    return { show: true, enabled: false, hintKey: 'elimination.notEligibleHint', hintParams: { n: unmetConditions(c).length } };
  }
  return { show: true, enabled: !sending, hintKey: '', hintParams: {} };
}

// The candidates shown: the eligible first (then by identification date, household), or only
// the eligible ones.
export function shownCandidates(items: EliminationCandidate[], eligibleOnly: boolean): EliminationCandidate[] {
  return items
    .filter((c) => !eligibleOnly || isEligible(c))
    .sort((a, b) => Number(isEligible(b)) - Number(isEligible(a)) ||
      a.episode.identified_on.localeCompare(b.episode.identified_on) || a.household_id.localeCompare(b.household_id));
}

export function candidateCounts(items: EliminationCandidate[]): { total: number; eligible: number } {
  return { total: items.length, eligible: items.filter(isEligible).length };
}
