/**
 * Secrets of the fake Stoker, after SecretResource and dev.stoker.secrets: metadata by scope, write-only values
 * (kept aside, never answered, so tests can check that the console never shows them), versions, rollback,
 * rotation, schedule, delete. The value checks mirror the server's (Values.parse); it is not a specification.
 */
import { Bad, json, noContent, problem, route, router, type Call, type Ctx, type Route } from './http';

export interface FakeSecretVersion {
  path: string;
  scope: { level: string; id: string };
  type: string;
  version: number;
  createdBy: string;
  created: string;
  expires: string | null;
  attributes: Record<string, string>;
}
interface Stored {
  type: string;
  rotationDays: number | null;
  versions: FakeSecretVersion[];
}

const PATH = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
const SCOPE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const TYPES = ['PASSWORD', 'KEY_VALUE', 'API_TOKEN', 'LICENSE_KEY', 'ACTIVATION_TOKEN', 'CERTIFICATE', 'SSH_KEY'];
const GENERATED = ['PASSWORD', 'API_TOKEN'];
const kind = (type: string) => type.toLowerCase().replace(/_/g, '-');

function parseScope(text: unknown): { level: string; id: string } {
  if (typeof text !== 'string' || !text.trim()) throw new Bad(400, 'scope', 'required (workspace, project:<id>, stage:<id>, environment:<id>)');
  const colon = text.indexOf(':');
  const level = (colon < 0 ? text : text.slice(0, colon)).trim().toUpperCase();
  const id = colon < 0 ? '' : text.slice(colon + 1);
  if (!['WORKSPACE', 'PROJECT', 'STAGE', 'ENVIRONMENT'].includes(level)) throw new Bad(400, 'scope', `unknown scope level '${text.slice(0, 40)}' (workspace, project, stage, environment)`);
  if (level === 'WORKSPACE') {
    if (id) throw new Bad(400, 'scope', 'the workspace scope takes no id');
    return { level, id: '' };
  }
  if (!SCOPE_ID.test(id)) throw new Bad(400, 'scope', `${level.toLowerCase()} id must be 1-64 letters, digits, '.', '_' or '-'`);
  return { level, id };
}

function checkPath(path: unknown): string {
  if (typeof path !== 'string' || !path) throw new Bad(400, 'path', 'required');
  if (path.length > 200 || !PATH.test(path)) throw new Bad(400, 'path', "must be at most 200 characters of segments of letters, digits, '.', '_' or '-', separated by '/'");
  return path;
}

function checkRotationDays(days: unknown, type: string) {
  if (days == null || days === 0) return;
  if (!Number.isInteger(days) || (days as number) < 0 || (days as number) > 3650) throw new Bad(400, 'rotationDays', 'must be between 0 (off) and 3650');
  if (!GENERATED.includes(type)) throw new Bad(400, 'rotationDays', 'only password and API token secrets rotate on a schedule');
}

/** What the server reads from a value: expiry and attributes, or a refusal naming `value`. */
function checkValue(type: string, value: string, base64: boolean, now: () => string): { expires?: string; attributes: Record<string, string> } {
  const inDays = (days: number) => new Date(Date.parse(now()) + days * 864e5).toISOString();
  if (type === 'CERTIFICATE') {
    if (base64) return { expires: inDays(200), attributes: { format: 'pkcs12' } };
    if (!/-----BEGIN CERTIFICATE-----/.test(value)) throw new Bad(400, 'value', 'not a PEM certificate (no CERTIFICATE block found)');
    return { expires: inDays(365), attributes: { subject: 'CN=fake' } };
  }
  if (base64) return { attributes: {} };
  // eslint-disable-next-line no-control-regex
  if (type === 'PASSWORD' && /[\u0000-\u001f\u007f]/.test(value)) throw new Bad(400, 'value', 'a password must be one line of text without control characters');
  if ((type === 'API_TOKEN' || type === 'ACTIVATION_TOKEN') && /\s/.test(value)) throw new Bad(400, 'value', 'one line of printable text without spaces');
  if (type === 'LICENSE_KEY' && !/^[A-Za-z0-9._-]{4,128}$/.test(value)) throw new Bad(400, 'value', "a license key is 4-128 letters, digits, '-', '_' or '.'");
  if (type === 'KEY_VALUE') {
    let o: unknown;
    try {
      o = JSON.parse(value);
    } catch {
      throw new Bad(400, 'value', 'not a JSON object of strings');
    }
    if (!o || typeof o !== 'object' || Array.isArray(o) || Object.values(o).some((v) => typeof v !== 'string')) throw new Bad(400, 'value', 'not a JSON object of strings');
    return { attributes: { keys: Object.keys(o).sort().join(',') } };
  }
  if (type === 'SSH_KEY' && !/-----BEGIN /.test(value)) throw new Bad(400, 'value', 'not an OpenSSH or PEM private key');
  return { attributes: {} };
}

