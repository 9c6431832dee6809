/**
 * Secrets in the console: scopes in their text form, expiry, and the new-secret form's checks and
 * request body. The checks mirror dev.stoker.secrets (Scopes.PATH/SCOPE_ID, Values.parse,
 * SecretServiceImpl.checkRotationDays) so the form can say what is wrong as you type.
 */
import type { NewSecret, SecretMetadata, SecretScope, SecretScopeLevel, SecretType } from '../api/types';

export const SECRET_PATH_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
export const SECRET_PATH_MAX = 200;
export const SCOPE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const MAX_ROTATION_DAYS = 3650;
/** An expiry this close (or closer) is flagged. */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

export const SCOPE_LEVELS: readonly SecretScopeLevel[] = ['WORKSPACE', 'PROJECT', 'STAGE', 'ENVIRONMENT'];

export const SECRET_TYPES: readonly { type: SecretType; label: string; hint: string }[] = [
  { type: 'PASSWORD', label: 'Password', hint: 'One line of text. Can be rotated (generated) by Stoker.' },
  { type: 'API_TOKEN', label: 'API token', hint: 'One line without spaces. Can be rotated (generated) by Stoker.' },
  { type: 'KEY_VALUE', label: 'Key/value', hint: 'A JSON object of strings, e.g. {"user": "ignition", "password": "…"}.' },
  { type: 'LICENSE_KEY', label: 'License key', hint: "4–128 letters, digits, '-', '_' or '.'." },
  { type: 'ACTIVATION_TOKEN', label: 'Activation token', hint: 'One line without spaces.' },
  { type: 'CERTIFICATE', label: 'Certificate', hint: 'A PEM certificate (with its key), or a PKCS#12 file. The expiry is read from the certificate.' },
  { type: 'SSH_KEY', label: 'SSH key', hint: 'A private key in OpenSSH or PEM form.' },
];

/** The type id the API takes (`key-value`) for an enum name (`KEY_VALUE`). */
export const typeId = (t: SecretType): string => t.toLowerCase().replace(/_/g, '-');
export const typeLabel = (t: SecretType): string => SECRET_TYPES.find((x) => x.type === t)?.label ?? typeId(t);
/** Passwords and API tokens: Stoker can generate them (rotate now, rotate on a schedule). */
export const isGenerated = (t: SecretType): boolean => t === 'PASSWORD' || t === 'API_TOKEN';
/** Types whose value spans lines: entered in a text area rather than a password field. */
export const isMultiLine = (t: SecretType): boolean => t === 'KEY_VALUE' || t === 'CERTIFICATE' || t === 'SSH_KEY';

/** `workspace`, `project:p1`, … for a level and id. */
export function scopeText(level: SecretScopeLevel, id: string): string {
  return level === 'WORKSPACE' ? 'workspace' : `${level.toLowerCase()}:${id.trim()}`;
}

export function formatScope(s: SecretScope): string {
  return scopeText(s.level, s.id);
}

/** Reads `project:p1` into level and id; anything unknown is the workspace. */
export function parseScope(text: string | null | undefined): { level: SecretScopeLevel; id: string } {
  const t = (text ?? '').trim();
  const colon = t.indexOf(':');
  const level = (colon < 0 ? t : t.slice(0, colon)).toUpperCase() as SecretScopeLevel;
  if (!SCOPE_LEVELS.includes(level) || level === 'WORKSPACE') return { level: 'WORKSPACE', id: '' };
  return { level, id: colon < 0 ? '' : t.slice(colon + 1) };
}

export function validateScopeId(level: SecretScopeLevel, id: string): string | undefined {
  if (level === 'WORKSPACE') return undefined;
  const what = level.toLowerCase();
  if (!id.trim()) return `Enter the ${what} id.`;
  if (!SCOPE_ID_PATTERN.test(id.trim())) return `A ${what} id is 1–64 letters, digits, '.', '_' or '-'.`;
  return undefined;
}

export function validateSecretPath(path: string): string | undefined {
  if (!path) return 'Enter a path, e.g. db/main/password.';
  if (path.length > SECRET_PATH_MAX) return `At most ${SECRET_PATH_MAX} characters.`;
  if (path.startsWith('/') || path.endsWith('/') || path.includes('//')) return "Segments separated by single '/', none empty.";
  if (!SECRET_PATH_PATTERN.test(path)) return "Each segment: letters, digits, '.', '_' or '-', starting with a letter or digit.";
  return undefined;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The value rules of Values.parse, per type; `undefined` when it looks acceptable. */
export function validateSecretValue(type: SecretType, value: string): string | undefined {
  if (!value) return 'Enter the value.';
  switch (type) {
    case 'PASSWORD':
      return CONTROL.test(value) ? 'One line of text, without control characters.' : undefined;
    case 'API_TOKEN':
    case 'ACTIVATION_TOKEN':
      return CONTROL.test(value) || /\s/.test(value) ? 'One line of printable text without spaces.' : undefined;
    case 'LICENSE_KEY':
      return /^[A-Za-z0-9._-]{4,128}$/.test(value) ? undefined : "4–128 letters, digits, '-', '_' or '.'.";
    case 'KEY_VALUE': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return 'Not valid JSON: write an object of strings, e.g. {"user": "ignition"}.';
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return 'A JSON object of strings, e.g. {"user": "ignition"}.';
      const bad = Object.entries(parsed as Record<string, unknown>).find(([k, v]) => !k || typeof v !== 'string');
      return bad ? `Every value must be a string${bad[0] ? ` ('${bad[0]}' is not)` : ''}.` : undefined;
    }
    case 'CERTIFICATE':
      return /^\s*-----BEGIN /.test(value) ? undefined : 'Paste a PEM certificate (-----BEGIN CERTIFICATE-----), or upload a PKCS#12 file.';
    case 'SSH_KEY':
      return /^\s*-----BEGIN /.test(value) ? undefined : 'Paste the private key, starting with -----BEGIN.';
    default:
      return undefined;
  }
}

