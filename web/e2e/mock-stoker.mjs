// A small stand-in for a Stoker distribution, for the e2e script's self-test mode only:
// serves dist/ at /console (same fallback rules as ConsoleServlet) and an in-memory /api/v1.
// It is not a specification of the API; dev.stoker.rest is.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2' };
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
const RANK = { viewer: 0, engineer: 1, lead: 2, admin: 3 };

export function startMockStoker({ port = 0, adminPassword = 'admin-password-e2e' } = {}) {
  const now = () => new Date().toISOString();
  const users = new Map([['admin', { username: 'admin', role: 'admin', password: adminPassword, created: now(), createdBy: 'system' }]]);
  const sessions = new Map();
  const tokens = [];
  const audit = [];
  let seq = 0;
  const record = (actor, action, target, outcome = 'SUCCESS') =>
    audit.unshift({ seq: ++seq, time: now(), record: { actor, action, target, sourceAddress: '127.0.0.1', outcome, detail: '' }, previousHash: '0'.repeat(64), hash: 'a'.repeat(64) });

  const send = (res, status, body, type = 'application/json') => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const problem = (res, status, detail, field) => send(res, status, { type: 'about:blank', title: String(status), status, detail, field }, 'application/problem+json');
  const view = (u) => ({ username: u.username, role: u.role.toUpperCase(), created: u.created, createdBy: u.createdBy });
  const body = (req) => new Promise((ok) => { let s = ''; req.on('data', (c) => (s += c)); req.on('end', () => { try { ok(s ? JSON.parse(s) : {}); } catch { ok(null); } }); });

  async function api(req, res, url) {
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const q = url.searchParams;
    if (path === '/health') return send(res, 200, { status: 'UP', components: [{ component: 'adapters', status: 'UP', detail: '1 platform adapter(s): ignition' }, { component: 'security', status: 'UP', detail: 'users, tokens and audit log available' }] });
    if (path === '/auth/token' && req.method === 'POST') {
      const b = await body(req);
      const u = users.get(b?.username);
      if (!u || u.password !== b.password) { record(b?.username ?? 'anonymous', 'auth.login', '', 'DENIED'); return problem(res, 401, 'invalid user name or password'); }
      const t = `sess-${Math.random().toString(36).slice(2)}`;
      sessions.set(t, u.username);
      record(u.username, 'auth.login', '');
      return send(res, 200, { access_token: t, token_type: 'Bearer', expires_in: 3600 });
    }
    const auth = req.headers.authorization ?? '';
    const bearer = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const apiToken = tokens.find((t) => `stk_${t.id}_${t.secret}` === bearer && !t.revoked);
    const me = users.get(sessions.get(bearer) ?? apiToken?.owner);
    if (!me) return problem(res, 401, 'authentication required');
    const need = (role) => RANK[me.role] >= RANK[role] || (problem(res, 403, `needs role '${role}' or higher; you are '${me.role}'`), false);
    if (path === '/auth/me') return send(res, 200, { username: me.username, role: me.role, scopes: apiToken ? apiToken.scopes : [] });
    if (path === '/platforms') return send(res, 200, { items: [{ id: 'ignition', displayName: 'Ignition', vendor: 'Inductive Automation', adapterVersion: '0.1.0', versions: [{ line: '8.3', defaultVersion: '8.3.4', defaultImage: 'inductiveautomation/ignition:8.3.4' }, { line: '8.1', defaultVersion: '8.1.47', defaultImage: 'inductiveautomation/ignition:8.1.47' }], capabilities: ['BACKUP', 'RESTORE', 'PROJECT_EXPORT'] }] });
    if (path === '/users' && req.method === 'GET') {
      if (!need('admin')) return;
      const all = [...users.values()].sort((a, b) => a.username.localeCompare(b.username));
      const offset = Number(q.get('offset') ?? 0), limit = Number(q.get('limit') ?? 50);
      return send(res, 200, { items: all.slice(offset, offset + limit).map(view), offset, limit, total: all.length });
    }
    if (path === '/users' && req.method === 'POST') {
      if (!need('admin')) return;
      const b = await body(req);
      if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(b?.username ?? '')) return problem(res, 400, 'username: 2-64 characters', 'username');
      if (users.has(b.username)) return problem(res, 409, `username: user '${b.username}' already exists`, 'username');
      if ((b.password ?? '').length < 12) return problem(res, 400, 'password: at least 12 characters', 'password');
      users.set(b.username, { username: b.username, role: String(b.role).toLowerCase(), password: b.password, created: now(), createdBy: me.username });
      record(me.username, 'POST /api/v1/users', b.username);
      return send(res, 201, view(users.get(b.username)));
    }
    let m = path.match(/^\/users\/([^/]+)$/);
    if (m) {
      if (!need('admin')) return;
      const u = users.get(decodeURIComponent(m[1]));
      if (!u) return problem(res, 404, 'user not found');
      if (req.method === 'DELETE') { users.delete(u.username); record(me.username, `DELETE /api/v1/users/${u.username}`, u.username); res.writeHead(204); return res.end(); }
      if (req.method === 'PATCH') { const b = await body(req); if (b.role) u.role = String(b.role).toLowerCase(); if (b.password) u.password = b.password; return send(res, 200, view(u)); }
    }
    if (path === '/tokens' && req.method === 'GET') {
      const all = q.get('all') === 'true';
      if (all && !need('admin')) return;
      return send(res, 200, { items: tokens.filter((t) => all || t.owner === me.username).map(({ secret, ...t }) => t) });
    }
    if (path === '/tokens' && req.method === 'POST') {
      const b = await body(req);
      if (!b?.name) return problem(res, 400, 'name: required', 'name');
      const t = { id: Math.random().toString(16).slice(2, 18), owner: me.username, name: b.name, scopes: b.scopes, created: now(), expires: b.expiresInDays ? new Date(Date.now() + b.expiresInDays * 864e5).toISOString() : null, revoked: null, secret: Math.random().toString(36).slice(2) };
      tokens.push(t);
      record(me.username, 'POST /api/v1/tokens', t.id);
      const { secret, ...token } = t;
      return send(res, 201, { token, secret: `stk_${t.id}_${secret}` });
    }
    m = path.match(/^\/tokens\/([^/]+)$/);
    if (m && req.method === 'DELETE') {
      const t = tokens.find((x) => x.id === m[1] && !x.revoked);
      if (!t) return problem(res, 404, 'token not found');
      t.revoked = now();
      res.writeHead(204); return res.end();
    }
    if (path === '/audit/verify') return need('admin') && send(res, 200, { intact: true, checked: audit.length, firstBrokenSeq: null, reason: null });
    if (path === '/audit') {
      if (!need('lead')) return;
      const items = audit.filter((e) => (!q.get('actor') || e.record.actor === q.get('actor')) && (!q.get('outcome') || e.record.outcome === q.get('outcome').toUpperCase()));
      const offset = Number(q.get('offset') ?? 0), limit = Number(q.get('limit') ?? 50);
      return send(res, 200, { items: items.slice(offset, offset + limit), offset, limit, total: items.length });
    }
    return problem(res, 404, `no such endpoint ${req.method} ${url.pathname}`);
  }

  async function console_(req, res, url) {
    if (url.pathname === '/console') { res.writeHead(302, { Location: `/console/${url.search}` }); return res.end(); }
    const rel = decodeURIComponent(url.pathname.slice('/console/'.length));
    if (rel.split('/').some((s) => s === '..' || s === '.')) { res.writeHead(404); return res.end('Not found\n'); }
    const file = normalize(join(DIST, rel));
    let target = join(DIST, 'index.html');
    if (rel && file.startsWith(DIST)) {
      const st = await stat(file).catch(() => null);
      if (st?.isFile()) target = file;
      else if (rel.startsWith('assets/') || TYPES[extname(rel)]) { res.writeHead(404); return res.end('Not found\n'); }
    }
    const headers = { 'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream', 'Cache-Control': target.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable' };
    if (target.endsWith('index.html')) headers['Content-Security-Policy'] = CSP;
    res.writeHead(200, headers);
    res.end(await readFile(target));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const handler = url.pathname.startsWith('/api/v1/') ? api : url.pathname === '/console' || url.pathname.startsWith('/console/') ? console_ : null;
    if (!handler) { res.writeHead(404); return res.end('Not found\n'); }
    handler(req, res, url).catch((e) => { res.writeHead(500); res.end(String(e)); });
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok({ url: `http://127.0.0.1:${server.address().port}`, adminPassword, close: () => new Promise((done) => server.close(done)) })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = await startMockStoker({ port: Number(process.env.PORT ?? 8199) });
  console.log(`mock Stoker at ${s.url}/console/ (admin / ${s.adminPassword})`);
}
