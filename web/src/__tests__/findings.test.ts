// The finding resolution form (lib/findings.ts) against what service::ResolveFinding refuses
// (src/service/findings.cc), the body it sends, and how a finding's state and evidence show.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import zhCN from '../locales/zh-CN';
import en from '../locales/en';
import {
  FINDING_STATES, MAX_NOTE_CHARACTERS, RESOLUTIONS, checkTitle, emptyResolution, evidenceOf, stateTagType,
  toResolveBody, validateResolution,
} from '../lib/findings';

const keys = (state: string, note: string) =>
  Object.fromEntries(Object.entries(validateResolution({ state: state as 'corrected', note })).map(([k, e]) => [k, e.key]));
const findingsCc = readFileSync(fileURLToPath(new URL('../../../src/service/findings.cc', import.meta.url)), 'utf8');

describe('the resolution form', () => {
  it('starts empty and refuses to send until a state and a note are given', () => {
    const v = emptyResolution();
    expect(keys(v.state, v.note)).toEqual({ state: 'caseForm.errors.choice', note: 'findings.errors.note' });
    expect(keys('open', '核实')).toEqual({ state: 'caseForm.errors.choice' });
    expect(keys('corrected', '  \n ')).toEqual({ note: 'findings.errors.note' });
    expect(keys('confirmed', '入户核实属实')).toEqual({});
  });
  it('counts the note in characters as the service does, up to its limit', () => {
    expect(findingsCc).toMatch(new RegExp(`kMaxNoteCharacters = ${MAX_NOTE_CHARACTERS};`));
    expect(keys('corrected', '核'.repeat(MAX_NOTE_CHARACTERS))).toEqual({});
    const long = validateResolution({ state: 'corrected', note: '核'.repeat(MAX_NOTE_CHARACTERS + 1) });
    expect(long.note).toEqual({ key: 'findings.errors.noteLong', params: { n: MAX_NOTE_CHARACTERS + 1, max: MAX_NOTE_CHARACTERS } });
    // A character outside the BMP is one character, not two UTF-16 units.
    expect(keys('corrected', '𠀀'.repeat(MAX_NOTE_CHARACTERS))).toEqual({});
  });
  it('sends the state and the note trimmed', () => {
    expect(toResolveBody({ state: 'corrected', note: '  已更正成员信息 \n' })).toEqual({ state: 'corrected', note: '已更正成员信息' });
  });
  it('offers the two resolutions the service accepts', () => {
    expect([...RESOLUTIONS]).toEqual(['corrected', 'confirmed']);
    expect([...FINDING_STATES]).toEqual(['open', 'corrected', 'confirmed']);
    expect(findingsCc).toContain('state must be corrected');
  });
});

describe('showing a finding', () => {
  it('open findings are red, corrected green, confirmed amber', () => {
    expect(FINDING_STATES.map(stateTagType)).toEqual(['danger', 'success', 'warning']);
    expect(stateTagType('unknown')).toBe('info');
  });
  it('evidence is an upload row when the finding names one, else the registry', () => {
    expect(evidenceOf({ source: 'medical_insurance', upload_id: 12, row: 40 })).toEqual({ kind: 'upload', source: 'medical_insurance', uploadId: 12, row: 40 });
    expect(evidenceOf({ source: null, upload_id: null, row: null })).toEqual({ kind: 'registry' });
  });
  it('the check title follows the language, then the other, then the id', () => {
    const f = { check: 'Q05', title_zh: '同时参加两种医保', title_en: 'Two medical insurances' };
    expect(checkTitle(f, 'zh-CN')).toBe('同时参加两种医保');
    expect(checkTitle(f, 'en')).toBe('Two medical insurances');
    expect(checkTitle({ ...f, title_en: '' }, 'en')).toBe('同时参加两种医保');
    expect(checkTitle({ check: 'X1', title_zh: '', title_en: '' }, 'en')).toBe('X1');
  });
  it('every state and resolution has a label in both languages', () => {
    for (const m of [zhCN, en] as Record<string, any>[]) {
      for (const s of FINDING_STATES) expect(m.findings.states[s]).toBeTruthy();
      for (const r of RESOLUTIONS) expect(m.findings.outcomes[r]).toBeTruthy();
    }
  });
});
