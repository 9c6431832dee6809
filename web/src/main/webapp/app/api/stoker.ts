/**
 * Typed calls of Stoker's REST API over one {@link ApiClient}. Values the server sends as
 * enum names (roles in upper case) are normalised here, so the rest of the console sees one form.
 */
import type { ApiClient } from './client';
import type {
  AcceptedEnvironment,
  ApiToken,
  AuditEntry,
  AuditFilter,
  ChainVerification,
  Environment,
  EnvironmentAction,
  EnvironmentRequest,
  EnvironmentState,
  Health,
  IssuedToken,
  Me,
  Operation,
  OperationStatus,
  Orphan,
  Page,
  Platform,
  Role,
  Scope,
  Stage,
  TokenAnswer,
  User,
} from './types';

const role = (r: unknown): Role => String(r ?? '').toLowerCase() as Role;
const user = (u: User): User => ({ ...u, role: role(u.role) });
const upper = <T extends string>(v: unknown): T => String(v ?? '').toUpperCase() as T;
const lowerScopes = (s: unknown): Scope[] =>
  Array.isArray(s) ? s.map((x) => String(x).toLowerCase() as Scope).sort() : [];

const environment = (e: Environment): Environment => ({
  ...e,
  state: upper<EnvironmentState>(e.state),
  endpoints: e.endpoints ?? {},
  spec: {
    ...e.spec,
    stage: upper<Stage>(e.spec?.stage),
    modules: e.spec?.modules ?? [],
    jdbcDrivers: e.spec?.jdbcDrivers ?? [],
    secrets: e.spec?.secrets ?? {},
    ports: e.spec?.ports ?? {},
    labels: e.spec?.labels ?? {},
  },
});
export const operation = (o: Operation): Operation => ({
  ...o,
  status: upper<OperationStatus>(o.status),
  percent: Math.max(0, Math.min(100, Number(o.percent) || 0)),
});
const envPath = (id: string) => `/environments/${encodeURIComponent(id)}`;

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

    environments: async (offset: number, limit: number): Promise<Page<Environment>> => {
      const page = await client.request<Page<Environment>>('GET', '/environments', { query: { offset, limit } });
      return { ...page, items: (page.items ?? []).map(environment) };
    },
    environment: async (id: string): Promise<Environment> => environment(await client.request<Environment>('GET', envPath(id))),
    createEnvironment: async (body: EnvironmentRequest): Promise<AcceptedEnvironment> => {
      const a = await client.request<AcceptedEnvironment>('POST', '/environments', { body });
      return { environment: environment(a.environment), operation: operation(a.operation) };
    },
    changeEnvironment: async (id: string, action: EnvironmentAction): Promise<Operation> =>
      operation(await client.request<Operation>('POST', `${envPath(id)}/${action}`)),
    destroyEnvironment: async (id: string, volume: 'keep' | 'delete'): Promise<Operation> =>
      operation(await client.request<Operation>('DELETE', envPath(id), { query: { volume } })),
    environmentLogs: async (id: string, tail = 200, signal?: AbortSignal): Promise<string> =>
      (await client.raw('GET', `${envPath(id)}/logs`, { query: { tail }, accept: 'text/plain, application/problem+json', signal })).text(),
    operation: async (id: string): Promise<Operation> =>
      operation(await client.request<Operation>('GET', `/operations/${encodeURIComponent(id)}`)),
    /** The operation's progress as a server-sent event stream (read it with lib/sse). */
    operationEvents: (id: string, signal?: AbortSignal): Promise<Response> =>
      client.raw('GET', `/operations/${encodeURIComponent(id)}/events`, { accept: 'text/event-stream, application/problem+json', signal }),
    orphans: async (): Promise<Orphan[]> => (await client.request<{ items: Orphan[] }>('GET', '/environments/orphans')).items ?? [],
    removeOrphan: (host: string, containerId: string) =>
      client.request<void>('DELETE', `/environments/orphans/${encodeURIComponent(host)}/${encodeURIComponent(containerId)}`),
  };
}

export type StokerApi = ReturnType<typeof stokerApi>;
