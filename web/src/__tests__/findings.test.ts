// The finding resolution and justification forms (lib/findings.ts) against what
// service::ResolveFinding and JustifyFinding refuse (src/service/findings.cc), the bodies sent, who
// is offered which action on which kind of finding, the kind filter, and how a finding's state and
// evidence show.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import zhCN from '../locales/zh-CN';
import en from '../locales/en';
import {
  FINDING_KINDS, FINDING_STATES, MAX_NOTE_CHARACTERS, RESOLUTIONS, checkTitle, emptyResolution, evidenceOf, findingKind,
  kindFilter, mayJustify, mayResolve, stateTagType, toResolveBody, validateJustification, validateResolution,
} from '../lib/findings';
import { ROLES } from '../lib/roles';

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
    expect(findingsCc).toContain('state must be corrected');
  });
  it('knows every state the service lists findings in, justified among them', () => {
    expect([...FINDING_STATES]).toEqual(['open', 'corrected', 'confirmed', 'justified']);
    expect(findingsCc).toContain('state must be open, corrected, confirmed or justified');
  });
});

describe('the justification form', () => {
  const key = (note: string) => validateJustification(note).note?.key;
  it('wants a note that is more than spaces, up to the service\'s limit in characters', () => {
    expect(key('')).toBe('findings.errors.justifyNote');
    expect(key(' \n\t')).toBe('findings.errors.justifyNote');
    expect(validateJustification('户主患慢性病，暂不具备外出务工条件')).toEqual({});
    expect(validateJustification('理'.repeat(MAX_NOTE_CHARACTERS))).toEqual({});
    expect(validateJustification('理'.repeat(MAX_NOTE_CHARACTERS + 1)).note)
      .toEqual({ key: 'findings.errors.noteLong', params: { n: MAX_NOTE_CHARACTERS + 1, max: MAX_NOTE_CHARACTERS } });
    expect(findingsCc).toContain('a note is required');
  });
});

describe('the two kinds of finding', () => {
  it('are the data cross-checks (Q…) and the plans\' coordination checks (C01–C11), as GET /findings?kind= names them', () => {
    expect([...FINDING_KINDS]).toEqual(['data', 'coordination']);
    expect(findingsCc).toContain('kind must be data');
    expect(findingKind('C01')).toBe('coordination');
    expect(findingKind('C11')).toBe('coordination');
    expect(findingKind('Q05')).toBe('data');
    // An id that merely starts with the letter is not a coordination check.
    expect(findingKind('Custom')).toBe('data');
  });
  it('the kind filter takes a kind or nothing, never a value the server would refuse', () => {
    expect(kindFilter('data')).toBe('data');
    expect(kindFilter('coordination')).toBe('coordination');
    expect(kindFilter('')).toBe('');
    expect(kindFilter('plans')).toBe('');
    expect(kindFilter(undefined)).toBe('');
    expect(kindFilter(['data'])).toBe('');
  });
});

describe('who acts on which finding', () => {
  const open = (check: string) => ({ check, state: 'open' });
  it('the village and township resolve open data findings, and nothing else', () => {
    for (const role of ROLES) {
      const resolves = role === 'village' || role === 'township';
      expect(mayResolve(role, open('Q05')), role).toBe(resolves);
      expect(mayResolve(role, open('C01')), role).toBe(false);
    }
    expect(mayResolve('village', { check: 'Q05', state: 'corrected' })).toBe(false);
  });
  it('the county justifies open coordination findings, and nothing else', () => {
    for (const role of ROLES) {
      expect(mayJustify(role, open('C01')), role).toBe(role === 'county');
      expect(mayJustify(role, open('Q05')), role).toBe(false);
    }
    expect(mayJustify('county', { check: 'C01', state: 'justified' })).toBe(false);
    expect(mayJustify('county', { check: 'C02', state: 'corrected' })).toBe(false);
    expect(mayJustify(null, open('C01'))).toBe(false);
  });
  it('as the service refuses the other way round', () => {
    expect(findingsCc).toContain('it closes by itself when the plan is fixed');
    expect(findingsCc).toContain('only the coordination checks C01–C11 are justified');
  });
});

describe('showing a finding', () => {
  it('open findings are red, corrected green, confirmed amber, justified blue', () => {
    expect(FINDING_STATES.map(stateTagType)).toEqual(['danger', 'success', 'warning', 'primary']);
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
  it('every state, resolution and kind has a label in both languages', () => {
    for (const m of [zhCN, en] as Record<string, any>[]) {
      for (const s of FINDING_STATES) expect(m.codes.finding_state[s]).toBeTruthy();
      for (const r of RESOLUTIONS) expect(m.findings.outcomes[r]).toBeTruthy();
      for (const k of FINDING_KINDS) expect(m.findings.kinds[k]).toBeTruthy();
    }
  });
});
