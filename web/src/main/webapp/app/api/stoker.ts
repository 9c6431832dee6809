/**
 * Typed calls of Stoker's REST API over one {@link ApiClient}. Values the server sends as
 * enum names (roles in upper case) are normalised here, so the rest of the console sees one form.
 */
import type { ApiClient } from './client';
import { telemetryApi } from './telemetry';
import { documentsApi } from './documents';
import type {
  AcceptedEnvironment,
  Approval,
  Artifact,
  ArtifactKind,
  EnvironmentBackup,
  UpgradeTarget,
  Branch,
  ChangeKind,
  Deployment,
  DeploymentStatus,
  PipelineFile,
  PipelineValidation,
  Run,
  RunStatus,
  StepStatus,
  ImportRequest,
  Merge,
  MergeStatus,
  NewRelease,
  NewSecret,
  Project,
  DiffQuery,
  ProjectDiff,
  ProjectTree,
  Release,
  Resolution,
  Revision,
  SecretMetadata,
  SecretScope,
  SecretScopeLevel,
  SecretType,
  ApiToken,
  SsoProvider,
  ProjectMember,
  ProjectMembers,
  ServiceAccount,
  AuditEntry,
  AuditFilter,
  ChainVerification,
  Environment,
  EnvironmentAction,
  EnvironmentRequest,
  EnvironmentState,
  GatewayMetrics,
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
const member = (m: ProjectMember): ProjectMember => ({
  ...m,
  kind: String(m.kind).toLowerCase() as ProjectMember['kind'],
  role: role(m.role),
  stage: m.stage ? String(m.stage).toLowerCase() : null,
});

/** Who a binding names, and on which stage (none: the whole project). */
export interface MemberRef {
  kind: 'user' | 'group';
  name: string;
  stage?: string | null;
}
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

/** A scope as the server sends it ({level, id}); a text form (`project:p1`) is accepted too. */
const secretScope = (s: unknown): SecretScope => {
  if (typeof s === 'string') {
    const colon = s.indexOf(':');
    return { level: upper<SecretScopeLevel>(colon < 0 ? s : s.slice(0, colon)), id: colon < 0 ? '' : s.slice(colon + 1) };
  }
  const o = (s ?? {}) as Partial<SecretScope>;
  return { level: upper<SecretScopeLevel>(o.level ?? 'WORKSPACE'), id: o.id ?? '' };
};
export const secretMetadata = (m: SecretMetadata): SecretMetadata => ({
  ...m,
  scope: secretScope(m.scope),
  type: upper<SecretType>(m.type).replace(/-/g, '_') as SecretType,
  expires: m.expires ?? null,
  attributes: m.attributes ?? {},
});
const projectPath = (p: string) => `/projects/${encodeURIComponent(p)}`;
const project = (p: Project): Project => ({ ...p, description: p.description ?? '', head: p.head ?? null });
const merge = (m: Merge): Merge => ({
  ...m,
  status: upper<MergeStatus>(m.status),
  conflicts: (m.conflicts ?? []).map((c) => ({ ...c, resolved: !!c.resolved, resolution: c.resolution ?? null })),
  revision:
    m.revision == null ? null : typeof m.revision === 'string' ? { id: m.revision, author: '', message: '', time: '' } : (m.revision as Revision),
});
const diff = (d: ProjectDiff): ProjectDiff => {
  const changes = (d.changes ?? []).map((c) => ({
    ...c,
    kind: upper<ChangeKind>(c.kind),
    oldPath: c.oldPath ?? null,
    properties: c.properties ?? [],
    textDiff: c.textDiff ?? null,
    runtimeValues: c.runtimeValues ?? [],
  }));
  return {
    ...d,
    changes,
    offset: d.offset ?? 0,
    limit: d.limit ?? changes.length,
    total: d.total ?? changes.length,
    kinds: { ADDED: 0, REMOVED: 0, MODIFIED: 0, RENAMED: 0, ...(d.kinds ?? {}) },
    runtimeOnly: d.runtimeOnly ?? 0,
  };
};
export const run = (r: Run): Run => ({
  ...r,
  status: upper<RunStatus>(r.status),
  stages: (r.stages ?? []).map((s) => ({
    ...s,
    environment: s.environment ?? null,
    status: upper<StepStatus>(s.status),
    steps: (s.steps ?? []).map((x) => ({ ...x, status: upper<StepStatus>(x.status), attempts: x.attempts ?? 0 })),
  })),
  approvals: (r.approvals ?? []).map((a) => ({ ...a, decision: upper<Approval['decision']>(a.decision) })),
});
const runPage = (page: Page<Run>): Page<Run> => ({ ...page, items: (page.items ?? []).map(run), total: page.total ?? page.items?.length ?? 0 });
const runPath = (id: string) => `/runs/${encodeURIComponent(id)}`;

/** Lists the API answers either bare or as `{items}`. */
const list = <T>(v: T[] | { items?: T[] } | undefined): T[] => (Array.isArray(v) ? v : (v?.items ?? []));

export function stokerApi(client: ApiClient) {
  return {
    // ---- monitoring: the fleet, history, alerts and rules, logs (api/telemetry.ts)
    ...telemetryApi(client),
    ...documentsApi(client),

    signIn: (username: string, password: string) =>
      client.request<TokenAnswer>('POST', '/auth/token', { body: { username, password }, anonymous: true }),

    /** The OpenID Connect providers to offer on the sign-in page. */
    ssoProviders: async (): Promise<SsoProvider[]> =>
      (await client.request<{ items: SsoProvider[] }>('GET', '/auth/oidc/providers', { anonymous: true })).items ?? [],

    /** Trades the one-time code of a finished single sign-on for the session. */
    ssoSession: (code: string) =>
      client.request<TokenAnswer>('POST', '/auth/oidc/session', { body: { code }, anonymous: true }),

    /** Ends the user's sessions on the server. */
    signOut: () => client.request<void>('POST', '/auth/logout'),

    me: async (): Promise<Me> => {
      const me = await client.request<Me>('GET', '/auth/me');
      return { ...me, role: role(me.role), scopes: lowerScopes(me.scopes) };
    },

    health: async (): Promise<Health> => {
      // with the session's token: the components are shown to signed-in users only (anonymous: status only)
      const h = await client.request<Health>('GET', '/health', { acceptStatus: [503] });
      return {
        status: upper(h?.status),
        components: (h?.components ?? []).map((c) => ({ ...c, status: upper(c.status) })),
      };
    },

    platforms: async (): Promise<Platform[]> =>
      (await client.request<{ items: Platform[] }>('GET', '/platforms')).items ?? [],
    platform: async (id: string): Promise<Platform> => {
      const p = await client.request<Platform>('GET', `/platforms/${encodeURIComponent(id)}`);
      return { ...p, versions: p.versions ?? [], capabilities: p.capabilities ?? [] };
    },

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
    serviceAccounts: async (): Promise<ServiceAccount[]> =>
      ((await client.request<{ items: ServiceAccount[] }>('GET', '/service-accounts')).items ?? []).map((a) => ({ ...a, role: role(a.role) })),
    createServiceAccount: async (name: string, accountRole: Role): Promise<ServiceAccount> => {
      const a = await client.request<ServiceAccount>('POST', '/service-accounts', { body: { name, role: accountRole } });
      return { ...a, role: role(a.role) };
    },
    deleteServiceAccount: (name: string) => client.request<void>('DELETE', `/service-accounts/${encodeURIComponent(name)}`),
    serviceAccountTokens: async (name: string): Promise<ApiToken[]> =>
      (await client.request<{ items: ApiToken[] }>('GET', `/service-accounts/${encodeURIComponent(name)}/tokens`)).items ?? [],
    issueServiceAccountToken: (account: string, name: string, scopes: Scope[], expiresInDays: number) =>
      client.request<IssuedToken>('POST', `/service-accounts/${encodeURIComponent(account)}/tokens`, {
        body: { name, scopes, expiresInDays },
      }),
    revokeServiceAccountToken: (account: string, id: string) =>
      client.request<void>('DELETE', `/service-accounts/${encodeURIComponent(account)}/tokens/${encodeURIComponent(id)}`),

    projectMembers: async (project: string): Promise<ProjectMembers> => {
      const m = await client.request<ProjectMembers>('GET', `/projects/${encodeURIComponent(project)}/members`);
      return { restricted: m.restricted, items: (m.items ?? []).map(member) };
    },
    putProjectMember: async (project: string, who: MemberRef, memberRole: Role): Promise<ProjectMember> =>
      member(
        await client.request<ProjectMember>('PUT', `/projects/${encodeURIComponent(project)}/members`, {
          body: { [who.kind]: who.name, role: memberRole, stage: who.stage ?? undefined },
        }),
      ),
    removeProjectMember: (project: string, who: MemberRef) =>
      client.request<void>('DELETE', `/projects/${encodeURIComponent(project)}/members`, {
        query: { [who.kind]: who.name, stage: who.stage ?? undefined },
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
    /** The log as server-sent events (`log` per line, `end` when the container goes); read it with lib/sse. */
    environmentLogEvents: (id: string, tail: number, signal?: AbortSignal): Promise<Response> =>
      client.raw('GET', `${envPath(id)}/logs`, { query: { tail, follow: true }, accept: 'text/event-stream, application/problem+json', signal }),
    /** Backups Stoker took of the environment, newest first. */
    environmentBackups: async (id: string, offset: number, limit: number): Promise<Page<EnvironmentBackup>> => {
      const page = await client.request<Page<EnvironmentBackup>>('GET', `${envPath(id)}/backups`, { query: { offset, limit } });
      return { ...page, items: page.items ?? [], total: page.total ?? page.items?.length ?? 0 };
    },
    /** Takes a backup now (RUNNING only); without `apiKeySecret` the configured default is used. */
    backupEnvironment: async (id: string, apiKeySecret?: string): Promise<Operation> =>
      operation(await client.request<Operation>('POST', `${envPath(id)}/backups`, { body: apiKeySecret ? { apiKeySecret } : {} })),
    /** `backup`: a backup id of the environment or the sha256 of a backup artifact. */
    restoreEnvironment: async (id: string, backup: string): Promise<Operation> =>
      operation(await client.request<Operation>('POST', `${envPath(id)}/restore`, { body: { backup } })),
    rollbackEnvironment: async (id: string, backup: string): Promise<Operation> =>
      operation(await client.request<Operation>('POST', `${envPath(id)}/rollback`, { body: { backup } })),
    upgradeEnvironment: async (id: string, target: UpgradeTarget): Promise<Operation> =>
      operation(await client.request<Operation>('POST', `${envPath(id)}/upgrade`, { body: target })),
    /**
     * Uploads a module, JDBC driver or backup file (multipart part `file`); the server checks what it is. With a
     * `project`, only that project's members see it and only its engineers use it.
     */
    uploadArtifact: async (file: File, project?: string): Promise<Artifact> => {
      const form = new FormData();
      form.append('file', file, file.name);
      const a = await client.request<Artifact>('POST', '/artifacts', { body: form, query: { project } });
      return { ...a, kind: String(a.kind ?? '').toLowerCase() as ArtifactKind, attributes: a.attributes ?? {}, project: a.project ?? null };
    },
    /** The operations of one environment, newest first. */
    operations: async (target: string, offset: number, limit: number): Promise<Page<Operation>> => {
      const page = await client.request<Page<Operation>>('GET', '/operations', { query: { target, offset, limit } });
      return { ...page, items: (page.items ?? []).map(operation), total: page.total ?? page.items?.length ?? 0 };
    },
    /** A live sample of a RUNNING gateway's metrics (409 when not running, 502 when the gateway does not answer). */
    environmentMetrics: async (id: string, signal?: AbortSignal): Promise<GatewayMetrics> => {
      const m = await client.request<GatewayMetrics>('GET', `${envPath(id)}/metrics`, { signal });
      const metrics: Record<string, number> = {};
      for (const [k, v] of Object.entries(m?.metrics ?? {})) {
        const n = typeof v === 'number' ? v : Number(v);
        if (v !== null && Number.isFinite(n)) metrics[k] = n;
      }
      return { environment: m?.environment ?? id, time: m?.time ?? new Date().toISOString(), metrics };
    },
    operation: async (id: string): Promise<Operation> =>
      operation(await client.request<Operation>('GET', `/operations/${encodeURIComponent(id)}`)),
    /** The operation's progress as a server-sent event stream (read it with lib/sse). */
    operationEvents: (id: string, signal?: AbortSignal): Promise<Response> =>
      client.raw('GET', `/operations/${encodeURIComponent(id)}/events`, { accept: 'text/event-stream, application/problem+json', signal }),
    orphans: async (): Promise<Orphan[]> => (await client.request<{ items: Orphan[] }>('GET', '/environments/orphans')).items ?? [],
    removeOrphan: (host: string, containerId: string) =>
      client.request<void>('DELETE', `/environments/orphans/${encodeURIComponent(host)}/${encodeURIComponent(containerId)}`),

    // ---- secrets: metadata only; values go in and never come back
    secrets: async (scope: string, offset: number, limit: number): Promise<Page<SecretMetadata>> => {
      const page = await client.request<Page<SecretMetadata>>('GET', '/secrets', { query: { scope, offset, limit } });
      return { ...page, items: (page.items ?? []).map(secretMetadata) };
    },
    secret: async (scope: string, path: string, version?: number): Promise<SecretMetadata> =>
      secretMetadata(await client.request<SecretMetadata>('GET', '/secrets/metadata', { query: { scope, path, version } })),
    secretVersions: async (scope: string, path: string): Promise<SecretMetadata[]> =>
      ((await client.request<SecretMetadata[]>('GET', '/secrets/versions', { query: { scope, path } })) ?? []).map(secretMetadata),
    writeSecret: async (body: NewSecret): Promise<SecretMetadata> =>
      secretMetadata(await client.request<SecretMetadata>('POST', '/secrets', { body })),
    rollbackSecret: async (scope: string, path: string, version: number): Promise<SecretMetadata> =>
      secretMetadata(await client.request<SecretMetadata>('POST', '/secrets/rollback', { body: { scope, path, version } })),
    /** Generates a new value (passwords and API tokens only). */
    rotateSecret: async (scope: string, path: string): Promise<SecretMetadata> =>
      secretMetadata(await client.request<SecretMetadata>('POST', '/secrets/rotate', { body: { scope, path } })),
    scheduleSecret: async (scope: string, path: string, rotationDays: number): Promise<SecretMetadata> =>
      secretMetadata(await client.request<SecretMetadata>('PUT', '/secrets/schedule', { body: { scope, path, rotationDays } })),
    deleteSecret: (scope: string, path: string) => client.request<void>('DELETE', '/secrets', { query: { scope, path } }),

    // ---- projects
    projects: async (offset: number, limit: number): Promise<Page<Project>> => {
      const page = await client.request<Page<Project>>('GET', '/projects', { query: { offset, limit } });
      return { ...page, items: (page.items ?? []).map(project) };
    },
    project: async (name: string): Promise<Project> => project(await client.request<Project>('GET', projectPath(name))),
    createProject: async (body: { name: string; platform: string; description?: string }): Promise<Project> =>
      project(await client.request<Project>('POST', '/projects', { body })),
    branches: async (p: string): Promise<Branch[]> =>
      list(await client.request<Branch[] | { items: Branch[] }>('GET', `${projectPath(p)}/branches`)),
    createBranch: (p: string, name: string, from?: string) =>
      client.request<Branch>('POST', `${projectPath(p)}/branches`, { body: from ? { name, from } : { name } }),
    deleteBranch: (p: string, branch: string) => client.request<void>('DELETE', `${projectPath(p)}/branches/${encodeURIComponent(branch)}`),
    /** Imports a project export zip and/or a tag export as a new revision (multipart). */
    importProject: (p: string, r: ImportRequest): Promise<Revision> => {
      const form = new FormData();
      if (r.project) form.append('project', r.project, r.project instanceof File ? r.project.name : 'project.zip');
      if (r.tags) form.append('tags', r.tags, r.tags instanceof File ? r.tags.name : 'tags.json');
      return client.request<Revision>('POST', `${projectPath(p)}/imports`, {
        body: form,
        query: { branch: r.branch, message: r.message, expectedHead: r.expectedHead },
      });
    },
    history: (p: string, branch: string | undefined, offset: number, limit: number) =>
      client.request<Page<Revision>>('GET', `${projectPath(p)}/history`, { query: { branch, offset, limit } }),
    tree: async (p: string, rev?: string): Promise<ProjectTree> => {
      const t = await client.request<ProjectTree>('GET', `${projectPath(p)}/tree`, { query: { rev } });
      return { ...t, resources: t.resources ?? [], hasTags: !!t.hasTags };
    },
    /** A file of a revision as text (JSON, scripts; binary files come out as replacement characters). */
    projectFile: async (p: string, rev: string | undefined, path: string, signal?: AbortSignal): Promise<string> =>
      (await client.raw('GET', `${projectPath(p)}/file`, { query: { rev, path }, accept: '*/*', signal })).text(),
    diff: async (p: string, from: string, to: string, q: DiffQuery = {}): Promise<ProjectDiff> =>
      diff(await client.request<ProjectDiff>('GET', `${projectPath(p)}/diff`, { query: { from, to, ...q } })),
    startMerge: async (p: string, body: { source: string; target: string; message?: string }): Promise<Merge> =>
      merge(await client.request<Merge>('POST', `${projectPath(p)}/merges`, { body })),
    merge: async (p: string, id: string): Promise<Merge> =>
      merge(await client.request<Merge>('GET', `${projectPath(p)}/merges/${encodeURIComponent(id)}`)),
    resolveMerge: async (p: string, id: string, resolutions: Resolution[]): Promise<Merge> =>
      merge(await client.request<Merge>('PUT', `${projectPath(p)}/merges/${encodeURIComponent(id)}/resolutions`, { body: resolutions })),
    commitMerge: (p: string, id: string) => client.request<Revision>('POST', `${projectPath(p)}/merges/${encodeURIComponent(id)}/commit`),
    abandonMerge: (p: string, id: string) => client.request<void>('DELETE', `${projectPath(p)}/merges/${encodeURIComponent(id)}`),
    releases: async (p: string): Promise<Release[]> =>
      list(await client.request<Release[] | { items: Release[] }>('GET', `${projectPath(p)}/releases`)),
    createRelease: (p: string, body: NewRelease) => client.request<Release>('POST', `${projectPath(p)}/releases`, { body }),
    /** The Ignition project export of a revision (zip), fetched with the session's token. */

    // ---- pipelines and runs
    pipeline: (p: string, rev?: string) => client.request<PipelineFile>('GET', `${projectPath(p)}/pipeline`, { query: { rev } }),
    /** Saves `stoker/pipeline.yaml` (a commit); 400 names the field with `line N` in the detail. */
    savePipeline: (p: string, yaml: string, expectedHead?: string) =>
      client.request<PipelineFile>('PUT', `${projectPath(p)}/pipeline`, { body: expectedHead ? { yaml, expectedHead } : { yaml } }),
    validatePipeline: async (p: string, yaml: string, signal?: AbortSignal): Promise<PipelineValidation> => {
      const v = await client.request<PipelineValidation>('POST', `${projectPath(p)}/pipeline/validate`, { body: { yaml }, signal });
      return { valid: !!v.valid, errors: v.errors ?? [] };
    },
    /** Runs of one project, or of all when `project` is undefined; newest first. */
    runs: async (project: string | undefined, offset: number, limit: number): Promise<Page<Run>> =>
      runPage(
        project === undefined
          ? await client.request<Page<Run>>('GET', '/runs', { query: { offset, limit } })
          : await client.request<Page<Run>>('GET', `${projectPath(project)}/runs`, { query: { offset, limit } }),
      ),
    startRun: async (p: string, body: { rev?: string; reason?: string }): Promise<Run> =>
      run(await client.request<Run>('POST', `${projectPath(p)}/runs`, { body })),
    run: async (id: string, signal?: AbortSignal): Promise<Run> => run(await client.request<Run>('GET', runPath(id), { signal })),
    /** The run as server-sent events (`run` on each change, `done` at the end); read it with lib/sse. */
    runEvents: (id: string, signal?: AbortSignal): Promise<Response> =>
      client.raw('GET', `${runPath(id)}/events`, { accept: 'text/event-stream, application/problem+json', signal }),
    stepLog: async (id: string, step: string, signal?: AbortSignal): Promise<string> =>
      (await client.raw('GET', `${runPath(id)}/steps/${encodeURIComponent(step)}/log`, { accept: 'text/plain, application/problem+json', signal })).text(),
    decideRun: async (id: string, stage: string, decision: 'approve' | 'reject', comment?: string): Promise<Run> =>
      run(await client.request<Run>('POST', `${runPath(id)}/approvals`, { body: comment ? { stage, decision, comment } : { stage, decision } })),
    cancelRun: async (id: string): Promise<Run> => run(await client.request<Run>('POST', `${runPath(id)}/cancel`)),
    retryRun: async (id: string): Promise<Run> => run(await client.request<Run>('POST', `${runPath(id)}/retry`)),
    /** What was deployed where, newest first. */
    deployments: async (filter: { environment?: string; project?: string }, offset: number, limit: number): Promise<Page<Deployment>> => {
      const page = await client.request<Page<Deployment>>('GET', '/deployments', { query: { ...filter, offset, limit } });
      return {
        ...page,
        items: (page.items ?? []).map((d) => ({ ...d, status: upper<DeploymentStatus>(d.status), approvedBy: d.approvedBy ?? [] })),
        total: page.total ?? page.items?.length ?? 0,
      };
    },
    /** Starts a run that deploys that deployment's release again (201 run). */
    rollbackDeployment: async (id: string, reason?: string): Promise<Run> =>
      run(await client.request<Run>('POST', `/deployments/${encodeURIComponent(id)}/rollback`, { body: reason ? { reason } : {} })),
    exportProject: (p: string, rev: string) => client.download('GET', `${projectPath(p)}/export`, { query: { rev }, accept: 'application/zip, application/problem+json' }),
  };
}

export type StokerApi = ReturnType<typeof stokerApi>;
