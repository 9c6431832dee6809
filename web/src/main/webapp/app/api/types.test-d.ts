/**
 * The console's hand-written API types (types.ts) against the OpenAPI document (api/openapi.json), through
 * the types openapi-typescript generates from it (openapi.gen.ts, `npm run api:types`; `npm test` fails when
 * that file is stale). Vitest type-checks this file; nothing in it runs.
 *
 * What the document can and cannot say: it marks no property required and none nullable, while the server
 * (Jackson writing records) sends every property and any of them may be null. So the generated types treat
 * every property as present (`--properties-required-by-default`), and both sides are compared with `null`
 * set aside: same properties, required alike, same types. Where the console deliberately differs, the
 * difference is written down below, once, with its reason:
 * - `Narrowed`: the console knows more than the document (a string that is really one of a few values);
 *   the console's type must still fit the document's.
 * - `Normalised`: what `stoker.ts` makes of the answer (e.g. roles in lower case); the console never sees
 *   the wire form.
 * - `Corrected`: the console types a field wider or otherwise than the document (a `Duration`, which the
 *   document gives as ISO-8601 text, is also taken as seconds; free settings as `unknown`).
 */
import { describe, expectTypeOf, test } from 'vitest';
import type { components, paths } from './openapi.gen';
import type {
  ApiToken,
  Approval,
  Artifact,
  ArtifactRef,
  AuditEntry,
  AuditRecord,
  Branch,
  ChainVerification,
  ContainerInfo,
  Deployment,
  DeploymentStatus,
  Environment,
  EnvironmentBackup,
  EnvironmentRequest,
  EnvironmentSpec,
  GatewayMetrics,
  Me,
  Merge,
  MergeConflict,
  NewRelease,
  NewSecret,
  Operation,
  Orphan,
  Page,
  PipelineError,
  PipelineFile,
  PipelineValidation,
  Platform,
  PlatformVersion,
  Project,
  ProjectDiff,
  ProjectTree,
  PropertyChange,
  Release,
  Resolution,
  ResolutionChoice,
  ResourceDiff,
  Revision,
  Role,
  Run,
  Scope,
  SecretMetadata,
  SecretScope,
  StageDefinition,
  StageRun,
  StepDefinition,
  StepRun,
  TokenAnswer,
  TreeResource,
  UpgradeTarget,
  User,
} from './types';

type S = components['schemas'];

/** `T` with `null` taken out at every depth: the document never says what may be null. */
type NoNull<T> = T extends null ? never : T extends readonly (infer U)[] ? NoNull<U>[] : T extends object ? { [K in keyof T]: NoNull<T[K]> } : T;

/** `T` with the properties of `P` replaced; `P` may only name properties `T` has. */
type Patch<T, P extends { [K in keyof P]: K extends keyof T ? unknown : never }> = Omit<T, keyof P> & P;
/** The console knows more than the document: each replacement must fit the document's type. */
type Narrowed<T, P extends { [K in keyof P]: K extends keyof T ? NoNull<T[K]> : never }> = Patch<T, P>;
type Normalised<T, P extends { [K in keyof P]: K extends keyof T ? unknown : never }> = Patch<T, P>;
type Corrected<T, P extends { [K in keyof P]: K extends keyof T ? unknown : never }> = Patch<T, P>;

/** The JSON body of an operation's 200 answer. */
type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;
/** The JSON request body of an operation. */
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;


// ---- the document as the console reads it, each difference with its reason

type Duration = string | number; // java.time.Duration: ISO-8601 text or seconds, by the server's Jackson settings
type Wire = {
  ArtifactRef: S['ArtifactRef'];
  PlatformVersion: S['PlatformVersion'];
  // stoker.ts lower-cases roles and scopes (the server sends enum names)
  User: Normalised<S['User'], { role: Role }>;
  Me: Normalised<S['Me'], { role: Role; scopes: Scope[] }>;
  ApiToken: Normalised<S['ApiToken'], { scopes: Scope[] }>;
  EnvironmentSpec: Corrected<S['EnvironmentSpec'], { ttl: Duration; idleTimeout: Duration; limits: S['ResourceLimits'] }>;
  // endpoints: Map<String, URI> in Java, Swagger says object values
  Environment: Corrected<S['Environment'], { spec: Wire['EnvironmentSpec']; endpoints: Record<string, string> }>;
  // kind: ArtifactKind is sent as an enum name; stoker.ts lower-cases it
  Artifact: Normalised<S['ArtifactView'], { kind: Artifact['kind'] }>;
  Deployment: Narrowed<S['Deployment'], { status: DeploymentStatus }>;
  // with and timeout: free YAML (JsonNode, Duration) in Java
  StepDefinition: Corrected<S['StepDefinition'], { with: Record<string, unknown>; timeout: unknown }>;
  StageDefinition: Patch<S['StageDefinition'], { steps: Wire['StepDefinition'][] }>;
  PipelineFile: Patch<S['PipelineFile'], { definition: { stages: Wire['StageDefinition'][]; triggers: unknown } }>;
  // the merge commit: the server sends its id; stoker.ts makes a Revision of it
  Merge: Normalised<S['MergeState'], { revision: Revision }>;
  Resolution: Narrowed<S['Resolution'], { choice: ResolutionChoice }>;
};

