/**
 * Shapes of Stoker's REST API (/api/v1), as the console uses them. Over 500 lines on purpose: it is the
 * console's half of the contract, held as a whole against the OpenAPI document by types.test-d.ts.
 */

export type Role = 'admin' | 'lead' | 'engineer' | 'viewer';
export type Scope = 'read' | 'write' | 'admin';
export type HealthStatus = 'UP' | 'DEGRADED' | 'DOWN';
export type AuditOutcome = 'SUCCESS' | 'DENIED' | 'FAILED';

export interface Page<T> {
  items: T[];
  offset: number;
  limit: number;
  total: number;
}

export interface TokenAnswer {
  access_token: string;
  token_type: string;
  expires_in: number;
  /** the user signed in with a generated password (the first admin's) and should set their own */
  password_change_required: boolean;
}

/** An OpenID Connect provider the sign-in page offers. */
export interface SsoProvider {
  name: string;
  displayName: string;
}

/** A non-human principal owned by a lead; acts through its tokens only. */
export interface ServiceAccount {
  name: string;
  role: Role;
  owner: string;
  created: string;
}

/** A role binding on one project, or on one stage of it (`stage` null: the whole project). */
export interface ProjectMember {
  project: string;
  kind: 'user' | 'group';
  name: string;
  role: Role;
  stage: string | null;
  createdBy: string;
  created: string;
}

/** A project's members; `restricted` when only they (and admins) see the project. */
export interface ProjectMembers {
  items: ProjectMember[];
  restricted: boolean;
}

export interface Me {
  username: string;
  role: Role;
  /** Empty for a signed-in session (everything the role allows); the granted scopes for an API token. */
  scopes: Scope[];
}

export interface ComponentHealth {
  component: string;
  status: HealthStatus;
  detail: string;
}

export interface Health {
  status: HealthStatus;
  components: ComponentHealth[];
}

export interface PlatformVersion {
  line: string;
  defaultVersion: string;
  defaultImage: string;
}

export type PlatformCapability = 'RUNTIME' | 'GATEWAY_CLIENT' | 'PROJECT_CODEC' | 'SEMANTIC_MERGE' | 'TAGS' | 'BACKUP' | 'METRICS';

export interface Platform {
  id: string;
  displayName: string;
  vendor: string;
  adapterVersion: string;
  versions: PlatformVersion[];
  capabilities: PlatformCapability[];
}

export interface User {
  username: string;
  role: Role;
  created: string;
  createdBy: string;
  /** a disabled user cannot sign in; their sessions ended and their tokens are refused */
  disabled: boolean;
}

export interface ApiToken {
  id: string;
  owner: string;
  name: string;
  scopes: Scope[];
  created: string;
  expires: string | null;
  revoked: string | null;
  /** the API token that issued this one (it never outlives it), or null */
  parent: string | null;
}

export interface IssuedToken {
  token: ApiToken;
  secret: string;
}

export interface AuditRecord {
  actor: string;
  action: string;
  target: string;
  sourceAddress: string;
  outcome: AuditOutcome;
  detail: string;
}

export interface AuditEntry {
  seq: number;
  time: string;
  record: AuditRecord;
  previousHash: string;
  hash: string;
}

