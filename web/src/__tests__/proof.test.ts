// The proof of work of the public application page: the nonce found is the first whose SHA-256
// with the challenge has the leading zero bits the server asks for, checked here with Node's own
// SHA-256 (node:crypto), as src/service/applications.cc checks it.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findNonce, leadingZeroBits, proofPercent, type Digest } from '../lib/proof';

const zeroBits = (text: string) => leadingZeroBits(createHash('sha256').update(text, 'utf8').digest());
const CHALLENGE = '630102001001|1764561600|0123456789abcdef0123456789abcdef|' + 'ab'.repeat(32);

describe('leadingZeroBits', () => {
  it('counts whole zero bytes and the zero bits of the first other byte', () => {
    expect(leadingZeroBits(new Uint8Array([0x80, 0]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0x01, 0xff]))).toBe(7);
    expect(leadingZeroBits(new Uint8Array([0, 0, 0x0f, 0xff]))).toBe(20);
    expect(leadingZeroBits(new Uint8Array([0, 0x40]))).toBe(9);
    expect(leadingZeroBits(new Uint8Array(32))).toBe(256);
  });
});

describe('findNonce', () => {
  it('finds the first nonce with 8 zero bits, as the server counts them', async () => {
    const nonce = await findNonce(CHALLENGE, 8);
    expect(zeroBits(`${CHALLENGE}:${nonce}`)).toBeGreaterThanOrEqual(8);
    for (let n = 0; n < Number(nonce); n++) expect(zeroBits(`${CHALLENGE}:${n}`)).toBeLessThan(8);
  });
  it('finds a nonce for 12 bits too, whatever the batch size', async () => {
    const a = await findNonce(CHALLENGE, 12, { batch: 1000 });
    const b = await findNonce(CHALLENGE, 12, { batch: 7 });
    expect(a).toBe(b);
    expect(zeroBits(`${CHALLENGE}:${a}`)).toBeGreaterThanOrEqual(12);
  });
  it('reports the nonces tried after each batch', async () => {
    // A digest that proves the work only for nonce 9: batches of 4 end after 4, 8 and 12.
    const seen: string[] = [];
    const digest: Digest = async (data) => {
      const text = new TextDecoder().decode(data);
      seen.push(text);
      return new Uint8Array(32).fill(text.endsWith(':9') ? 0 : 0xff).buffer;
    };
    const progress: number[] = [];
    const nonce = await findNonce('c', 16, { digest, batch: 4, onProgress: (n) => progress.push(n) });
    expect(nonce).toBe('9');
    expect(progress).toEqual([4, 8, 12]);
    expect(seen[0]).toBe('c:0');
  });
  it('stops when the page is left', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(findNonce(CHALLENGE, 30, { signal: controller.signal })).rejects.toThrow();
  });
  it('refuses without a SHA-256 to use', async () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
    try {
      await expect(findNonce(CHALLENGE, 8)).rejects.toThrow(/https/);
    } finally {
      if (saved) Object.defineProperty(globalThis, 'crypto', saved);
    }
  });
});

describe('proofPercent', () => {
  it('is the share of the expected 2^bits tries, short of the end until found', () => {
    expect(proofPercent(0, 16)).toBe(0);
    expect(proofPercent(32768, 16)).toBe(50);
    expect(proofPercent(65536, 16)).toBe(95);
    expect(proofPercent(1e9, 16)).toBe(95);
  });
});
