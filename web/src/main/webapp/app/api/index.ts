/** The console's single API instance, bound to the session token and the session-ended signal. */
import { createClient } from './client';
import { loadToken } from './session';
import { stokerApi } from './stoker';
import { endSession } from '../auth/sessionEvents';

export const api = stokerApi(
  createClient({
    getToken: () => loadToken(),
    onUnauthorized: () => endSession('expired'),
  }),
);
