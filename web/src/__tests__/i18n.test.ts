// The two locales have the same keys, every .vue file shows no literal text (all through
// $t / t(), and every key the sources use exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import zhCN from '../locales/zh-CN';
import en from '../locales/en';
import { findLiteralTexts } from '../lib/templateCheck';

const SRC = fileURLToPath(new URL('..', import.meta.url));

// All leaf keys of a nested message object, as dotted paths ("a.b.c").
function leafKeys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' ? leafKeys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]);
}

// All leaves of a nested message object with their values.
function leaves(obj: Record<string, unknown>, prefix = ''): [string, unknown][] {
  return Object.entries(obj).flatMap(([k, v]): [string, unknown][] =>
    v !== null && typeof v === 'object' ? leaves(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, v]]);
}

function filesUnder(dir: string, ext: string[]): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === '__tests__' ? [] : filesUnder(p, ext);
    return ext.some((x) => e.name.endsWith(x)) ? [p] : [];
  });
}

function lookup(messages: Record<string, unknown>, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), messages);
}

describe('locales', () => {
  it('zh-CN has no key that en lacks', () => {
    const enKeys = new Set(leafKeys(en));
    expect(leafKeys(zhCN).filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it('en has no key that zh-CN lacks', () => {
    const zhKeys = new Set(leafKeys(zhCN));
    expect(leafKeys(en).filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  it('no message is empty', () => {
    const empty = [...leaves(zhCN), ...leaves(en)].filter(([, v]) => typeof v !== 'string' || v.trim() === '');
    expect(empty).toEqual([]);
  });

  it('every literal key passed to t() exists in both locales', () => {
    const used = new Set<string>();
    for (const file of filesUnder(SRC, ['.vue', '.ts'])) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\('([a-zA-Z0-9_.]+)'\)?/g)) if (!m[1].endsWith('.')) used.add(m[1]);
      for (const m of text.matchAll(/(?:labelKey|titleKey): '([a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => typeof lookup(zhCN, k) !== 'string' || typeof lookup(en, k) !== 'string');
    expect(missing).toEqual([]);
  });
});

describe('.vue files', () => {
  const files = filesUnder(SRC, ['.vue']);

  it('are found', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('show no literal user-visible text', () => {
    const found = files.flatMap((f) =>
      findLiteralTexts(readFileSync(f, 'utf8')).map((v) => `${relative(SRC, f)}:${v.line}: ${v.kind}: ${v.text}`));
    expect(found).toEqual([]);
  });
});
