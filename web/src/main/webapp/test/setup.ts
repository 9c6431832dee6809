import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, expect } from 'vitest';
import { clearSession } from '../app/api/session';
import { contractViolations } from './fakeStoker';

// findBy/waitFor give up after 1 s by default; on a loaded 2-core machine a render can take longer
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  if (typeof window !== 'undefined') {
    cleanup();
    clearSession();
    sessionStorage.clear();
  }
  const violations = contractViolations.splice(0);
  expect([...new Set(violations)], 'answers of the fake Stoker that the API contract does not allow').toEqual([]);
});