// Answers the console reads: the same properties, required alike, of the same types.
describe('answers the console reads', () => {
  test('sign-in and users', () => {
    expectTypeOf<NoNull<TokenAnswer>>().toEqualTypeOf<NoNull<Ok<'/api/v1/auth/token', 'post'>>>();
    expectTypeOf<NoNull<Me>>().toEqualTypeOf<NoNull<Wire['Me']>>();
    expectTypeOf<NoNull<User>>().toEqualTypeOf<NoNull<Wire['User']>>();
    expectTypeOf<Ok<'/api/v1/users', 'get'>>().toEqualTypeOf<Page<S['User']>>();
    expectTypeOf<NoNull<ApiToken>>().toEqualTypeOf<NoNull<Wire['ApiToken']>>();
    expectTypeOf<Ok<'/api/v1/tokens', 'get'>>().toEqualTypeOf<{ items: S['ApiToken'][] }>();
  });

  test('audit', () => {
    expectTypeOf<NoNull<AuditRecord>>().toEqualTypeOf<NoNull<S['AuditRecord']>>();
    expectTypeOf<NoNull<AuditEntry>>().toEqualTypeOf<NoNull<S['AuditEntry']>>();
    expectTypeOf<NoNull<ChainVerification>>().toEqualTypeOf<NoNull<Ok<'/api/v1/audit/verify', 'get'>>>();
    expectTypeOf<Ok<'/api/v1/audit', 'get'>>().toEqualTypeOf<Page<S['AuditEntry']>>();
  });

  test('platforms', () => {
    expectTypeOf<NoNull<PlatformVersion>>().toEqualTypeOf<NoNull<Wire['PlatformVersion']>>();
    expectTypeOf<NoNull<Platform>>().toEqualTypeOf<NoNull<Ok<'/api/v1/platforms/{id}', 'get'>>>();
    expectTypeOf<Ok<'/api/v1/platforms', 'get'>>().toEqualTypeOf<{ items: S['PlatformDescriptor'][] }>();
  });

  test('environments', () => {
    expectTypeOf<NoNull<ArtifactRef>>().toEqualTypeOf<NoNull<Wire['ArtifactRef']>>();
    expectTypeOf<NoNull<EnvironmentSpec>>().toEqualTypeOf<NoNull<Wire['EnvironmentSpec']>>();
    expectTypeOf<NoNull<Environment>>().toEqualTypeOf<NoNull<Wire['Environment']>>();
    expectTypeOf<Ok<'/api/v1/environments', 'get'>>().toEqualTypeOf<Page<S['Environment']>>();
    expectTypeOf<NoNull<Operation>>().toEqualTypeOf<NoNull<Ok<'/api/v1/operations/{id}', 'get'>>>();
    expectTypeOf<Ok<'/api/v1/operations', 'get'>>().toEqualTypeOf<Page<S['Operation']>>();
    expectTypeOf<NoNull<EnvironmentBackup>>().toEqualTypeOf<NoNull<S['EnvironmentBackup']>>();
    expectTypeOf<Ok<'/api/v1/environments/{id}/backups', 'get'>>().toEqualTypeOf<Page<S['EnvironmentBackup']>>();
    expectTypeOf<NoNull<GatewayMetrics>>().toEqualTypeOf<NoNull<Ok<'/api/v1/environments/{id}/metrics', 'get'>>>();
    expectTypeOf<NoNull<ContainerInfo>>().toEqualTypeOf<NoNull<S['ContainerInfo']>>();
    expectTypeOf<NoNull<Orphan>>().toEqualTypeOf<NoNull<S['Orphan']>>();
    expectTypeOf<Ok<'/api/v1/environments/orphans', 'get'>>().toEqualTypeOf<{ items: S['Orphan'][] }>();
    expectTypeOf<NoNull<Artifact>>().toEqualTypeOf<NoNull<Wire['Artifact']>>();
  });

  test('secrets', () => {
    expectTypeOf<NoNull<SecretScope>>().toEqualTypeOf<NoNull<S['SecretScope']>>();
    expectTypeOf<NoNull<SecretMetadata>>().toEqualTypeOf<NoNull<Ok<'/api/v1/secrets/metadata', 'get'>>>();
    expectTypeOf<Ok<'/api/v1/secrets', 'get'>>().toEqualTypeOf<Page<S['SecretMetadata']>>();
    expectTypeOf<Ok<'/api/v1/secrets/versions', 'get'>>().toEqualTypeOf<S['SecretMetadata'][]>();
  });

  test('projects', () => {
    expectTypeOf<NoNull<Project>>().toEqualTypeOf<NoNull<Ok<'/api/v1/projects/{p}', 'get'>>>();
    expectTypeOf<Ok<'/api/v1/projects', 'get'>>().toEqualTypeOf<Page<S['ProjectInfo']>>();
    expectTypeOf<NoNull<Branch[]>>().toEqualTypeOf<NoNull<Ok<'/api/v1/projects/{p}/branches', 'get'>>>();
    expectTypeOf<NoNull<Revision>>().toEqualTypeOf<NoNull<S['Revision']>>();
    expectTypeOf<Ok<'/api/v1/projects/{p}/history', 'get'>>().toEqualTypeOf<Page<S['Revision']>>();
    expectTypeOf<NoNull<TreeResource>>().toEqualTypeOf<NoNull<S['Entry']>>();
    expectTypeOf<NoNull<ProjectTree>>().toEqualTypeOf<NoNull<Ok<'/api/v1/projects/{p}/tree', 'get'>>>();
    expectTypeOf<NoNull<PropertyChange>>().toEqualTypeOf<NoNull<S['PropertyChange']>>();
    expectTypeOf<NoNull<ResourceDiff>>().toEqualTypeOf<NoNull<S['ResourceDiff']>>();
    expectTypeOf<NoNull<ProjectDiff>>().toEqualTypeOf<NoNull<Ok<'/api/v1/projects/{p}/diff', 'get'>>>();
    expectTypeOf<NoNull<MergeConflict>>().toEqualTypeOf<NoNull<S['Conflict']>>();
    expectTypeOf<NoNull<Merge>>().toEqualTypeOf<NoNull<Wire['Merge']>>();
    expectTypeOf<Ok<'/api/v1/projects/{p}/merges/{id}', 'get'>>().toEqualTypeOf<S['MergeState']>();
    expectTypeOf<NoNull<Release[]>>().toEqualTypeOf<NoNull<Ok<'/api/v1/projects/{p}/releases', 'get'>>>();
  });

  test('pipelines, runs and deployments', () => {
    expectTypeOf<NoNull<StepDefinition>>().toEqualTypeOf<NoNull<Wire['StepDefinition']>>();
    expectTypeOf<NoNull<StageDefinition>>().toEqualTypeOf<NoNull<Wire['StageDefinition']>>();
    expectTypeOf<NoNull<PipelineFile>>().toEqualTypeOf<NoNull<Wire['PipelineFile']>>();
    expectTypeOf<Ok<'/api/v1/projects/{p}/pipeline', 'get'>>().toEqualTypeOf<S['PipelineFile']>();
    expectTypeOf<NoNull<PipelineError>>().toEqualTypeOf<NoNull<S['PipelineError']>>();
    expectTypeOf<NoNull<PipelineValidation>>().toEqualTypeOf<NoNull<Ok<'/api/v1/projects/{p}/pipeline/validate', 'post'>>>();
    expectTypeOf<NoNull<StepRun>>().toEqualTypeOf<NoNull<S['StepRun']>>();
    expectTypeOf<NoNull<StageRun>>().toEqualTypeOf<NoNull<S['StageRun']>>();
    expectTypeOf<NoNull<Approval>>().toEqualTypeOf<NoNull<S['Approval']>>();
    expectTypeOf<NoNull<Run>>().toEqualTypeOf<NoNull<Ok<'/api/v1/runs/{id}', 'get'>>>();
    expectTypeOf<Ok<'/api/v1/runs', 'get'>>().toEqualTypeOf<Page<S['Run']>>();
    expectTypeOf<NoNull<Deployment>>().toEqualTypeOf<NoNull<Wire['Deployment']>>();
    expectTypeOf<Ok<'/api/v1/deployments', 'get'>>().toEqualTypeOf<Page<S['Deployment']>>();
  });
});

// Bodies the console sends: only properties the server takes, each of the server's type. Which of them the
// console leaves out is its call (the server reads a missing property as null).
describe('bodies the console sends', () => {
  test('environments', () => {
    expectTypeOf<NoNull<Required<EnvironmentRequest>>>().toEqualTypeOf<NoNull<Body<'/api/v1/environments', 'post'>>>();
    expectTypeOf<UpgradeTarget>().toExtend<Partial<Body<'/api/v1/environments/{id}/upgrade', 'post'>>>();
  });

  test('secrets', () => {
    expectTypeOf<NoNull<Required<NewSecret>>>().toEqualTypeOf<NoNull<Body<'/api/v1/secrets', 'post'>>>();
  });

  test('projects', () => {
    expectTypeOf<NoNull<Required<NewRelease>>>().toEqualTypeOf<NoNull<Body<'/api/v1/projects/{p}/releases', 'post'>>>();
    expectTypeOf<NoNull<Required<Resolution>>>().toEqualTypeOf<NoNull<Wire['Resolution']>>();
    expectTypeOf<Body<'/api/v1/projects/{p}/merges/{id}/resolutions', 'put'>>().toEqualTypeOf<S['Resolution'][]>();
  });
});
