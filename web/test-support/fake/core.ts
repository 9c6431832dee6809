/**
 * The spine of the fake Stoker, after AuthResource, UserResource, TokenResource, PlatformResource and
 * AuditResource: sign-in, bearer sessions and API tokens (`stk_<id>_<secret>` works as a bearer too), users
 * and roles, tokens, platforms, health and an audit log that records what the fake is asked to do. Both the
 * Vitest fake and the e2e self-test server authenticate every call here.
 */
import { json, noContent, problem, route, router, type Answer, type Call, type Ctx, type Role, type Route } from './http';

export interface FakeUser {
  username: string;
  role: Role;
  password: string;
  created: string;
  createdBy: string;
  disabled: boolean;
  /** signs in with a generated password: the token answer asks for a new one */
  mustChange?: boolean;
}
export interface FakeToken {
  id: string;
  owner: string;
  name: string;
  scopes: string[];
  created: string;
  expires: string | null;
  revoked: string | null;
  parent: string | null;
}
export interface FakeAuditEntry {
  seq: number;
  time: string;
  record: { actor: string; action: string; target: string; sourceAddress: string; outcome: string; detail: string };
  previousHash: string;
  hash: string;
}
export interface FakePlatform {
  id: string;
  displayName: string;
  vendor: string;
  adapterVersion: string;
  versions: { line: string; defaultVersion: string; defaultImage: string }[];
  capabilities: string[];
}

const RANK: Record<Role, number> = { viewer: 0, engineer: 1, lead: 2, admin: 3 };
const ROLES = Object.keys(RANK);