/** The secrets part: `routes` to serve, `seed` for tests, `exists` for the endpoints that look a key up. */
export function fakeSecrets({ now }: { now: () => string }) {
  /** `${LEVEL}:${id}|${path}` → the secret's type, schedule and versions (oldest first) */
  const secrets = new Map<string, Stored>();
  /** values by `${key}#${version}`: never sent */
  const values = new Map<string, string>();
  const keyOf = (scope: { level: string; id: string }, path: string) => `${scope.level}:${scope.id}|${path}`;
  const metadata = (s: Stored, v: FakeSecretVersion): FakeSecretVersion => ({
    ...v,
    attributes: { ...v.attributes, ...(s.rotationDays ? { rotationDays: String(s.rotationDays) } : {}) },
  });

  const store = (
    scope: { level: string; id: string },
    path: string,
    type: string,
    value: string,
    actor: string,
    change: string,
    { expires = null, attributes = {}, rotationDays }: { expires?: string | null; attributes?: Record<string, string>; rotationDays?: unknown } = {},
  ) => {
    const key = keyOf(scope, path);
    let s = secrets.get(key);
    if (s && s.type !== type) throw new Bad(409, 'type', `secret '${path}' is a ${kind(s.type)} secret; delete it before storing a ${kind(type)}`);
    if (!s) secrets.set(key, (s = { type, rotationDays: null, versions: [] }));
    if (typeof rotationDays === 'number') s.rotationDays = rotationDays || null;
    const v: FakeSecretVersion = { path, scope, type, version: s.versions.length + 1, createdBy: actor, created: now(), expires, attributes: { ...attributes, change } };
    s.versions.push(v);
    values.set(`${key}#${v.version}`, value);
    return metadata(s, v);
  };
  const located = (scopeText: unknown, path: unknown) => {
    const scope = parseScope(scopeText);
    const p = checkPath(path);
    const s = secrets.get(keyOf(scope, p));
    if (!s) throw new Bad(404, 'path', `secret '${String(scopeText)}/${p}' not found`);
    return { scope, path: p, s };
  };
  const bodyOf = (call: Call) => (call.body && typeof call.body === 'object' ? (call.body as Record<string, unknown>) : {});
  const reading = (ctx: Ctx) => (ctx.need('engineer') ? null : ctx.forbid('engineer'));
  const writing = (ctx: Ctx) => (ctx.need('lead') ? null : ctx.forbid('lead'));

  const routes: Route[] = [
    route('GET', '/api/v1/secrets', ({ query }, ctx) => {
      const denied = reading(ctx);
      if (denied) return denied;
      const scope = parseScope(query.get('scope') ?? 'workspace');
      const prefix = `${scope.level}:${scope.id}|`;
      const all = [...secrets.entries()]
        .filter(([k]) => k.startsWith(prefix))
        .map(([, s]) => metadata(s, s.versions.at(-1)!))
        .sort((a, b) => a.path.localeCompare(b.path));
      const offset = Number(query.get('offset') ?? 0);
      const limit = Math.min(Number(query.get('limit') ?? 50), 500);
      return json(200, { items: all.slice(offset, offset + limit), offset, limit, total: all.length });
    }),
    route('GET', '/api/v1/secrets/metadata', ({ query }, ctx) => {
      const denied = reading(ctx);
      if (denied) return denied;
      const { s } = located(query.get('scope'), query.get('path'));
      const version = Number(query.get('version') ?? 0);
      const v = version ? s.versions[version - 1] : s.versions.at(-1);
      if (!v) throw new Bad(404, 'version', `version ${version} not found`);
      return json(200, metadata(s, v));
    }),
    route('GET', '/api/v1/secrets/versions', ({ query }, ctx) => {
      const denied = reading(ctx);
      if (denied) return denied;
      const { s } = located(query.get('scope'), query.get('path'));
      return json(200, [...s.versions].reverse().map((v) => metadata(s, v)));
    }),
    route('POST', '/api/v1/secrets/reveal', (_call, ctx) => (ctx.need('admin') ? problem(403, 'the fake Stoker does not reveal values') : ctx.forbid('admin'))),
    route('POST', '/api/v1/secrets', (call, ctx) => {
      const denied = writing(ctx);
      if (denied) return denied;
      const b = bodyOf(call);
      const known = ['scope', 'path', 'type', 'value', 'valueBase64', 'importPassword', 'expires', 'rotationDays'];
      const unknown = Object.keys(b).find((k) => !known.includes(k));
      if (unknown) throw new Bad(400, unknown, 'unknown field');
      if (b.value != null && b.valueBase64 != null) throw new Bad(400, 'value', 'give value or valueBase64, not both');
      const scope = parseScope(b.scope);
      const path = checkPath(b.path);
      const type = String(b.type ?? '').trim().replace(/-/g, '_').toUpperCase();
      if (!TYPES.includes(type)) throw new Bad(400, 'type', `unknown type '${String(b.type ?? '').slice(0, 40)}'`);
      if (b.valueBase64 != null && !/^[A-Za-z0-9+/]*={0,2}$/.test(String(b.valueBase64))) throw new Bad(400, 'valueBase64', 'not valid base64');
      const value = b.valueBase64 ?? b.value;
      if (typeof value !== 'string' || !value) throw new Bad(400, 'value', 'required (or valueBase64)');
      if (value.length > 65536) throw new Bad(400, 'value', 'larger than the limit of 65536 bytes');
      checkRotationDays(b.rotationDays, type);
      const parsed = checkValue(type, value, b.valueBase64 != null, now);
      const expires = parsed.expires ?? (b.expires ? new Date(String(b.expires)).toISOString() : null);
      return json(201, store(scope, path, type, value, ctx.user, 'written', { expires, attributes: parsed.attributes, rotationDays: b.rotationDays }));
    }),
    route('POST', '/api/v1/secrets/rotate', (call, ctx) => {
      const denied = writing(ctx);
      if (denied) return denied;
      const b = bodyOf(call);
      const { scope, path, s } = located(b.scope, b.path);
      if (!GENERATED.includes(s.type)) throw new Bad(409, 'type', `a ${kind(s.type)} secret cannot be generated; rotate it by writing a new value`);
      return json(200, store(scope, path, s.type, `generated-${Math.random().toString(36).slice(2)}`, ctx.user, 'rotated'));
    }),
    route('POST', '/api/v1/secrets/rollback', (call, ctx) => {
      const denied = writing(ctx);
      if (denied) return denied;
      const b = bodyOf(call);
      if (b.version == null) throw new Bad(400, 'version', 'required: the version to go back to');
      const { scope, path, s } = located(b.scope, b.path);
      const old = s.versions[Number(b.version) - 1];
      if (!old) throw new Bad(404, 'version', `version ${String(b.version)} not found`);
      const attributes: Record<string, string> = { ...old.attributes, rolledBackFrom: String(old.version) };
      delete attributes.change;
      return json(200, store(scope, path, s.type, values.get(`${keyOf(scope, path)}#${old.version}`) ?? '', ctx.user, 'rolled-back', { expires: old.expires, attributes }));
    }),
    route('PUT', '/api/v1/secrets/schedule', (call, ctx) => {
      const denied = writing(ctx);
      if (denied) return denied;
      const b = bodyOf(call);
      if (b.rotationDays == null) throw new Bad(400, 'rotationDays', 'required (0 turns scheduled rotation off)');
      const { s } = located(b.scope, b.path);
      checkRotationDays(b.rotationDays, s.type);
      s.rotationDays = Number(b.rotationDays) || null;
      return json(200, metadata(s, s.versions.at(-1)!));
    }),
    route('DELETE', '/api/v1/secrets', ({ query }, ctx) => {
      const denied = writing(ctx);
      if (denied) return denied;
      const { scope, path } = located(query.get('scope'), query.get('path'));
      secrets.delete(keyOf(scope, path));
      return noContent();
    }),
  ];

  /** Seeds a secret as a test wants it (scope as text, e.g. `workspace`); no value checks. */
  const seed = (scopeText: string, path: string, type = 'PASSWORD', opts: { expires?: string | null; value?: string; by?: string } = {}) =>
    store(parseScope(scopeText), path, type, opts.value ?? `seeded-${path}`, opts.by ?? 'admin', 'written', { expires: opts.expires ?? null });

  /** Whether a secret is stored at `path` in the scope (e.g. `workspace`). */
  const exists = (scopeText: string, path: string) => secrets.has(keyOf(parseScope(scopeText), path));

  return { routes, handle: router(routes), seed, exists, values };
}
