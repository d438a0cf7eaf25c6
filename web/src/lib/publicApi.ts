// The public application page's calls (docs/decisions/0005): no session, no CSRF token, and a
// 401 never sends anyone to the login page — the page is for people without an account.
import { ApiError, errorFromBody } from '../api';

export interface PublicVillage { code: string; name: string; path: string[] }
export interface Challenge { village: string; challenge: string; bits: number; expires_at: string }
export interface Receipt { received: boolean; reference: string }

const BASE = '/api/v1/public';

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(BASE + path, {
      method,
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', String(err));
  }
  let parsed: unknown = null;
  try { parsed = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) {
    const error = errorFromBody(res.status, parsed, res.statusText);
    const retry = Number(res.headers.get('Retry-After'));
    if (res.status === 429 && Number.isFinite(retry) && retry > 0) error.details = { ...error.details, retry_after_seconds: retry };
    throw error;
  }
  return parsed as T;
}

export const publicApi = {
  village: (code: string) => call<PublicVillage>('GET', `/villages/${encodeURIComponent(code)}`),
  challenge: (village: string) => call<Challenge>('GET', `/challenge?village=${encodeURIComponent(village)}`),
  apply: (body: Record<string, string>) => call<Receipt>('POST', '/applications', body),
};
