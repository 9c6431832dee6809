/**
 * The secrets part of the fake Stoker: metadata and versions in memory, values kept aside (never
 * answered) so tests can check that the console never shows them.
 */
import type { Call } from './fakeStoker';
import { json, noContent, problem } from './fakeHttp';

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

interface Ctx {
  user: string;
  need: (role: 'viewer' | 'engineer' | 'lead' | 'admin') => boolean;
  forbid: (role: 'viewer' | 'engineer' | 'lead' | 'admin') => Response;
}

const PATH = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
const TYPES = ['PASSWORD', 'KEY_VALUE', 'API_TOKEN', 'LICENSE_KEY', 'ACTIVATION_TOKEN', 'CERTIFICATE', 'SSH_KEY'];

function parseScope(text: string | null | undefined): { level: string; id: string } | string {
  if (!text) return 'scope: required (workspace, project:<id>, stage:<id>, environment:<id>)';
  const colon = text.indexOf(':');
  const level = (colon < 0 ? text : text.slice(0, colon)).toUpperCase();
  const id = colon < 0 ? '' : text.slice(colon + 1);
  if (!['WORKSPACE', 'PROJECT', 'STAGE', 'ENVIRONMENT'].includes(level)) return `scope: unknown scope level '${text}'`;
  if (level === 'WORKSPACE') return id ? 'scope: the workspace scope takes no id' : { level, id: '' };
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(id)) return `scope: ${level.toLowerCase()} id must be 1-64 letters, digits, '.', '_' or '-'`;
  return { level, id };
}

