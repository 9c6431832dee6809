// Secrets for the self-test server (e2e/mock-stoker.mjs), after SecretResource: metadata by scope,
// write-only values (kept aside, never answered), versions, rollback, rotation, schedule, delete.
// Not a specification; dev.stoker.rest is.
import { randomBytes } from 'node:crypto';

const PATH = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
const SCOPE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const TYPES = ['PASSWORD', 'KEY_VALUE', 'API_TOKEN', 'LICENSE_KEY', 'ACTIVATION_TOKEN', 'CERTIFICATE', 'SSH_KEY'];
const GENERATED = ['PASSWORD', 'API_TOKEN'];

class Bad extends Error {
  constructor(status, field, detail) {
    super(`${field}: ${detail}`);
    this.status = status;
    this.field = field;
  }
}

function parseScope(text) {
  if (!text || !String(text).trim()) throw new Bad(400, 'scope', 'required (workspace, project:<id>, stage:<id>, environment:<id>)');
  const t = String(text);
  const colon = t.indexOf(':');
  const level = (colon < 0 ? t : t.slice(0, colon)).trim().toUpperCase();
  const id = colon < 0 ? '' : t.slice(colon + 1);
  if (!['WORKSPACE', 'PROJECT', 'STAGE', 'ENVIRONMENT'].includes(level)) throw new Bad(400, 'scope', `unknown scope level '${t.slice(0, 40)}' (workspace, project, stage, environment)`);
  if (level === 'WORKSPACE') {
    if (id) throw new Bad(400, 'scope', 'the workspace scope takes no id');
    return { level, id: '' };
  }
  if (!SCOPE_ID.test(id)) throw new Bad(400, 'scope', `${level.toLowerCase()} id must be 1-64 letters, digits, '.', '_' or '-'`);
  return { level, id };
}

function checkPath(path) {
  if (!path) throw new Bad(400, 'path', 'required');
  if (path.length > 200 || !PATH.test(path)) throw new Bad(400, 'path', "must be at most 200 characters of segments of letters, digits, '.', '_' or '-', separated by '/'");
  return path;
}

function checkValue(type, value, base64) {
  if (type === 'CERTIFICATE') {
    if (base64) return { expires: new Date(Date.now() + 200 * 864e5).toISOString(), attributes: { format: 'pkcs12' } };
    if (!/-----BEGIN CERTIFICATE-----/.test(value)) throw new Bad(400, 'value', 'not a PEM certificate (no CERTIFICATE block found)');
    return { expires: new Date(Date.now() + 365 * 864e5).toISOString(), attributes: { subject: 'CN=mock' } };
  }
  const text = value;
  if (type === 'PASSWORD' && /[\u0000-\u001f\u007f]/.test(text)) throw new Bad(400, 'value', 'a password must be one line of text without control characters');
  if ((type === 'API_TOKEN' || type === 'ACTIVATION_TOKEN') && /[\s\u0000-\u001f]/.test(text)) throw new Bad(400, 'value', 'one line of printable text without spaces');
  if (type === 'LICENSE_KEY' && !/^[A-Za-z0-9._-]{4,128}$/.test(text)) throw new Bad(400, 'value', "a license key is 4-128 letters, digits, '-', '_' or '.'");
  if (type === 'KEY_VALUE') {
    let o;
    try {
      o = JSON.parse(text);
    } catch {
      throw new Bad(400, 'value', 'not a JSON object of strings');
    }
    if (!o || typeof o !== 'object' || Array.isArray(o) || Object.values(o).some((v) => typeof v !== 'string')) throw new Bad(400, 'value', 'not a JSON object of strings');
    return { attributes: { keys: Object.keys(o).sort().join(',') } };
  }
  if (type === 'SSH_KEY' && !/-----BEGIN /.test(text)) throw new Bad(400, 'value', 'not an OpenSSH or PEM private key');
  return { attributes: {} };
}

