import { describe, expect, it } from 'vitest';
import { hasErrors, USERNAME_PATTERN, validateExpiryDays, validatePassword, validateTokenName, validateUsername } from './validation';

describe('user name', () => {
  it.each(['ab', 'jane.doe', 'ci_bot-2', '0ops', 'a'.repeat(64)])('accepts %s', (v) => {
    expect(validateUsername(v)).toBeUndefined();
    expect(USERNAME_PATTERN.test(v)).toBe(true);
  });
  it.each([
    ['', /Enter/],
    ['a', /At least 2/],
    ['a'.repeat(65), /At most 64/],
    ['Jane', /lower-case/],
    ['.jane', /Start with/],
    ['-x', /Start with/],
    ['jane doe', /Only lower-case/],
    ['jane@x', /Only lower-case/],
  ])('rejects %j', (v, message) => {
    expect(validateUsername(v)).toMatch(message);
  });
});

describe('password', () => {
  it('needs 12 characters and says how many are missing', () => {
    expect(validatePassword('')).toMatch(/Enter/);
    expect(validatePassword('short')).toBe('At least 12 characters (7 more).');
    expect(validatePassword('x'.repeat(12))).toBeUndefined();
    expect(validatePassword('x'.repeat(257))).toMatch(/At most 256/);
  });
});

describe('token name and expiry', () => {
  it('checks names like the server', () => {
    expect(validateTokenName('CI pipeline 2')).toBeUndefined();
    expect(validateTokenName('Zürich-ops')).toBeUndefined();
    expect(validateTokenName('  ')).toMatch(/name/);
    expect(validateTokenName('bad/name')).toMatch(/Only letters/);
    expect(validateTokenName('x'.repeat(101))).toMatch(/At most 100/);
  });
  it('accepts empty (never) or 1..3650 whole days', () => {
    expect(validateExpiryDays('')).toBeUndefined();
    expect(validateExpiryDays('90')).toBeUndefined();
    expect(validateExpiryDays('0')).toMatch(/Between/);
    expect(validateExpiryDays('3651')).toMatch(/Between/);
    expect(validateExpiryDays('1.5')).toMatch(/Whole days/);
  });
  it('hasErrors', () => {
    expect(hasErrors({ a: undefined })).toBe(false);
    expect(hasErrors({ a: undefined, b: 'x' })).toBe(true);
  });
});
