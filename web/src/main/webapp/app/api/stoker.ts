/**
 * Typed calls of Stoker's REST API over one {@link ApiClient}. Values the server sends as
 * enum names (roles in upper case) are normalised here, so the rest of the console sees one form.
 */
import type { ApiClient } from './client';
import type {
  ApiToken,
  AuditEntry,
  AuditFilter,
  ChainVerification,
  Health,
  IssuedToken,
  Me,
  Page,
  Platform,
  Role,
  Scope,
  TokenAnswer,
  User,
} from './types';

const role = (r: unknown): Role => String(r ?? '').toLowerCase() as Role;
const user = (u: User): User => ({ ...u, role: role(u.role) });
const upper = <T extends string>(v: unknown): T => String(v ?? '').toUpperCase() as T;
const lowerScopes = (s: unknown): Scope[] =>
  Array.isArray(s) ? s.map((x) => String(x).toLowerCase() as Scope).sort() : [];

export function stokerApi(client: ApiClient) {
  return {
    signIn: (username: string, password: string) =>
      client.request<TokenAnswer>('POST', '/auth/token', { body: { username, password }, anonymous: true }),

    me: async (): Promise<Me> => {
      const me = await client.request<Me>('GET', '/auth/me');
      return { ...me, role: role(me.role), scopes: lowerScopes(me.scopes) };
    },

    health: async (): Promise<Health> => {
      const h = await client.request<Health>('GET', '/health', { acceptStatus: [503], anonymous: true });
      return {
        status: upper(h?.status),
        components: (h?.components ?? []).map((c) => ({ ...c, status: upper(c.status) })),
      };
    },

    platforms: async (): Promise<Platform[]> =>
      (await client.request<{ items: Platform[] }>('GET', '/platforms')).items ?? [],

    users: async (offset: number, limit: number): Promise<Page<User>> => {
      const page = await client.request<Page<User>>('GET', '/users', { query: { offset, limit } });
      return { ...page, items: page.items.map(user) };
    },
    createUser: async (username: string, r: Role, password: string) =>
      user(await client.request<User>('POST', '/users', { body: { username, role: r, password } })),
    changeUser: async (username: string, change: { role?: Role; password?: string }) =>
      user(await client.request<User>('PATCH', `/users/${encodeURIComponent(username)}`, { body: change })),
    deleteUser: (username: string) => client.request<void>('DELETE', `/users/${encodeURIComponent(username)}`),

    tokens: async (all = false): Promise<ApiToken[]> =>
      ((await client.request<{ items: ApiToken[] }>('GET', '/tokens', { query: { all: all || undefined } })).items ?? []).map(
        (t) => ({ ...t, scopes: lowerScopes(t.scopes) }),
      ),
    createToken: (name: string, scopes: Scope[], expiresInDays?: number) =>
      client.request<IssuedToken>('POST', '/tokens', {
        body: expiresInDays === undefined ? { name, scopes } : { name, scopes, expiresInDays },
      }),
    revokeToken: (id: string) => client.request<void>('DELETE', `/tokens/${encodeURIComponent(id)}`),

    audit: async (filter: AuditFilter, offset: number, limit: number): Promise<Page<AuditEntry>> => {
      const page = await client.request<Page<AuditEntry>>('GET', '/audit', {
        query: { ...filter, offset, limit },
      });
      return {
        ...page,
        items: page.items.map((e) => ({ ...e, record: { ...e.record, outcome: upper(e.record.outcome) } })),
      };
    },
    verifyAudit: () => client.request<ChainVerification>('GET', '/audit/verify'),
  };
}

export type StokerApi = ReturnType<typeof stokerApi>;