export function mockSecrets({ now }) {
  /** `${LEVEL}:${id}|${path}` → { type, rotationDays, versions: [metadata…] } */
  const secrets = new Map();
  /** values by `${key}#${version}`: never sent */
  const values = new Map();
  const keyOf = (scope, path) => `${scope.level}:${scope.id}|${path}`;

  const metadata = (s, v) => ({ ...v, attributes: { ...v.attributes, ...(s.rotationDays ? { rotationDays: String(s.rotationDays) } : {}) } });
  const store = (scope, path, type, value, actor, change, { expires = null, attributes = {}, rotationDays } = {}) => {
    const key = keyOf(scope, path);
    let s = secrets.get(key);
    if (s && s.type !== type) throw new Bad(409, 'type', `secret '${path}' is a ${s.type.toLowerCase().replace(/_/g, '-')} secret; delete it before storing a ${type.toLowerCase().replace(/_/g, '-')}`);
    if (!s) secrets.set(key, (s = { type, rotationDays: null, versions: [] }));
    if (rotationDays !== undefined && rotationDays !== null) s.rotationDays = rotationDays === 0 ? null : rotationDays;
    const version = s.versions.length + 1;
    const v = { path, scope, type, version, createdBy: actor, created: now(), expires, attributes: { ...attributes, change } };
    s.versions.push(v);
    values.set(`${key}#${version}`, value);
    return metadata(s, v);
  };
  const located = (scopeText, path) => {
    const scope = parseScope(scopeText);
    const s = secrets.get(keyOf(scope, checkPath(path)));
    if (!s) throw new Bad(404, 'path', `secret '${scopeText}/${path}' not found`);
    return { scope, s };
  };

  async function handle({ req, res, path, q, me, need, send, problem, body }) {
    const sub = path.slice('/secrets'.length);
    try {
      if (req.method === 'GET') {
        if (!need('engineer')) return;
        if (sub === '') {
          const scope = parseScope(q.get('scope') ?? 'workspace');
          const prefix = `${scope.level}:${scope.id}|`;
          const all = [...secrets.entries()].filter(([k]) => k.startsWith(prefix)).map(([, s]) => metadata(s, s.versions.at(-1))).sort((a, b) => a.path.localeCompare(b.path));
          const offset = Number(q.get('offset') ?? 0), limit = Math.min(Number(q.get('limit') ?? 50), 500);
          return send(res, 200, { items: all.slice(offset, offset + limit), offset, limit, total: all.length });
        }
        if (sub === '/metadata' || sub === '/versions') {
          const { s } = located(q.get('scope'), q.get('path'));
          if (sub === '/versions') return send(res, 200, [...s.versions].reverse().map((v) => metadata(s, v)));
          const version = Number(q.get('version') ?? 0);
          const v = version ? s.versions[version - 1] : s.versions.at(-1);
          if (!v) throw new Bad(404, 'version', `version ${version} not found`);
          return send(res, 200, metadata(s, v));
        }
      }
      if (sub === '/reveal') return need('admin') && problem(res, 403, 'the console self-test does not reveal values');
      if (!need('lead')) return;
      if (sub === '' && req.method === 'POST') {
        const b = await body(req);
        if (!b || typeof b !== 'object') throw new Bad(400, 'body', 'a JSON object with scope, path, type and value is required');
        const known = ['scope', 'path', 'type', 'value', 'valueBase64', 'importPassword', 'expires', 'rotationDays'];
        const unknown = Object.keys(b).find((k) => !known.includes(k));
        if (unknown) throw new Bad(400, unknown, 'unknown field');
        if (b.value != null && b.valueBase64 != null) throw new Bad(400, 'value', 'give value or valueBase64, not both');
        const scope = parseScope(b.scope);
        const p = checkPath(b.path);
        const type = String(b.type ?? '').trim().replace(/-/g, '_').toUpperCase();
        if (!TYPES.includes(type)) throw new Bad(400, 'type', `unknown type '${String(b.type ?? '').slice(0, 40)}'`);
        if (b.valueBase64 != null && !/^[A-Za-z0-9+/]*={0,2}$/.test(b.valueBase64)) throw new Bad(400, 'valueBase64', 'not valid base64');
        const value = b.valueBase64 ?? b.value;
        if (!value) throw new Bad(400, 'value', 'required (or valueBase64)');
        if (String(value).length > 65536) throw new Bad(400, 'value', 'larger than the limit of 65536 bytes');
        if (b.rotationDays != null && b.rotationDays !== 0) {
          if (!Number.isInteger(b.rotationDays) || b.rotationDays < 0 || b.rotationDays > 3650) throw new Bad(400, 'rotationDays', 'must be between 0 (off) and 3650');
          if (!GENERATED.includes(type)) throw new Bad(400, 'rotationDays', 'only password and API token secrets rotate on a schedule');
        }
        const parsed = checkValue(type, String(value), b.valueBase64 != null);
        const expires = parsed.expires ?? (b.expires ? new Date(b.expires).toISOString() : null);
        const m = store(scope, p, type, String(value), me.username, 'written', { expires, attributes: parsed.attributes, rotationDays: b.rotationDays });
        res.setHeader('Location', `/api/v1/secrets/metadata?scope=${encodeURIComponent(b.scope)}&path=${encodeURIComponent(p)}&version=${m.version}`);
        return send(res, 201, m);
      }
      if ((sub === '/rollback' || sub === '/rotate') && req.method === 'POST') {
        const b = (await body(req)) ?? {};
        if (sub === '/rollback' && b.version == null) throw new Bad(400, 'version', 'required: the version to go back to');
        const { scope, s } = located(b.scope, b.path);
        if (sub === '/rotate') {
          if (!GENERATED.includes(s.type)) throw new Bad(409, 'type', `a ${s.type.toLowerCase().replace(/_/g, '-')} secret cannot be generated; rotate it by writing a new value`);
          return send(res, 200, store(scope, b.path, s.type, randomBytes(18).toString('base64url'), me.username, 'rotated'));
        }
        const old = s.versions[b.version - 1];
        if (!old || b.version < 1) throw new Bad(404, 'version', `version ${b.version} not found`);
        const attributes = { ...old.attributes, rolledBackFrom: String(old.version) };
        delete attributes.change;
        return send(res, 200, store(scope, b.path, s.type, values.get(`${keyOf(scope, b.path)}#${old.version}`), me.username, 'rolled-back', { expires: old.expires, attributes }));
      }
      if (sub === '/schedule' && req.method === 'PUT') {
        const b = (await body(req)) ?? {};
        if (b.rotationDays == null) throw new Bad(400, 'rotationDays', 'required (0 turns scheduled rotation off)');
        const { s } = located(b.scope, b.path);
        if (b.rotationDays !== 0 && !GENERATED.includes(s.type)) throw new Bad(400, 'rotationDays', 'only password and API token secrets rotate on a schedule');
        if (!Number.isInteger(b.rotationDays) || b.rotationDays < 0 || b.rotationDays > 3650) throw new Bad(400, 'rotationDays', 'must be between 0 (off) and 3650');
        s.rotationDays = b.rotationDays || null;
        return send(res, 200, metadata(s, s.versions.at(-1)));
      }
      if (sub === '' && req.method === 'DELETE') {
        const scope = parseScope(q.get('scope'));
        const key = keyOf(scope, checkPath(q.get('path')));
        if (!secrets.delete(key)) throw new Bad(404, 'path', `secret '${q.get('scope')}/${q.get('path')}' not found`);
        res.writeHead(204);
        return res.end();
      }
      return problem(res, 404, `no such endpoint ${req.method} /api/v1${path}`);
    } catch (e) {
      if (e instanceof Bad) return problem(res, e.status, e.message, e.status === 404 ? undefined : e.field);
      throw e;
    }
  }

  /** Whether a secret is stored at `path` in the scope (e.g. `workspace`): for the metrics endpoint's token lookup. */
  const exists = (scopeText, path) => secrets.has(keyOf(parseScope(scopeText), path));

  return { handle, values, exists };
}