export function fakeCore({ now, platforms }: { now: () => string; platforms: FakePlatform[] }) {
  const users = new Map<string, FakeUser>();
  const sessions = new Map<string, string>(); // bearer -> username
  const tokens: FakeToken[] = [];
  /** secrets of API tokens by token id: a bearer `stk_<id>_<secret>` acts for the token's owner */
  const tokenSecrets = new Map<string, string>();
  /** newest first */
  const audit: FakeAuditEntry[] = [];
  const state = {
    health: { status: 'UP', components: [{ component: 'database', status: 'UP', detail: 'H2 embedded' }] } as unknown,
    healthStatus: 200,
    platforms,
    /** what GET /audit/verify answers; unset: the chain of the entries as they are, intact */
    chain: null as unknown,
    /** when set, every authenticated call answers 401 (expired session) */
    expireAll: false,
    /** the OpenID Connect providers the sign-in page offers */
    ssoProviders: [] as { name: string; displayName: string }[],
  };
  /** service accounts by name: role and owner (their tokens are API tokens owned by the account) */
  const serviceAccounts = new Map<string, { name: string; role: Role; owner: string; created: string }>();
  /** one-time codes of finished single sign-ons (what the callback hands the console) -> user name */
  const ssoHandoffs = new Map<string, string>();

  const record = (actor: string, action: string, target = '', outcome = 'SUCCESS') =>
    audit.unshift({ seq: (audit[0]?.seq ?? 0) + 1, time: now(), record: { actor, action, target, sourceAddress: '127.0.0.1', outcome, detail: '' }, previousHash: '0'.repeat(64), hash: 'a'.repeat(64) });

  const addUser = (username: string, role: Role, password = 'correct horse battery', createdBy = 'system') => {
    users.set(username, { username, role, password, created: now(), createdBy, disabled: false });
    return users.get(username)!;
  };

  /** Makes `username` signed in: returns a bearer (a test stores it as a real sign-in would). */
  const session = (username: string) => {
    const bearer = `tok-${username}`;
    sessions.set(bearer, username);
    return bearer;
  };

  const view = (u: FakeUser) => ({ username: u.username, role: u.role.toUpperCase(), created: u.created, createdBy: u.createdBy, disabled: u.disabled });
  const page = <T>(items: T[], query: URLSearchParams) => {
    const offset = Number(query.get('offset') ?? 0);
    const limit = Number(query.get('limit') ?? 50);
    return json(200, { items: items.slice(offset, offset + limit), offset, limit, total: items.length });
  };
  const bodyOf = (call: Call) => (call.body && typeof call.body === 'object' ? (call.body as Record<string, unknown>) : {});
  const roleOf = (text: unknown): Role | null => (typeof text === 'string' && ROLES.includes(text.toLowerCase()) ? (text.toLowerCase() as Role) : null);

  /** Routes open to everyone: answered before authentication. */
  const openRoutes: Route[] = [
    route('GET', '/api/v1/health', () => json(state.healthStatus, state.health)),
    route('POST', '/api/v1/auth/token', (call) => {
      const b = bodyOf(call);
      if (!b.username) return problem(400, 'username: required', 'username');
      const u = users.get(String(b.username));
      if (!u || u.password !== b.password || u.disabled) {
        record(String(b.username), 'auth.login', '', 'DENIED');
        return problem(401, 'invalid user name or password');
      }
      record(u.username, 'auth.login');
      return json(200, { access_token: session(u.username), token_type: 'Bearer', expires_in: 3600, password_change_required: !!u.mustChange });
    }),
    route('GET', '/api/v1/auth/oidc/providers', () => json(200, { items: state.ssoProviders })),
    route('POST', '/api/v1/auth/oidc/session', (call) => {
      const code = String(bodyOf(call).code ?? '');
      if (!code) return problem(400, 'code: required', 'code');
      const username = ssoHandoffs.get(code);
      ssoHandoffs.delete(code);
      if (!username) return problem(401, 'code: unknown, used or expired; sign in again', 'code');
      record(username, 'auth.sso');
      return json(200, { access_token: session(username), token_type: 'Bearer', expires_in: 3600, password_change_required: false });
    }),
  ];
  const open = router(openRoutes);

  /** Who calls: the user and the scopes of the API token used (none for a session), or the 401 answer. */
  const authenticate = (call: Call): { user: FakeUser; scopes: string[] } | Response => {
    const bearer = call.auth?.startsWith('Bearer ') ? call.auth.slice(7) : '';
    const apiToken = tokens.find((t) => !t.revoked && bearer === `stk_${t.id}_${tokenSecrets.get(t.id)}`);
    const user = state.expireAll ? undefined : users.get(sessions.get(bearer) ?? apiToken?.owner ?? '');
    if (!user || user.disabled) return problem(401, 'token expired or unknown');
    return { user, scopes: apiToken?.scopes ?? [] };
  };

  const ctxOf = (user: FakeUser): Ctx => ({
    user: user.username,
    need: (role) => RANK[user.role] >= RANK[role],
    forbid: (role) => problem(403, `needs role '${role}' or higher; you are '${user.role}'`),
  });
  const admin = (ctx: Ctx) => (ctx.need('admin') ? null : ctx.forbid('admin'));

  const routes: Route[] = [
    route('GET', '/api/v1/auth/me', (call) => {
      const who = authenticate(call) as { user: FakeUser; scopes: string[] };
      return json(200, { username: who.user.username, role: who.user.role, scopes: who.scopes });
    }),
    route('POST', '/api/v1/auth/logout', (_call, ctx) => {
      for (const [bearer, username] of sessions) if (username === ctx.user) sessions.delete(bearer);
      record(ctx.user, 'auth.logout');
      return noContent();
    }),
    route('GET', '/api/v1/service-accounts', (_call, ctx) => {
      if (!ctx.need('lead')) return ctx.forbid('lead');
      const mine = [...serviceAccounts.values()].filter((a) => ctx.need('admin') || a.owner === ctx.user);
      return json(200, { items: mine.map((a) => ({ ...a, role: a.role.toUpperCase() })) });
    }),
    route('POST', '/api/v1/service-accounts', (call, ctx) => {
      if (!ctx.need('lead')) return ctx.forbid('lead');
      const b = bodyOf(call);
      const name = String(b.name ?? '');
      const role = roleOf(b.role);
      if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(name)) return problem(400, 'name: 2-64 characters', 'name');
      if (!role) return problem(400, 'role: required', 'role');
      if (!ctx.need(role)) return problem(403, `role: a service account cannot have more than your role`);
      if (users.has(name) || serviceAccounts.has(name)) return problem(409, `name: '${name}' is taken`, 'name');
      const account = { name, role, owner: ctx.user, created: now() };
      serviceAccounts.set(name, account);
      addUser(name, role, `no-password-${Math.random()}`, ctx.user);
      record(ctx.user, 'POST /service-accounts', name);
      return json(201, { ...account, role: role.toUpperCase() });
    }),
    route('GET', '/api/v1/service-accounts/{name}/tokens', (_call, ctx, { name }) => {
      const a = serviceAccounts.get(name);
      if (!a) return problem(404, `service account '${name}' not found`);
      if (!ctx.need('admin') && a.owner !== ctx.user) return problem(403, `service account '${name}' belongs to '${a.owner}'`);
      return json(200, { items: tokens.filter((t) => t.owner === name) });
    }),
    route('POST', '/api/v1/service-accounts/{name}/tokens', (call, ctx, { name }) => {
      const a = serviceAccounts.get(name);
      if (!a) return problem(404, `service account '${name}' not found`);
      if (!ctx.need('admin') && a.owner !== ctx.user) return problem(403, `service account '${name}' belongs to '${a.owner}'`);
      const b = bodyOf(call);
      const days = Number(b.expiresInDays ?? 90);
      if (!(days >= 1 && days <= 90)) return problem(400, 'expiresInDays: at most 90 day(s)', 'expiresInDays');
      const id = `sa${tokens.length + 1}`;
      const token: FakeToken = { id, owner: name, name: String(b.name ?? ''), scopes: (b.scopes as string[]) ?? ['read'], created: now(), expires: new Date(Date.parse(now()) + days * 86_400_000).toISOString(), revoked: null, parent: null };
      tokens.push(token);
      tokenSecrets.set(id, 'secret');
      return json(201, { token, secret: `stk_${id}_secret` });
    }),
    route('DELETE', '/api/v1/service-accounts/{name}/tokens/{id}', (_call, ctx, { name, id }) => {
      const a = serviceAccounts.get(name);
      const t = tokens.find((x) => x.id === id && x.owner === name);
      if (!a || !t) return problem(404, `token '${id}' not found`);
      if (!ctx.need('admin') && a.owner !== ctx.user) return problem(403, `service account '${name}' belongs to '${a.owner}'`);
      t.revoked = now();
      return noContent();
    }),
    route('GET', '/api/v1/platforms', () => json(200, { items: state.platforms })),
    route('GET', '/api/v1/platforms/{id}', (_call, _ctx, { id }) => {
      const p = state.platforms.find((x) => x.id === id);
      return p ? json(200, p) : problem(404, `platform '${id}' not found`);
    }),
    route('GET', '/api/v1/users', ({ query }, ctx) => admin(ctx) ?? page([...users.values()].sort((a, b) => a.username.localeCompare(b.username)).map(view), query)),
    route('POST', '/api/v1/users', (call, ctx) => {
      const denied = admin(ctx);
      if (denied) return denied;
      const b = bodyOf(call);
      const username = String(b.username ?? '');
      if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(username)) return problem(400, 'username: 2-64 characters', 'username');
      if (users.has(username)) return problem(409, `username: user '${username}' already exists`, 'username');
      const role = roleOf(b.role);
      if (!role) return problem(400, `role: one of ${ROLES.join(', ')}`, 'role');
      if (String(b.password ?? '').length < 12) return problem(400, 'password: at least 12 characters', 'password');
      const u = addUser(username, role, String(b.password), ctx.user);
      record(ctx.user, 'POST /api/v1/users', username);
      return json(201, view(u));
    }),
    route('PATCH', '/api/v1/users/{username}', (call, ctx, { username }) => {
      const denied = admin(ctx);
      if (denied) return denied;
      const u = users.get(username);
      if (!u) return problem(404, `user '${username}' not found`);
      const b = bodyOf(call);
      if (b.role != null) {
        const role = roleOf(b.role);
        if (!role) return problem(400, `role: one of ${ROLES.join(', ')}`, 'role');
        u.role = role;
      }
      if (b.password) {
        u.password = String(b.password);
        u.mustChange = false;
      }
      if (typeof b.disabled === 'boolean') u.disabled = b.disabled;
      record(ctx.user, `PATCH /api/v1/users/${username}`, username);
      return json(200, view(u));
    }),
    route('DELETE', '/api/v1/users/{username}', (_call, ctx, { username }) => {
      const denied = admin(ctx);
      if (denied) return denied;
      if (!users.has(username)) return problem(404, `user '${username}' not found`);
      if (username === ctx.user) return problem(409, 'username: you cannot delete yourself', 'username');
      users.delete(username);
      record(ctx.user, `DELETE /api/v1/users/${username}`, username);
      return noContent();
    }),
    route('GET', '/api/v1/tokens', ({ query }, ctx) => {
      const all = query.get('all') === 'true';
      if (all && !ctx.need('admin')) return problem(403, "only admins may list everyone's tokens");
      return json(200, { items: tokens.filter((t) => all || t.owner === ctx.user).map((t) => ({ ...t })) });
    }),
    route('POST', '/api/v1/tokens', (call, ctx) => {
      const b = bodyOf(call);
      if (!b.name) return problem(400, "name: 1-100 letters, digits, spaces, '.', '_' or '-'", 'name');
      const id = `id${tokens.length + 1}`;
      const days = Number(b.expiresInDays ?? 0);
      const t: FakeToken = {
        id,
        owner: ctx.user,
        name: String(b.name),
        scopes: Array.isArray(b.scopes) ? b.scopes.map(String) : [],
        created: now(),
        expires: days ? new Date(Date.parse(now()) + days * 864e5).toISOString() : null,
        revoked: null,
        parent: null,
      };
      tokens.push(t);
      tokenSecrets.set(id, 's3cr3t');
      record(ctx.user, 'POST /api/v1/tokens', id);
      return json(201, { token: t, secret: `stk_${id}_s3cr3t` });
    }),
    route('DELETE', '/api/v1/tokens/{id}', (_call, ctx, { id }) => {
      const t = tokens.find((x) => x.id === id && !x.revoked && (x.owner === ctx.user || ctx.need('admin')));
      if (!t) return problem(404, 'token not found');
      t.revoked = now();
      record(ctx.user, `DELETE /api/v1/tokens/${id}`, id);
      return noContent();
    }),
    route('GET', '/api/v1/audit/verify', (_call, ctx) => admin(ctx) ?? json(200, state.chain ?? { intact: true, checked: audit.length, firstBrokenSeq: null, reason: null })),
    route('GET', '/api/v1/audit', ({ query }, ctx) => {
      if (!ctx.need('lead')) return ctx.forbid('lead');
      const outcome = query.get('outcome');
      if (outcome && !['success', 'denied', 'failed'].includes(outcome.toLowerCase())) return problem(400, 'outcome: one of success, denied, failed', 'outcome');
      const items = audit.filter(
        (e) =>
          (!query.get('actor') || e.record.actor === query.get('actor')) &&
          (!outcome || e.record.outcome === outcome.toUpperCase()) &&
          (!query.get('action') || e.record.action.startsWith(query.get('action')!)),
      );
      return page(items, query);
    }),
  ];
  const authed = router(routes);

  /**
   * Answers a call with the routes here and `more` (the other parts' routes), after authentication; undefined
   * when none of them serves it (the caller's own routes may).
   */
  const serve = (call: Call, more: (call: Call, ctx: Ctx) => Answer | undefined = () => undefined): { answer?: Answer; user?: FakeUser; ctx?: Ctx } => {
    const opened = open(call, {} as Ctx);
    if (opened) return { answer: opened };
    const who = authenticate(call);
    if (who instanceof Response) return { answer: who };
    const ctx = ctxOf(who.user);
    return { answer: authed(call, ctx) ?? more(call, ctx), user: who.user, ctx };
  };

  /** Finishes a single sign-on of `username` at the provider: returns the code the callback hands the console. */
  const ssoHandoff = (username: string) => {
    const code = `sso-${username}-${ssoHandoffs.size + 1}`;
    ssoHandoffs.set(code, username);
    return code;
  };

  return { users, sessions, tokens, audit, state, record, addUser, session, ssoHandoff, authenticate, serve, routes: [...openRoutes, ...routes] };
}
