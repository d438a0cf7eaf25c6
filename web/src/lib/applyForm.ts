// The public application form's fields and checks, made as src/service/applications.cc makes
// them so that a person hears of a mistake before the proof of work is computed. The server
// checks again; its 400 message is shown when it still refuses. Messages are i18n keys
// (apply.errors.*).

export type Relation = 'self' | 'proxy';

export interface ApplyForm {
  name: string;
  phone: string;
  id_number: string;  // optional
  relation: Relation | '';
  text: string;
  website: string;  // the honeypot: hidden from people, left empty
}

export function emptyForm(): ApplyForm {
  return { name: '', phone: '', id_number: '', relation: 'self', text: '', website: '' };
}

export const MAX_NAME = 64;
export const MAX_TEXT = 2000;

// Characters as people count them (code points), not UTF-16 units.
export function characters(s: string): number {
  return [...s].length;
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

// A resident ID number (GB 11643): 17 digits, a birth date that exists and is not after `today`
// (YYYY-MM-DD), and the ISO 7064 MOD 11-2 check character (a lower-case x is accepted).
export function isValidIdNumber(text: string, today: string): boolean {
  const s = text.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const y = Number(s.slice(6, 10)), m = Number(s.slice(10, 12)), d = Number(s.slice(12, 14));
  if (!isRealDate(y, m, d) || `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}` > today) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === s[17];
}

// Field name -> i18n key of what is wrong; empty when the form may be sent.
export function validateApplication(f: ApplyForm, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = f.name.trim();
  if (!name) errors.name = 'apply.errors.nameRequired';
  else if (characters(name) > MAX_NAME || CONTROL.test(name)) errors.name = 'apply.errors.nameTooLong';
  const phone = f.phone.trim();
  const digits = (phone.match(/\d/g) ?? []).length;
  if (!phone) errors.phone = 'apply.errors.phoneRequired';
  else if (phone.length < 7 || phone.length > 20 || !/^[0-9+\- ]+$/.test(phone) || digits < 7) {
    errors.phone = 'apply.errors.phoneInvalid';
  }
  const id = f.id_number.trim();
  if (id && !isValidIdNumber(id, today)) errors.id_number = 'apply.errors.idInvalid';
  if (f.relation !== 'self' && f.relation !== 'proxy') errors.relation = 'apply.errors.relationRequired';
  const text = f.text.trim();
  if (!text) errors.text = 'apply.errors.textRequired';
  else if (characters(text) > MAX_TEXT || CONTROL_BUT_LINES.test(text)) errors.text = 'apply.errors.textTooLong';
  return errors;
}

// The body of POST /api/v1/public/applications.
export function applicationBody(f: ApplyForm, village: string, challenge: string, nonce: string) {
  return {
    challenge, nonce, village,
    name: f.name.trim(), phone: f.phone.trim(), id_number: f.id_number.trim().toUpperCase(),
    relation: f.relation, text: f.text.trim(), website: f.website,
  };
}
