// The 风险消除 page's view of the candidates (lib/elimination.ts): conditions in the order of
// DOMAIN.md §8, which are unmet, who may propose and when the button is disabled, the order and
// filter of the list.
import { describe, expect, it } from 'vitest';
import type { EliminationCandidate } from '../api';
import {
  CONDITIONS, candidateCounts, isEligible, orderedConditions, proposeState, shownCandidates, unmetConditions,
} from '../lib/elimination';

function candidate(household: string, unmet: string[] = [], identified = '2026-01-15'): EliminationCandidate {
  return {
    household_id: household, village_code: '630102001001', village_name: '北关社区居民委员会', head_name: `${household}户主`,
    episode: { id: Number(household.replace(/\D/g, '')) || 1, identified_on: identified, type: 'marginal', risks: ['R01', 'R07'] },
    eligible: unmet.length === 0,
    method: unmet.includes('measure_implemented') ? 'natural' : 'by_assistance',
    // The server's order, reversed: the view puts them in the order of §8.
    conditions: [...CONDITIONS].reverse().map((code) => ({ code, met: !unmet.includes(code), why: `why ${code}` })),
    line_year: 2025, line: '7300.00',
  };
}

describe('conditions', () => {
  it('are shown in the order of §8 whatever the order given', () => {
    expect(orderedConditions(candidate('H1')).map((c) => c.code)).toEqual(CONDITIONS);
  });
  it('a code this UI does not know comes last', () => {
    const c = candidate('H1');
    c.conditions.unshift({ code: 'new_condition', met: true, why: '' });
    expect(orderedConditions(c).map((x) => x.code).at(-1)).toBe('new_condition');
  });
  it('the unmet ones keep their reasons', () => {
    const c = candidate('H1', ['income_stable_above_line', 'monitored_long_enough']);
    expect(unmetConditions(c)).toEqual([
      { code: 'monitored_long_enough', met: false, why: 'why monitored_long_enough' },
      { code: 'income_stable_above_line', met: false, why: 'why income_stable_above_line' },
    ]);
  });
  it('a household is eligible only when the server says so and every condition is met', () => {
    expect(isEligible(candidate('H1'))).toBe(true);
    expect(isEligible(candidate('H1', ['measure_implemented']))).toBe(false);
    const contradictory = candidate('H1', ['guarantees_secured']);
    contradictory.eligible = true;
    expect(isEligible(contradictory)).toBe(false);
  });
});

describe('proposeState', () => {
  it('township and county officers may propose an eligible household', () => {
    for (const role of ['township', 'county']) {
      expect(proposeState(role, candidate('H1'))).toEqual({ show: true, enabled: true, hintKey: '', hintParams: {} });
    }
  });
  it('the button is disabled with the number of unmet conditions when not eligible', () => {
    expect(proposeState('township', candidate('H1', ['measure_implemented', 'income_stable_above_line']))).toEqual({
      show: true, enabled: false, hintKey: 'elimination.notEligibleHint', hintParams: { n: 2 },
    });
  });
  it('and while its proposal is being sent', () => {
    expect(proposeState('county', candidate('H1'), true).enabled).toBe(false);
  });
  it('other roles see no button', () => {
    for (const role of ['village', 'prefecture', 'province', 'auditor', 'department', 'admin', '', null]) {
      expect(proposeState(role, candidate('H1')).show).toBe(false);
    }
  });
});

describe('the list', () => {
  const items = [
    candidate('H3', ['measure_implemented'], '2025-12-01'),
    candidate('H2', [], '2026-02-01'),
    candidate('H1', [], '2026-01-15'),
  ];
  it('shows the eligible first, each group by identification date', () => {
    expect(shownCandidates(items, false).map((c) => c.household_id)).toEqual(['H1', 'H2', 'H3']);
  });
  it('or only the eligible', () => {
    expect(shownCandidates(items, true).map((c) => c.household_id)).toEqual(['H1', 'H2']);
  });
  it('leaves the given list as it was', () => {
    shownCandidates(items, false);
    expect(items.map((c) => c.household_id)).toEqual(['H3', 'H2', 'H1']);
  });
  it('counts the households and the eligible ones', () => {
    expect(candidateCounts(items)).toEqual({ total: 3, eligible: 2 });
    expect(candidateCounts([])).toEqual({ total: 0, eligible: 0 });
  });
});
