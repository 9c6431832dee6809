/**
 * The signed-in session's bearer token, kept in sessionStorage: it survives a reload of the tab
 * but not closing it, and is never shared with other tabs.
 */

const KEY = 'stoker.session';

interface Stored {
  token: string;
  /** epoch millis after which the token is no longer accepted */
  expiresAt: number;
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: the session lives only in memory
  }
}

let memory: Stored | null = null;

export function saveSession(token: string, expiresInSeconds: number, now = Date.now()): void {
  const stored: Stored = { token, expiresAt: now + Math.max(0, expiresInSeconds) * 1000 };
  memory = stored;
  storage()?.setItem(KEY, JSON.stringify(stored));
}

export function loadToken(now = Date.now()): string | null {
  let stored = memory;
  const raw = storage()?.getItem(KEY);
  if (raw) {
    try {
      stored = JSON.parse(raw) as Stored;
    } catch {
      stored = null;
    }
  }
  if (!stored || typeof stored.token !== 'string' || !stored.token) return null;
  if (typeof stored.expiresAt === 'number' && stored.expiresAt <= now) {
    clearSession();
    return null;
  }
  return stored.token;
}

export function clearSession(): void {
  memory = null;
  storage()?.removeItem(KEY);
}
