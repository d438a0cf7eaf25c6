// The lead form's checks (lib/leadForm.ts) against what service::AddLead refuses
// (src/service/cases.cc), the body it sends, and what the page says became of the lead.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import zhCN from '../locales/zh-CN';
import en from '../locales/en';
import { codeLabelFrom } from '../lib/codes';
import {
  LEAD_CHANNELS, VISIT_REASONS, emptyLead, expectedOutcome, needsVisitReason, outcomeMessageKey,
  toLeadBody, validateLead, visitReasonOf, type LeadValues,
} from '../lib/leadForm';

const keys = (v: LeadValues) => Object.fromEntries(Object.entries(validateLead(v)).map(([k, e]) => [k, e.key]));
const visit = (over: Partial<LeadValues> = {}): LeadValues =>
  ({ channel: 'cadre_visit', visit_reason: 'serious_illness', note: '户主患尿毒症，每周透析', ...over });

describe('the channels and the eight kinds of household to visit', () => {
  it('are the two an officer enters and the eight codes the service knows (八必访)', () => {
    expect([...LEAD_CHANNELS].sort()).toEqual(['cadre_visit', 'self_application']);
    // service/cases.cc, kVisitReasons, in its order.
    const cc = readFileSync(fileURLToPath(new URL('../../../src/service/cases.cc', import.meta.url)), 'utf8');
    const table = /kVisitReasons\[\] = \{([^}]*)\}/.exec(cc)?.[1] ?? '';
    expect([...table.matchAll(/"([a-z_]+)"/g)].map((m) => m[1])).toEqual([...VISIT_REASONS]);
  });
  it('each has a label of its own in both languages', () => {
    for (const messages of [zhCN, en]) {
      const labels = VISIT_REASONS.map((r) => codeLabelFrom(messages, 'visit_reason', r));
      labels.forEach((label, i) => expect(label).not.toBe(VISIT_REASONS[i]));
      expect(new Set(labels).size).toBe(VISIT_REASONS.length);
    }
    expect(codeLabelFrom(zhCN, 'visit_reason', 'serious_illness')).toContain('大病重病');
    expect(codeLabelFrom(zhCN, 'visit_reason', 'minimum_allowance')).toContain('低保');
    expect(codeLabelFrom(zhCN, 'visit_reason', 'extreme_poverty')).toContain('特困');
  });
});

describe('validateLead', () => {
  it('a new form lacks its channel', () => {
    expect(emptyLead()).toEqual({ channel: '', visit_reason: '', note: '' });
    expect(keys(emptyLead())).toEqual({ channel: 'caseForm.errors.choice' });
  });
  it('accepts a cadre visit with its reason, with or without a note', () => {
    expect(keys(visit())).toEqual({});
    expect(keys(visit({ note: '' }))).toEqual({});
  });
  it('wants a cadre visit to name one of the eight kinds', () => {
    expect(keys(visit({ visit_reason: '' }))).toEqual({ visit_reason: 'leadForm.errors.visitReason' });
    expect(keys(visit({ visit_reason: 'poverty' }))).toEqual({ visit_reason: 'leadForm.errors.visitReason' });
    for (const r of VISIT_REASONS) expect(keys(visit({ visit_reason: r }))).toEqual({});
  });
  it('asks a self-application for neither a reason nor a note, as the service does', () => {
    expect(needsVisitReason('self_application')).toBe(false);
    expect(keys({ channel: 'self_application', visit_reason: '', note: '' })).toEqual({});
    // A reason chosen before switching the channel is no error either: it is not sent.
    expect(keys({ channel: 'self_application', visit_reason: 'bogus', note: '' })).toEqual({});
  });
  it('refuses the channel the system takes and unknown ones', () => {
    expect(keys(visit({ channel: 'department_warning' as LeadValues['channel'] })).channel).toBe('caseForm.errors.choice');
    expect(keys(visit({ channel: 'hotline' as LeadValues['channel'] })).channel).toBe('caseForm.errors.choice');
  });
});

describe('toLeadBody', () => {
  it('sends the cadre visit with its reason and the note trimmed', () => {
    expect(toLeadBody('630102001001-0007', visit({ note: '  户主住院  \n' }))).toEqual({
      household_id: '630102001001-0007', channel: 'cadre_visit', note: '户主住院', visit_reason: 'serious_illness',
    });
  });
  it('sends a self-application without a reason, even one chosen before', () => {
    expect(toLeadBody('630102001001-0007', { channel: 'self_application', visit_reason: 'mishap', note: '' })).toEqual({
      household_id: '630102001001-0007', channel: 'self_application', note: '',
    });
  });
});

describe('what became of the lead', () => {
  it('each outcome has its message in both languages, naming the case', () => {
    for (const outcome of ['opened', 'joined', 'episode'] as const) {
      const key = outcomeMessageKey(outcome).split('.');
      for (const messages of [zhCN, en]) {
        const text = key.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages);
        expect(typeof text).toBe('string');
        if (outcome !== 'episode') expect(text).toContain('{id}');
      }
    }
  });
});

describe('expectedOutcome: what the dialog says before sending', () => {
  const c = (id: number, kind: string, state: string, episode_id = 0, closed = true) =>
    ({ id, kind, state, episode_id, closed_at: closed ? '2026-01-01T00:00:00Z' : null });
  it('a household without cases gets a new case', () => {
    expect(expectedOutcome([])).toEqual({ outcome: 'opened', caseId: 0 });
    expect(expectedOutcome([c(3, 'identification', 'dismissed')])).toEqual({ outcome: 'opened', caseId: 0 });
  });
  it('an open case takes the lead', () => {
    expect(expectedOutcome([c(3, 'identification', 'dismissed'), c(7, 'identification', 'home_visit', 0, false)]))
      .toEqual({ outcome: 'joined', caseId: 7 });
    // An open elimination case too.
    expect(expectedOutcome([c(3, 'identification', 'monitored', 1), c(8, 'elimination', 'home_visit', 1, false)]))
      .toEqual({ outcome: 'joined', caseId: 8 });
  });
  it('a monitoring object without an open case: on its episode; once eliminated: a new case', () => {
    expect(expectedOutcome([c(3, 'identification', 'monitored', 1)])).toEqual({ outcome: 'episode', caseId: 0 });
    expect(expectedOutcome([c(3, 'identification', 'monitored', 1), c(5, 'elimination', 'eliminated', 1)]))
      .toEqual({ outcome: 'opened', caseId: 0 });
    expect(expectedOutcome([c(3, 'identification', 'monitored', 1), c(5, 'elimination', 'rejected', 1)]))
      .toEqual({ outcome: 'episode', caseId: 0 });
  });
});

describe('visitReasonOf', () => {
  it("gives a cadre visit's reason and nothing for the other channels", () => {
    expect(visitReasonOf({ channel: 'cadre_visit', visit_reason: 'mishap' })).toBe('mishap');
    expect(visitReasonOf({ channel: 'cadre_visit', visit_reason: '' })).toBe('');
    expect(visitReasonOf({ channel: 'cadre_visit' })).toBe('');
    expect(visitReasonOf({ channel: 'self_application', visit_reason: 'mishap' })).toBe('');
    expect(visitReasonOf({ channel: 'department_warning', visit_reason: '' })).toBe('');
  });
});
