// Code labels come from config/code_labels.json through the locale files (DOMAIN.md's Chinese
// terms); unknown codes stay raw.
import { describe, expect, it } from 'vitest';
import codeLabels from '../../../config/code_labels.json';
import zhCN from '../locales/zh-CN';
import en from '../locales/en';
import { codeLabelFrom, codeMessages, ruleOutcome } from '../lib/codes';

describe('codeMessages', () => {
  it('gives each locale every code of config/code_labels.json in its language', () => {
    for (const [locale, messages] of [['zh-CN', zhCN], ['en', en]] as const) {
      expect(messages.codes).toEqual(codeMessages(locale));
      for (const [group, codes] of Object.entries(codeLabels)) {
        for (const [code, labels] of Object.entries(codes)) {
          expect(codeLabelFrom(messages, group as keyof typeof codeLabels, code)).toBe(labels[locale]);
        }
      }
    }
  });
  it('labels the codes the workbooks label too', () => {
    expect(codeLabelFrom(zhCN, 'case_state', 'lead')).toBe('线索核实');
    expect(codeLabelFrom(en, 'finding_state', 'justified')).toBe('Justified');
    expect(codeLabelFrom(zhCN, 'application_relation', 'proxy')).toBe('代他人');
  });
});

describe('codeLabelFrom', () => {
  it('gives the DOMAIN.md term of a proposed type', () => {
    expect(codeLabelFrom(zhCN, 'type', 'marginal')).toBe('边缘易致贫户');
    expect(codeLabelFrom(zhCN, 'type', 'unstable_lifted')).toBe('脱贫不稳定户');
    expect(codeLabelFrom(en, 'type', 'sudden_hardship')).toBe('Sudden severe hardship');
  });
  it('labels risks, relations and household status', () => {
    expect(codeLabelFrom(zhCN, 'risk', 'R12')).toBe('未参加基本医疗保险');
    expect(codeLabelFrom(zhCN, 'relation', 'child_in_law')).toBe('儿媳/女婿');
    expect(codeLabelFrom(zhCN, 'status', 'lifted')).toBe('脱贫户');
  });
  it('labels dotted codes such as audit actions', () => {
    expect(codeLabelFrom(en, 'action', 'household.read')).toBe('Read household file');
  });
  it('shows an unknown code raw', () => {
    expect(codeLabelFrom(zhCN, 'risk', 'R42')).toBe('R42');
    expect(codeLabelFrom(zhCN, 'rule', 'county_rule_7')).toBe('county_rule_7');
  });
  it('shows a dash for no code', () => {
    expect(codeLabelFrom(zhCN, 'type', null)).toBe('—');
    expect(codeLabelFrom(zhCN, 'type', '')).toBe('—');
  });
  it('does not take a group object for a label', () => {
    expect(codeLabelFrom(zhCN, 'type', 'constructor')).toBe('constructor');
  });
});

describe('ruleOutcome', () => {
  it('reads the API\'s "true", "false" and "unknown"', () => {
    expect(ruleOutcome('true')).toBe('fired');
    expect(ruleOutcome('false')).toBe('not_fired');
    expect(ruleOutcome('unknown')).toBe('unknown');
  });
  it('accepts booleans', () => {
    expect(ruleOutcome(true)).toBe('fired');
    expect(ruleOutcome(false)).toBe('not_fired');
  });
  it('takes anything else as unknown', () => {
    expect(ruleOutcome(undefined)).toBe('unknown');
    expect(ruleOutcome('maybe')).toBe('unknown');
  });
});