export function fakeSecrets() {
  /** key `${LEVEL}:${id}|${path}` → versions, oldest first */
  const secrets = new Map<string, FakeSecretVersion[]>();
  /** the values written, by key and version: never sent back */
  const values = new Map<string, string>();
  const rotation = new Map<string, number>();
  let clock = Date.UTC(2026, 0, 10, 9, 0, 0);
  const tick = () => new Date((clock += 60_000)).toISOString();
  const keyOf = (s: { level: string; id: string }, path: string) => `${s.level}:${s.id}|${path}`;

  const add = (
    scope: { level: string; id: string },
    path: string,
    type: string,
    value: string,
    by: string,
    extra: { expires?: string | null; change?: string; attributes?: Record<string, string> } = {},
  ): FakeSecretVersion => {
    const key = keyOf(scope, path);
    const list = secrets.get(key) ?? [];
    const version = (list.at(-1)?.version ?? 0) + 1;
    const attributes: Record<string, string> = { ...(extra.attributes ?? {}), change: extra.change ?? 'written' };
    const days = rotation.get(key);
    if (days) attributes.rotationDays = String(days);
    const v: FakeSecretVersion = { path, scope, type, version, createdBy: by, created: tick(), expires: extra.expires ?? null, attributes };
    list.push(v);
    secrets.set(key, list);
    values.set(`${key}#${version}`, value);
    return v;
  };

  /** Seeds a secret as a test wants it (scope as text, e.g. `workspace`). */
  const seed = (scopeText: string, path: string, type = 'PASSWORD', opts: { expires?: string | null; value?: string; by?: string } = {}) => {
    const scope = parseScope(scopeText);
    if (typeof scope === 'string') throw new Error(scope);
    return add(scope, path, type, opts.value ?? `seeded-${path}`, opts.by ?? 'admin', { expires: opts.expires ?? null });
  };

  const handle = (call: Call, ctx: Ctx): Response | undefined => {
    const { method, path, query } = call;
    if (!path.startsWith('/api/v1/secrets')) return undefined;
    const sub = path.slice('/api/v1/secrets'.length);
    if (method === 'GET' && !ctx.need('engineer')) return ctx.forbid('engineer');
    if (method !== 'GET' && !ctx.need('lead')) return ctx.forbid('lead');
    const body = (call.body ?? {}) as Record<string, unknown>;
    const scopeOf = (text: unknown) => parseScope(typeof text === 'string' ? text : undefined);

    if (sub === '' && method === 'GET') {
      const scope = scopeOf(query.get('scope') ?? 'workspace');
      if (typeof scope === 'string') return problem(400, scope, 'scope');
      const prefix = `${scope.level}:${scope.id}|`;
      const latest = [...secrets.entries()]
        .filter(([k]) => k.startsWith(prefix))
        .map(([, list]) => list.at(-1)!)
        .sort((a, b) => a.path.localeCompare(b.path));
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit') ?? 50);
      return json(200, { items: latest.slice(offset, offset + limit), offset, limit, total: latest.length });
    }
    if ((sub === '/metadata' || sub === '/versions') && method === 'GET') {
      const scope = scopeOf(query.get('scope'));
      if (typeof scope === 'string') return problem(400, scope, 'scope');
      const p = query.get('path');
      if (!p) return problem(400, 'path: required', 'path');
      const list = secrets.get(keyOf(scope, p));
      if (!list) return problem(404, `secret '${p}' not found`);
      return sub === '/versions' ? json(200, [...list].reverse()) : json(200, list.at(-1));
    }
    if (sub === '' && method === 'POST') {
      const scope = scopeOf(body.scope);
      if (typeof scope === 'string') return problem(400, scope, 'scope');
      const p = String(body.path ?? '');
      if (!PATH.test(p) || p.length > 200) return problem(400, "path: must be at most 200 characters of segments of letters, digits, '.', '_' or '-', separated by '/'", 'path');
      const type = String(body.type ?? '').toUpperCase().replace(/-/g, '_');
      if (!TYPES.includes(type)) return problem(400, `type: unknown type '${body.type}'`, 'type');
      if (body.value !== undefined && body.valueBase64 !== undefined) return problem(400, 'value: give value or valueBase64, not both', 'value');
      const value = body.valueBase64 !== undefined ? `b64:${body.valueBase64}` : body.value;
      if (typeof value !== 'string' || !value) return problem(400, 'value: required (or valueBase64)', 'value');
      if (type === 'CERTIFICATE' && body.value !== undefined && !String(body.value).includes('BEGIN CERTIFICATE')) {
        return problem(400, 'value: not a PEM certificate (no CERTIFICATE block found)', 'value');
      }
      const key = keyOf(scope, p);
      const existing = secrets.get(key);
      if (existing && existing[0].type !== type) return problem(409, `type: secret '${p}' is a ${existing[0].type.toLowerCase()} secret`, 'type');
      if (body.rotationDays !== undefined) {
        const days = Number(body.rotationDays);
        if (days && type !== 'PASSWORD' && type !== 'API_TOKEN') return problem(400, 'rotationDays: only password and API token secrets rotate on a schedule', 'rotationDays');
        if (days) rotation.set(key, days);
        else rotation.delete(key);
      }
      const expires = type === 'CERTIFICATE' ? '2027-01-01T00:00:00Z' : ((body.expires as string | undefined) ?? null);
      return json(201, add(scope, p, type, value, ctx.user, { expires }));
    }
    if ((sub === '/rollback' || sub === '/rotate') && method === 'POST') {
      const scope = scopeOf(body.scope);
      if (typeof scope === 'string') return problem(400, scope, 'scope');
      const p = String(body.path ?? '');
      const list = secrets.get(keyOf(scope, p));
      if (!list) return problem(404, `secret '${p}' not found`);
      const latest = list.at(-1)!;
      if (sub === '/rotate') {
        if (latest.type !== 'PASSWORD' && latest.type !== 'API_TOKEN') {
          return problem(409, `type: a ${latest.type.toLowerCase()} secret cannot be generated; rotate it by writing a new value`, 'type');
        }
        return json(200, add(scope, p, latest.type, `generated-${Math.random()}`, ctx.user, { change: 'rotated' }));
      }
      const old = list.find((v) => v.version === Number(body.version));
      if (!old) return problem(404, `secret '${p}' version ${body.version} not found`);
      const value = values.get(`${keyOf(scope, p)}#${old.version}`) ?? '';
      return json(200, add(scope, p, latest.type, value, ctx.user, { change: 'rolled-back', expires: old.expires, attributes: { rolledBackFrom: String(old.version) } }));
    }
    if (sub === '/schedule' && method === 'PUT') {
      const scope = scopeOf(body.scope);
      if (typeof scope === 'string') return problem(400, scope, 'scope');
      const key = keyOf(scope, String(body.path ?? ''));
      const list = secrets.get(key);
      if (!list) return problem(404, 'secret not found');
      const days = Number(body.rotationDays);
      if (days) rotation.set(key, days);
      else rotation.delete(key);
      const latest = list.at(-1)!;
      const attributes = { ...latest.attributes };
      if (days) attributes.rotationDays = String(days);
      else delete attributes.rotationDays;
      latest.attributes = attributes;
      return json(200, latest);
    }
    if (sub === '' && method === 'DELETE') {
      const scope = scopeOf(query.get('scope'));
      if (typeof scope === 'string') return problem(400, scope, 'scope');
      const key = keyOf(scope, query.get('path') ?? '');
      if (!secrets.delete(key)) return problem(404, 'secret not found');
      return noContent();
    }
    return problem(404, `no route ${method} ${path}`);
  };

  return { secrets, values, seed, handle };
}
