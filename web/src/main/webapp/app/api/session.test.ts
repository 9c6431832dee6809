import { describe, expect, it } from 'vitest';
import { clearSession, loadToken, saveSession } from './session';

describe('session storage', () => {
  it('keeps the token in sessionStorage until it expires', () => {
    saveSession('t1', 60, 1_000);
    expect(sessionStorage.getItem('stoker.session')).toContain('t1');
    expect(loadToken(30_000)).toBe('t1');
    expect(loadToken(61_000)).toBeNull();
    expect(sessionStorage.getItem('stoker.session')).toBeNull();
  });

  it('clears on sign-out and survives garbage', () => {
    saveSession('t2', 60);
    clearSession();
    expect(loadToken()).toBeNull();
    sessionStorage.setItem('stoker.session', '{not json');
    expect(loadToken()).toBeNull();
  });
});
