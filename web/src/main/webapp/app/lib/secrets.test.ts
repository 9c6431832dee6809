import { describe, expect, it } from 'vitest';
import {
  EMPTY_SECRET_FORM,
  expiryOf,
  expiryText,
  parseScope,
  scopeText,
  secretInputFor,
  toNewSecret,
  validateScopeId,
  validateSecretForm,
  validateSecretPath,
  validateSecretValue,
} from './secrets';

const DAY = 24 * 3600 * 1000;
const now = Date.UTC(2026, 5, 1, 12, 0, 0);
const inDays = (d: number) => new Date(now + d * DAY).toISOString();

describe('expiry', () => {
  it('tells expired, expiring within 30 days, ok and none apart', () => {
    expect(expiryOf(null, now)).toEqual({ status: 'none' });
    expect(expiryOf(inDays(-1), now).status).toBe('expired');
    expect(expiryOf(new Date(now).toISOString(), now).status).toBe('expired');
    expect(expiryOf(inDays(0.3), now)).toEqual({ status: 'soon', days: 0 });
    expect(expiryOf(inDays(9.99), now)).toEqual({ status: 'soon', days: 10 });
    expect(expiryOf(inDays(30), now)).toEqual({ status: 'soon', days: 30 });
    expect(expiryOf(inDays(31), now)).toEqual({ status: 'ok', days: 31 });
    expect(expiryOf('not a date', now)).toEqual({ status: 'none' });
  });

  it('words each state', () => {
    expect(expiryText(expiryOf(inDays(-3), now))).toBe('Expired');
    expect(expiryText(expiryOf(inDays(10.2), now))).toBe('Expires in 10 days');
    expect(expiryText(expiryOf(inDays(1.2), now))).toBe('Expires in 1 day');
    expect(expiryText(expiryOf(inDays(0.2), now))).toBe('Expires today');
    expect(expiryText(expiryOf(inDays(90), now))).toBe('OK');
    expect(expiryText(expiryOf(null, now))).toBe('No expiry');
  });
});

describe('scopes', () => {
  it('reads and writes the text form', () => {
    expect(parseScope('project:line3')).toEqual({ level: 'PROJECT', id: 'line3' });
    expect(parseScope('environment:env-1')).toEqual({ level: 'ENVIRONMENT', id: 'env-1' });
    expect(parseScope('workspace')).toEqual({ level: 'WORKSPACE', id: '' });
    expect(parseScope('galaxy:g1')).toEqual({ level: 'WORKSPACE', id: '' });
    expect(parseScope(null)).toEqual({ level: 'WORKSPACE', id: '' });
    expect(scopeText('STAGE', ' dev ')).toBe('stage:dev');
    expect(scopeText('WORKSPACE', 'x')).toBe('workspace');
  });

  it('checks ids like Scopes.SCOPE_ID', () => {
    expect(validateScopeId('WORKSPACE', '')).toBeUndefined();
    expect(validateScopeId('PROJECT', '')).toBe('Enter the project id.');
    expect(validateScopeId('STAGE', '-dev')).toMatch(/1–64 letters/);
    expect(validateScopeId('STAGE', 'a'.repeat(65))).toMatch(/1–64/);
    expect(validateScopeId('ENVIRONMENT', 'env_1.a-b')).toBeUndefined();
  });
});

