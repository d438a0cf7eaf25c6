// Helpers of the case pages: risk lists, attachment references, escalation, episodes.
import { describe, expect, it } from 'vitest';
import type { CaseItem } from '../api';
import { attachmentRef, episodesFromCases, isEscalated, riskList } from '../lib/caseView';

function kase(over: Partial<CaseItem>): CaseItem {
  return {
    id: 1, kind: 'identification', household_id: 'H1', village_code: '630121100200', village_name: 'V', head_name: 'N',
    state: 'lead', channel: 'department_warning', relapse: false, opened_at: '', updated_at: '', closed_at: '', version: 1,
    proposed_type: '', proposed_risks: [], decided_type: '', decided_risks: [], method: '', reason: '', notice_start: '',
    notice_end: '', open_objections: 0, episode_id: 0, due: null, ...over,
  };
}

describe('riskList', () => {
  it('reads both shapes', () => {
    expect(riskList('R01;R09')).toEqual(['R01', 'R09']);
    expect(riskList('R01, R09')).toEqual(['R01', 'R09']);
    expect(riskList(['R02'])).toEqual(['R02']);
    expect(riskList('')).toEqual([]);
    expect(riskList(null)).toEqual([]);
  });
});

describe('attachmentRef', () => {
  it('takes an id or a description', () => {
    expect(attachmentRef(7)).toEqual({ id: '7', name: '' });
    expect(attachmentRef({ id: 8, filename: 'form.pdf' })).toEqual({ id: '8', name: 'form.pdf' });
  });
});

describe('isEscalated', () => {
  const due = { due: '', step_due: '', overall_due: null, paused: false, overdue_days: 4, owner: 'village', escalated_to: 'township' };
  it('is true for an overdue case sent above its owner', () => {
    expect(isEscalated(due)).toBe(true);
    expect(isEscalated({ ...due, overdue_days: 0, escalated_to: 'village' })).toBe(false);
    expect(isEscalated(null)).toBe(false);
  });
});

describe('episodesFromCases', () => {
  it('joins the identification that opened an episode and the elimination that closed it', () => {
    const cases = [
      kase({ id: 3, kind: 'elimination', state: 'eliminated', episode_id: 11, method: 'by_assistance', closed_at: '2027-03-01T17:00:00Z' }),
      kase({ id: 1, state: 'monitored', episode_id: 11, decided_type: 'marginal', decided_risks: 'R01;R09', closed_at: '2026-12-07T02:00:00Z' }),
      kase({ id: 5, state: 'monitored', episode_id: 12, decided_type: 'sudden_hardship', decided_risks: ['R04'], closed_at: '2027-05-01T01:00:00Z' }),
      kase({ id: 6, state: 'rejected' }),
      kase({ id: 7, state: 'county_approval' }),
    ];
    expect(episodesFromCases(cases)).toEqual([
      { id: 11, type: 'marginal', risks: ['R01', 'R09'], identified_on: '2026-12-07', identification_case: 1,
        eliminated_on: '2027-03-02', method: 'by_assistance', elimination_case: 3 },
      { id: 12, type: 'sudden_hardship', risks: ['R04'], identified_on: '2027-05-01', identification_case: 5,
        eliminated_on: '', method: '', elimination_case: 0 },
    ]);
  });
});
