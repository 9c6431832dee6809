/**
 * A tiny signal for "the session is over": raised by the API client on any 401 and by sign-out,
 * observed by the auth provider, which then sends the user to the sign-in page.
 */
import { clearSession } from '../api/session';

export type EndReason = 'expired' | 'signedOut';
type Listener = (reason: EndReason) => void;

const listeners = new Set<Listener>();

export function onSessionEnd(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function endSession(reason: EndReason): void {
  clearSession();
  for (const l of [...listeners]) l(reason);
}