describe('secret form checks', () => {
  it('checks paths like Scopes.PATH', () => {
    expect(validateSecretPath('')).toMatch(/Enter a path/);
    expect(validateSecretPath('db/main/password')).toBeUndefined();
    expect(validateSecretPath('/db')).toMatch(/single '\/'/);
    expect(validateSecretPath('db//x')).toMatch(/single '\/'/);
    expect(validateSecretPath('db/')).toMatch(/single '\/'/);
    expect(validateSecretPath('db/.hidden')).toMatch(/starting with a letter or digit/);
    expect(validateSecretPath('db/with space')).toMatch(/Each segment/);
    expect(validateSecretPath('a'.repeat(201))).toMatch(/At most 200/);
  });

  it('checks values per type like Values.parse', () => {
    expect(validateSecretValue('PASSWORD', '')).toBe('Enter the value.');
    expect(validateSecretValue('PASSWORD', 'with spaces ok')).toBeUndefined();
    expect(validateSecretValue('PASSWORD', 'two\nlines')).toMatch(/One line/);
    expect(validateSecretValue('API_TOKEN', 'has space')).toMatch(/without spaces/);
    expect(validateSecretValue('LICENSE_KEY', 'abc')).toMatch(/4–128/);
    expect(validateSecretValue('LICENSE_KEY', 'ABCD-1234')).toBeUndefined();
    expect(validateSecretValue('KEY_VALUE', '{"a":"b"}')).toBeUndefined();
    expect(validateSecretValue('KEY_VALUE', '{"a":1}')).toMatch(/'a' is not/);
    expect(validateSecretValue('KEY_VALUE', '[1]')).toMatch(/object of strings/);
    expect(validateSecretValue('KEY_VALUE', '{a')).toMatch(/Not valid JSON/);
    expect(validateSecretValue('CERTIFICATE', 'nope')).toMatch(/PEM/);
    expect(validateSecretValue('CERTIFICATE', '-----BEGIN CERTIFICATE-----\n…')).toBeUndefined();
    expect(validateSecretValue('SSH_KEY', 'ssh-rsa AAAA')).toMatch(/BEGIN/);
  });

  it('checks the whole form, a file instead of a value for PKCS#12, and rotation for generated types only', () => {
    expect(validateSecretForm(EMPTY_SECRET_FORM)).toEqual({ path: 'Enter a path, e.g. db/main/password.', value: 'Enter the value.' });
    expect(validateSecretForm({ ...EMPTY_SECRET_FORM, path: 'a', value: 'x', level: 'PROJECT' })).toEqual({ scopeId: 'Enter the project id.' });
    expect(validateSecretForm({ ...EMPTY_SECRET_FORM, type: 'CERTIFICATE', certificateSource: 'pkcs12', path: 'tls' })).toEqual({ file: expect.stringMatching(/PKCS#12/) });
    expect(validateSecretForm({ ...EMPTY_SECRET_FORM, path: 'a', value: 'x', rotationDays: '3651' })).toEqual({ rotationDays: 'At most 3650 days.' });
    expect(validateSecretForm({ ...EMPTY_SECRET_FORM, type: 'LICENSE_KEY', path: 'a', value: 'ABCD', rotationDays: '30' }).rotationDays).toMatch(/Only passwords/);
    // a new version of an existing secret: scope and path are given
    expect(validateSecretForm({ ...EMPTY_SECRET_FORM, value: 'x' }, true)).toEqual({});
  });

  it('builds the request body with only what applies', () => {
    expect(toNewSecret({ ...EMPTY_SECRET_FORM, level: 'PROJECT', scopeId: 'line3', path: 'db/pw', value: 's3cret', rotationDays: '30' })).toEqual({
      scope: 'project:line3',
      path: 'db/pw',
      type: 'password',
      value: 's3cret',
      rotationDays: 30,
    });
    const cert = toNewSecret({ ...EMPTY_SECRET_FORM, type: 'CERTIFICATE', certificateSource: 'pkcs12', fileBase64: 'AAEC', importPassword: 'pw', path: 'tls', expires: '2030-01-01T00:00' });
    expect(cert).toEqual({ scope: 'workspace', path: 'tls', type: 'certificate', valueBase64: 'AAEC', importPassword: 'pw' });
    const kv = toNewSecret({ ...EMPTY_SECRET_FORM, type: 'KEY_VALUE', path: 'kv', value: '{"a":"b"}', expires: '2030-01-01T10:00', rotationDays: '5' });
    expect(kv.type).toBe('key-value');
    expect(kv.rotationDays).toBeUndefined();
    expect(kv.expires).toBe(new Date('2030-01-01T10:00').toISOString());
  });

  it('puts server field errors on their inputs', () => {
    expect(secretInputFor('scope', EMPTY_SECRET_FORM)).toBe('scopeId');
    expect(secretInputFor('valueBase64', EMPTY_SECRET_FORM)).toBe('file');
    expect(secretInputFor('value', { type: 'CERTIFICATE', certificateSource: 'pkcs12' })).toBe('file');
    expect(secretInputFor('value', EMPTY_SECRET_FORM)).toBe('value');
    expect(secretInputFor('body', EMPTY_SECRET_FORM)).toBeUndefined();
  });
});
