import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, expect } from 'vitest';
import { clearSession } from '../app/api/session';
import { contractViolations } from './fakeStoker';

afterEach(() => {
  if (typeof window !== 'undefined') {
    cleanup();
    clearSession();
    sessionStorage.clear();
  }
  const violations = contractViolations.splice(0);
  expect([...new Set(violations)], 'answers of the fake Stoker that the API contract does not allow').toEqual([]);
});