export interface ChainVerification {
  intact: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

export type EnvironmentState = 'REQUESTED' | 'PROVISIONING' | 'STARTING' | 'RUNNING' | 'STOPPED' | 'FAILED' | 'DESTROYED';
export type Stage = 'DEV' | 'TEST' | 'STAGING' | 'QA' | 'PROD';
export type OperationStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface ArtifactRef {
  sha256: string;
  fileName: string;
}

export interface EnvironmentSpec {
  name: string;
  platform: string;
  version: string | null;
  image: string | null;
  stage: Stage;
  modules: ArtifactRef[];
  jdbcDrivers: ArtifactRef[];
  /** platform variable → secret path (never a value) */
  secrets: Record<string, string>;
  restoreBackup: ArtifactRef | null;
  ports: Record<string, number>;
  limits: { memoryBytes: number; cpus: number } | null;
  /** ISO-8601 duration ("PT30M") or seconds, depending on the server's Jackson settings; null when unset */
  ttl: string | number | null;
  idleTimeout: string | number | null;
  labels: Record<string, string>;
  /** the runtime host (site) asked for; null for the default one */
  host: string | null;
}

export interface Environment {
  id: string;
  spec: EnvironmentSpec;
  state: EnvironmentState;
  stateReason: string | null;
  runtimeHost: string | null;
  /** port name → address, e.g. http → http://127.0.0.1:40001 */
  endpoints: Record<string, string>;
  createdBy: string;
  created: string;
  updated: string;
}

export interface Operation {
  id: string;
  kind: string;
  target: string;
  status: OperationStatus;
  step: string | null;
  percent: number;
  message: string | null;
  startedBy: string;
  started: string;
  finished: string | null;
}

/** The body of POST /environments; leave optional fields out rather than sending null. */
export interface EnvironmentRequest {
  name: string;
  platform: string;
  version?: string;
  image?: string;
  stage: string;
  ports?: Record<string, number>;
  memoryMb?: number;
  cpus?: number;
  ttlMinutes?: number;
  idleTimeoutMinutes?: number;
  secrets?: Record<string, string>;
  labels?: Record<string, string>;
  /** uploaded artifacts by sha256 (the file name defaults to the uploaded one) */
  modules?: ArtifactRef[];
  jdbcDrivers?: ArtifactRef[];
  restoreBackup?: ArtifactRef;
  /** runtime host (site) to run on; the configured default when left out */
  host?: string;
}

/** What an uploaded file is (the API sends it in lower case). */
export type ArtifactKind = 'module' | 'jdbc' | 'backup';

/** A file in Stoker's blob store: a module, a JDBC driver or a gateway backup. */
export interface Artifact {
  sha256: string;
  size: number;
  fileName: string;
  kind: ArtifactKind;
  attributes: Record<string, string>;
  createdBy: string;
  created: string;
  /** the project it was uploaded for (only its members see and use it); null for everyone */
  project: string | null;
}

/** A backup Stoker took of an environment's gateway. */
export interface EnvironmentBackup {
  id: string;
  environmentId: string;
  sha256: string;
  size: number;
  image: string;
  version: string | null;
  createdBy: string;
  created: string;
}

/** POST /environments/{id}/upgrade: a version or an image. */
export type UpgradeTarget = { version: string } | { image: string };

export interface AcceptedEnvironment {
  environment: Environment;
  operation: Operation;
}

export type EnvironmentAction = 'start' | 'stop' | 'restart';

/**
 * One sample of a running gateway's metrics (`GET /environments/{id}/metrics`). Keys may be missing:
 * `memory.used.bytes`, `memory.committed.bytes`, `memory.max.bytes`, `cpu.usage` and
 * `cpu.system.usage` (0..1), `cpu.processors`, `threads`, `uptime.seconds`.
 */
export interface GatewayMetrics {
  environment: string;
  /** when Stoker took the sample (ISO instant) */
  time: string;
  metrics: Record<string, number>;
}

export interface ContainerInfo {
  id: string;
  name: string;
  image: string;
  running: boolean;
  ports: Record<string, number>;
  labels: Record<string, string>;
}

export interface Orphan {
  runtimeHost: string;
  container: ContainerInfo;
  reason: string;
}

// ---- secrets (SecretResource; values are write-only and never part of these shapes)

export type SecretScopeLevel = 'WORKSPACE' | 'PROJECT' | 'STAGE' | 'ENVIRONMENT';
export type SecretType = 'PASSWORD' | 'KEY_VALUE' | 'API_TOKEN' | 'LICENSE_KEY' | 'ACTIVATION_TOKEN' | 'CERTIFICATE' | 'SSH_KEY';

export interface SecretScope {
  level: SecretScopeLevel;
  /** id of the project, stage or environment; empty for the workspace */
  id: string;
}

/** Everything about one version of a secret except its value. */
export interface SecretMetadata {
  path: string;
  scope: SecretScope;
  type: SecretType;
  version: number;
  createdBy: string;
  created: string;
  expires: string | null;
  /** parsed, non-secret attributes: `change` (written, rotated, rolled-back), `rotationDays`, subject, keys, … */
  attributes: Record<string, string>;
}

/** The body of POST /secrets: a new version. Give `value` or `valueBase64`, never both. */
export interface NewSecret {
  /** `workspace`, `project:<id>`, `stage:<id>` or `environment:<id>` */
  scope: string;
  path: string;
  /** the type id, e.g. `password`, `key-value` */
  type: string;
  value?: string;
  valueBase64?: string;
  importPassword?: string;
  expires?: string;
  rotationDays?: number;
}

// ---- projects (docs/projects-api.md)

export interface Project {
  name: string;
  platform: string;
  description: string | null;
  defaultBranch: string;
  /** null while the project has no revision */
  head: string | null;
  /** null for a repository Stoker did not create */
  created: string | null;
}

export interface Branch {
  name: string;
  head: string;
}

export interface Revision {
  /** the full commit id */
  id: string;
  author: string;
  message: string;
  time: string;
}

export interface TreeResource {
  path: string;
  type: string;
  files: string[];
}

export interface ProjectTree {
  revision: string;
  resources: TreeResource[];
  /** whether the revision holds a tag export (tags.json) */
  hasTags: boolean;
}

export type ChangeKind = 'ADDED' | 'REMOVED' | 'MODIFIED' | 'RENAMED';

export interface PropertyChange {
  /** e.g. `view.json#/root/props/text` or `tags.json#Folder/Tag1` */
  pointer: string;
  /** JSON text, null when absent */
  oldValue: string | null;
  newValue: string | null;
}

export interface ResourceDiff {
  path: string;
  oldPath: string | null;
  kind: ChangeKind;
  properties: PropertyChange[];
  /** unified diff of the text files (scripts), else null */
  textDiff: string | null;
  /** values the gateway rewrites at run time (qualified values saved into views), apart from `properties` */
  runtimeValues: PropertyChange[];
}

/** Which resources changed only in runtime values a diff page holds. */
export type RuntimeFilter = 'include' | 'exclude' | 'only';

/** One page of a diff (resources in path order) with the totals of the folder it was filtered to. */
export interface ProjectDiff {
  from: string;
  to: string;
  changes: ResourceDiff[];
  offset: number;
  limit: number;
  /** resources matching the filters */
  total: number;
  /** changes of each kind (by ChangeKind name) in the folder, before the kind and runtime filters */
  kinds: Record<string, number>;
  /** resources of the folder that changed only in runtime values */
  runtimeOnly: number;
}

export interface DiffQuery {
  offset?: number;
  limit?: number;
  /** a folder: the resources in it and under it */
  folder?: string;
  kind?: ChangeKind;
  runtime?: RuntimeFilter;
}

/** UP_TO_DATE: the target had everything from the source already; nothing was committed. */
export type MergeStatus = 'CONFLICTED' | 'READY' | 'COMMITTED' | 'UP_TO_DATE';

export interface MergeConflict {
  path: string;
  pointer: string;
  base: string | null;
  ours: string | null;
  theirs: string | null;
  resolved: boolean;
  /** what was chosen: the resolved value (or the choice), null while open */
  resolution: string | null;
}

export interface Merge {
  id: string;
  project: string;
  source: string;
  target: string;
  base: string | null;
  ours: string;
  theirs: string;
  status: MergeStatus;
  conflicts: MergeConflict[];
  /** the merge commit once COMMITTED (the server sends its id; stoker.ts makes a Revision of it) */
  revision: Revision | null;
  createdBy: string;
  created: string;
}

export type ResolutionChoice = 'ours' | 'theirs' | 'base' | 'value';

export interface Resolution {
  path: string;
  pointer: string;
  choice: ResolutionChoice;
  /** only with choice `value` */
  value?: string;
}

export interface Release {
  name: string;
  revision: string;
  /** who and when: null for a lightweight tag */
  createdBy: string | null;
  created: string | null;
  sourceEnvironment: string | null;
  artifactSha256: string | null;
}

export interface NewRelease {
  name: string;
  rev?: string;
  sourceEnvironment?: string;
  message?: string;
}

export interface ImportRequest {
  project?: File | Blob;
  tags?: File | Blob;
  branch?: string;
  message?: string;
  expectedHead?: string;
}

// ---- pipelines (docs/pipelines.md)

export type RunStatus = 'QUEUED' | 'RUNNING' | 'WAITING_APPROVAL' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
export type StepStatus = 'PENDING' | 'RUNNING' | 'WAITING' | 'SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'CANCELLED';

export interface StepDefinition {
  name: string;
  type: string;
  with: Record<string, unknown>;
  timeout: unknown;
}

export interface StageDefinition {
  name: string;
  environment: string | null;
  steps: StepDefinition[];
}

/** `stoker/pipeline.yaml` of a revision; `stored` is false when the project has none (the default). */
export interface PipelineFile {
  project: string;
  commit: string | null;
  yaml: string;
  definition: { stages: StageDefinition[]; triggers: unknown } | null;
  stored: boolean;
}

export interface PipelineError {
  field: string | null;
  /** 1-based; 0 when unknown */
  line: number;
  column: number;
  message: string;
}

export interface PipelineValidation {
  valid: boolean;
  errors: PipelineError[];
}

export interface StepRun {
  name: string;
  type: string;
  status: StepStatus;
  startedAt: string | null;
  endedAt: string | null;
  summary: string | null;
  attempts: number;
}

export interface StageRun {
  name: string;
  environment: string | null;
  status: StepStatus;
  steps: StepRun[];
}

export interface Approval {
  stage: string;
  user: string;
  /** OVERRIDE_WINDOW: a lead let a deployment run outside its stage's deploy window */
  decision: 'APPROVE' | 'REJECT' | 'OVERRIDE_WINDOW';
  comment: string | null;
  at: string;
  breakGlass: boolean;
}

export interface Run {
  id: string;
  project: string;
  revision: string | null;
  commit: string | null;
  release: string | null;
  artifactDigest: string | null;
  status: RunStatus;
  startedBy: string;
  reason: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  stages: StageRun[];
  approvals: Approval[];
  rollbackOf: string | null;
}

export type DeploymentStatus = 'DEPLOYED' | 'REPLACED' | 'ROLLED_BACK' | 'FAILED';

export interface Deployment {
  id: string;
  environment: string;
  environmentName: string;
  stage: string;
  project: string;
  commit: string;
  release: string | null;
  artifactDigest: string;
  runId: string;
  deployedBy: string;
  approvedBy: string[];
  at: string;
  status: DeploymentStatus;
}
