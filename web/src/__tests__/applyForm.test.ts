// The public application form's checks follow the server's (src/service/applications.cc): name
// 1..64 characters, phone 7..20 of digits, '+', '-' and spaces with 7 digits, text 1..2000
// characters, the ID number empty or a valid GB 11643 number; every message is in both locales.
import { describe, expect, it } from 'vitest';
import {
  applicationBody, characters, emptyForm, isValidIdNumber, validateApplication, type ApplyForm,
} from '../lib/applyForm';
import zhCN from '../locales/zh-CN';
import en from '../locales/en';

const TODAY = '2026-12-01';
const good = (): ApplyForm => ({ ...emptyForm(), name: '王小明', phone: '138 0000-0000', text: '母亲住院，医药费很高' });
const errorsOf = (change: Partial<ApplyForm>) => validateApplication({ ...good(), ...change }, TODAY);

function lookup(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((m, k) => (m as Record<string, unknown> | undefined)?.[k], messages);
}

describe('validateApplication', () => {
  it('accepts a complete form, with or without an ID number', () => {
    expect(validateApplication(good(), TODAY)).toEqual({});
    expect(errorsOf({ id_number: '11010519491231002X', relation: 'proxy' })).toEqual({});
  });
  it('needs a name of at most 64 characters, counted as people count them', () => {
    expect(errorsOf({ name: '' })).toEqual({ name: 'apply.errors.nameRequired' });
    expect(errorsOf({ name: '   ' })).toEqual({ name: 'apply.errors.nameRequired' });
    expect(errorsOf({ name: '王'.repeat(64) })).toEqual({});
    expect(errorsOf({ name: '王'.repeat(65) })).toEqual({ name: 'apply.errors.nameTooLong' });
    expect(errorsOf({ name: '𠀀'.repeat(64) })).toEqual({});  // outside the BMP: one character each
    expect(errorsOf({ name: 'a\u0001b' })).toEqual({ name: 'apply.errors.nameTooLong' });
  });
  it('needs a phone number of 7 to 20 characters with at least 7 digits', () => {
    expect(errorsOf({ phone: '' })).toEqual({ phone: 'apply.errors.phoneRequired' });
    expect(errorsOf({ phone: '1234567' })).toEqual({});
    expect(errorsOf({ phone: '123456' })).toEqual({ phone: 'apply.errors.phoneInvalid' });
    expect(errorsOf({ phone: '+86 138-0000-0000 12' })).toEqual({});
    expect(errorsOf({ phone: '+86 138-0000-0000 123' })).toEqual({ phone: 'apply.errors.phoneInvalid' });
    expect(errorsOf({ phone: '+86 1-2 3' })).toEqual({ phone: 'apply.errors.phoneInvalid' });
    expect(errorsOf({ phone: '138x0000000' })).toEqual({ phone: 'apply.errors.phoneInvalid' });
  });
  it('needs what happened, at most 2000 characters, line breaks allowed', () => {
    expect(errorsOf({ text: '' })).toEqual({ text: 'apply.errors.textRequired' });
    expect(errorsOf({ text: 'a'.repeat(1998) + '\nb' })).toEqual({});
    expect(errorsOf({ text: 'a'.repeat(2001) })).toEqual({ text: 'apply.errors.textTooLong' });
    expect(errorsOf({ text: 'a\u0007b' })).toEqual({ text: 'apply.errors.textTooLong' });
  });
  it('needs to know who applies', () => {
    expect(errorsOf({ relation: '' })).toEqual({ relation: 'apply.errors.relationRequired' });
  });
  it('refuses an ID number that is not valid, and names every bad field at once', () => {
    expect(errorsOf({ id_number: '110105194912310021' })).toEqual({ id_number: 'apply.errors.idInvalid' });
    expect(Object.keys(errorsOf({ name: '', phone: '1', text: '', id_number: '1' })).sort())
      .toEqual(['id_number', 'name', 'phone', 'text']);
  });
  it('has every message in both languages', () => {
    const keys = new Set<string>();
    for (const change of [{ name: '' }, { name: 'x'.repeat(65) }, { phone: '' }, { phone: '1' }, { id_number: '1' },
      { relation: '' as const }, { text: '' }, { text: 'x'.repeat(2001) }]) {
      for (const k of Object.values(errorsOf(change))) keys.add(k);
    }
    expect(keys.size).toBe(8);
    for (const key of keys) {
      expect(typeof lookup(zhCN, key)).toBe('string');
      expect(typeof lookup(en, key)).toBe('string');
    }
  });
});

describe('isValidIdNumber', () => {
  it('checks the check character (ISO 7064 MOD 11-2), a lower-case x included', () => {
    expect(isValidIdNumber('11010519491231002X', TODAY)).toBe(true);
    expect(isValidIdNumber('11010519491231002x', TODAY)).toBe(true);
    expect(isValidIdNumber('110105194912310021', TODAY)).toBe(false);
  });
  it('checks the length, the digits and the birth date', () => {
    expect(isValidIdNumber('11010519491231002', TODAY)).toBe(false);
    expect(isValidIdNumber('1101051949123100X2', TODAY)).toBe(false);
    // 2026-02-30 does not exist; 2027-01-01 is after today (check characters computed for each).
    const withCheck = (first17: string) => {
      const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i], 0);
      return first17 + '10X98765432'[sum % 11];
    };
    expect(isValidIdNumber(withCheck('63010220260230001'), TODAY)).toBe(false);
    expect(isValidIdNumber(withCheck('63010220270101001'), TODAY)).toBe(false);
    expect(isValidIdNumber(withCheck('63010220261201001'), TODAY)).toBe(true);
  });
});

describe('applicationBody', () => {
  it('sends the trimmed fields, the ID number upper-case, and the honeypot as it is', () => {
    const body = applicationBody({ ...good(), name: ' 王小明 ', id_number: ' 11010519491231002x ', website: '' },
      '630102001001', 'c', '42');
    expect(body).toEqual({
      challenge: 'c', nonce: '42', village: '630102001001', name: '王小明', phone: '138 0000-0000',
      id_number: '11010519491231002X', relation: 'self', text: '母亲住院，医药费很高', website: '',
    });
  });
  it('counts characters, not UTF-16 units', () => {
    expect(characters('𠀀a')).toBe(2);
  });
});
