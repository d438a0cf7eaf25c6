// The signed-in user and the CSRF token, kept in memory only; restored from GET /me on reload.
import { reactive } from 'vue';
import { api, setCsrfToken, type Session, type User } from './api';

export const session = reactive<{ user: User | null; expiresAt: string; checked: boolean }>({
  user: null,
  expiresAt: '',
  checked: false,
});

export function applySession(s: Session): void {
  session.user = s.user;
  session.expiresAt = s.expires_at;
  session.checked = true;
  setCsrfToken(s.csrf_token);
}

export function clearSession(): void {
  session.user = null;
  session.expiresAt = '';
  setCsrfToken('');
}

// Asks the server once per page load whether a session exists; true when signed in.
export async function restoreSession(): Promise<boolean> {
  if (session.user) return true;
  if (session.checked) return false;
  try {
    applySession(await api.me());
    return true;
  } catch {
    session.checked = true;
    return false;
  }
}

export async function logout(): Promise<void> {
  try {
    await api.logout();
  } finally {
    clearSession();
  }
}