export function validateRotationDays(type: SecretType, value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  if (!isGenerated(type)) return 'Only passwords and API tokens rotate on a schedule.';
  if (!/^\d+$/.test(v)) return 'Whole days, e.g. 90 (0 turns the schedule off).';
  if (Number(v) > MAX_ROTATION_DAYS) return `At most ${MAX_ROTATION_DAYS} days.`;
  return undefined;
}

// ---- expiry

export type ExpiryStatus = 'none' | 'expired' | 'soon' | 'ok';

export interface Expiry {
  status: ExpiryStatus;
  /** whole days left (negative when expired), when there is an expiry */
  days?: number;
}

export function expiryOf(expires: string | null | undefined, now = Date.now()): Expiry {
  if (!expires) return { status: 'none' };
  const t = new Date(expires).getTime();
  if (Number.isNaN(t)) return { status: 'none' };
  const left = t - now;
  // "in 10 days" for 9 days and 23 hours: whole days, rounded
  const days = Math.round(left / DAY_MS);
  if (left <= 0) return { status: 'expired', days };
  if (left <= EXPIRY_WARNING_DAYS * DAY_MS) return { status: 'soon', days };
  return { status: 'ok', days };
}

export function expiryText(e: Expiry): string {
  switch (e.status) {
    case 'expired':
      return 'Expired';
    case 'soon':
      return e.days === 0 ? 'Expires today' : `Expires in ${e.days} day${e.days === 1 ? '' : 's'}`;
    case 'ok':
      return 'OK';
    default:
      return 'No expiry';
  }
}

// ---- the new-secret form

export interface SecretFormValues {
  level: SecretScopeLevel;
  scopeId: string;
  path: string;
  type: SecretType;
  value: string;
  /** certificates: paste PEM text or upload a PKCS#12 file */
  certificateSource: 'pem' | 'pkcs12';
  /** base64 of the uploaded PKCS#12 file ('' when none) */
  fileBase64: string;
  fileName: string;
  importPassword: string;
  /** `datetime-local` value, '' for none */
  expires: string;
  rotationDays: string;
}

export type SecretField = 'scopeId' | 'path' | 'type' | 'value' | 'file' | 'importPassword' | 'expires' | 'rotationDays';

export const EMPTY_SECRET_FORM: SecretFormValues = {
  level: 'WORKSPACE',
  scopeId: '',
  path: '',
  type: 'PASSWORD',
  value: '',
  certificateSource: 'pem',
  fileBase64: '',
  fileName: '',
  importPassword: '',
  expires: '',
  rotationDays: '',
};

export const usesFile = (v: Pick<SecretFormValues, 'type' | 'certificateSource'>) => v.type === 'CERTIFICATE' && v.certificateSource === 'pkcs12';

/**
 * Checks the form. `fixed` is set when a new version of an existing secret is written: scope, path and
 * type are given then and not checked.
 */
export function validateSecretForm(v: SecretFormValues, fixed = false): Partial<Record<SecretField, string>> {
  const e: Partial<Record<SecretField, string>> = {};
  if (!fixed) {
    e.scopeId = validateScopeId(v.level, v.scopeId);
    e.path = validateSecretPath(v.path);
  }
  if (usesFile(v)) {
    if (!v.fileBase64) e.file = 'Choose the PKCS#12 file (.p12 or .pfx).';
  } else {
    e.value = validateSecretValue(v.type, v.value);
  }
  if (v.expires && Number.isNaN(new Date(v.expires).getTime())) e.expires = 'Not a date and time.';
  e.rotationDays = validateRotationDays(v.type, v.rotationDays);
  for (const k of Object.keys(e) as SecretField[]) if (!e[k]) delete e[k];
  return e;
}

/** The body of POST /secrets; only what applies is sent. */
export function toNewSecret(v: SecretFormValues, scope = scopeText(v.level, v.scopeId), path = v.path): NewSecret {
  const body: NewSecret = { scope, path, type: typeId(v.type) };
  if (usesFile(v)) body.valueBase64 = v.fileBase64;
  else body.value = v.value;
  if (v.type === 'CERTIFICATE' && v.importPassword) body.importPassword = v.importPassword;
  if (v.type === 'SSH_KEY' && v.importPassword) body.importPassword = v.importPassword;
  if (v.expires && v.type !== 'CERTIFICATE') {
    const d = new Date(v.expires);
    if (!Number.isNaN(d.getTime())) body.expires = d.toISOString();
  }
  if (v.rotationDays.trim() && isGenerated(v.type)) body.rotationDays = Number(v.rotationDays.trim());
  return body;
}

/** The input a server `field` belongs to. */
export function secretInputFor(field: string | undefined, v: Pick<SecretFormValues, 'type' | 'certificateSource'>): SecretField | undefined {
  switch (field) {
    case 'scope':
      return 'scopeId';
    case 'valueBase64':
      return 'file';
    case 'value':
      return usesFile(v) ? 'file' : 'value';
    case 'path':
    case 'type':
    case 'importPassword':
    case 'expires':
    case 'rotationDays':
      return field;
    default:
      return undefined;
  }
}

/** The file's bytes as base64 (for PKCS#12 uploads). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** The link of a secret's page. */
export function secretHref(m: Pick<SecretMetadata, 'scope' | 'path'>): string {
  return `/secrets/view?${new URLSearchParams({ scope: formatScope(m.scope), path: m.path }).toString()}`;
}
