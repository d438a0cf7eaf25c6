// The proof of work of the public application page (docs/decisions/0005, "The public application
// page"): find a nonce such that SHA-256("<challenge>:<nonce>") starts with `bits` zero bits, as
// src/service/applications.cc checks it. About 65,000 digests for the server's 16 bits: a second
// or two in a phone's browser, costly for a script sending thousands.

export type Digest = (data: Uint8Array) => Promise<ArrayBuffer>;

// SHA-256 of the browser (crypto.subtle exists only in secure contexts: https or localhost).
export function browserDigest(): Digest | null {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  return (data) => subtle.digest('SHA-256', data as BufferSource);
}

// Leading zero bits of a digest.
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export interface ProofOptions {
  digest?: Digest;
  // How many nonces are hashed at once (the digests run concurrently).
  batch?: number;
  // Called after each batch with the number of nonces tried so far.
  onProgress?: (tried: number) => void;
  // Stops the search (the page was left): findNonce then rejects.
  signal?: AbortSignal;
}

// The first nonce ("0", "1", ...) whose digest with the challenge has `bits` leading zero bits.
export async function findNonce(challenge: string, bits: number, options: ProofOptions = {}): Promise<string> {
  const digest = options.digest ?? browserDigest();
  if (!digest) throw new Error('no SHA-256 in this browser (the page needs https)');
  const batch = Math.max(1, options.batch ?? 256);
  const encoder = new TextEncoder();
  for (let start = 0; ; start += batch) {
    if (options.signal?.aborted) throw new Error('aborted');
    const nonces = Array.from({ length: batch }, (_, i) => String(start + i));
    const digests = await Promise.all(nonces.map((n) => digest(encoder.encode(`${challenge}:${n}`))));
    options.onProgress?.(start + batch);
    const hit = digests.findIndex((d) => leadingZeroBits(new Uint8Array(d)) >= bits);
    if (hit >= 0) return nonces[hit];
  }
}

// A rough share of the expected work done, for the progress bar: 2^bits tries are expected; the
// bar stops short of the end until the nonce is found.
export function proofPercent(tried: number, bits: number): number {
  const expected = 2 ** bits;
  return Math.min(95, Math.round((100 * tried) / expected));
}
