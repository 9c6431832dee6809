/**
 * The console's hand-written API types (types.ts) against the OpenAPI document (api/openapi.json), through
 * the types openapi-typescript generates from it (openapi.gen.ts, `npm run api:types`; `npm test` fails when
 * that file is stale). Vitest type-checks this file; nothing in it runs.
 *
 * What the document says: a record component is required unless the record marks it @Nullable, and then it
 * is nullable and may be left out of a request. The server (Jackson writing records) sends every component,
 * the nullable ones as null when unset; so an answer is compared as `Sent` (every property present, `null`
 * where the document allows it), and a body the console sends as the document takes it with `null` set aside
 * (the console leaves a property out rather than send null). Where the console deliberately differs, the
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
import type { DocumentRequest, DocumentSummary, Fact, FactSet, Finding, NewDocument, Provenance, Review, SearchHit, SearchResult, Signature, StokerDocument } from './documentTypes';

type S = components['schemas'];

/** An answer as the server sends it: every property present (Jackson writes nulls), nullable where the document says. */
type Sent<T> = T extends readonly (infer U)[]
  ? Sent<U>[]
  : T extends object
    ? string extends keyof T
      ? T // a map: its entries are what they are
      : { [K in keyof T]-?: Sent<Exclude<T[K], undefined>> }
    : T;
/** `T` with `null` taken out at every depth: what the console sends (it leaves out what it does not set). */
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
  EnvironmentSpec: Corrected<S['EnvironmentSpec'], { ttl: Duration | null; idleTimeout: Duration | null }>;
  // endpoints: Map<String, URI> in Java, Swagger says object values
  Environment: Corrected<S['Environment'], { spec: Wire['EnvironmentSpec']; endpoints: Record<string, string> }>;
  // kind: ArtifactKind is sent as an enum name; stoker.ts lower-cases it
  Artifact: Normalised<S['ArtifactView'], { kind: Artifact['kind'] }>;
  Deployment: Narrowed<S['Deployment'], { status: DeploymentStatus }>;
  // with and timeout: free YAML (JsonNode, Duration) in Java
  StepDefinition: Corrected<S['StepDefinition'], { with: Record<string, unknown>; timeout: unknown }>;
  StageDefinition: Patch<S['StageDefinition'], { steps: Wire['StepDefinition'][] }>;
  PipelineFile: Patch<S['PipelineFile'], { definition: { stages: Wire['StageDefinition'][]; triggers: unknown } | null }>;
  // the merge commit: the server sends its id; stoker.ts makes a Revision of it
  Merge: Normalised<S['MergeState'], { revision: Revision | null }>;
  Resolution: Narrowed<S['Resolution'], { choice: ResolutionChoice }>;
};

// Answers the console reads: the same properties, required alike, of the same types.
describe('answers the console reads', () => {
  test('sign-in and users', () => {
    expectTypeOf<TokenAnswer>().toEqualTypeOf<Sent<Ok<'/api/v1/auth/token', 'post'>>>();
    expectTypeOf<Me>().toEqualTypeOf<Sent<Wire['Me']>>();
    expectTypeOf<User>().toEqualTypeOf<Sent<Wire['User']>>();
    expectTypeOf<Ok<'/api/v1/users', 'get'>>().toEqualTypeOf<Page<S['User']>>();
    expectTypeOf<ApiToken>().toEqualTypeOf<Sent<Wire['ApiToken']>>();
    expectTypeOf<Ok<'/api/v1/tokens', 'get'>>().toEqualTypeOf<{ items: S['ApiToken'][] }>();
  });

  test('audit', () => {
    expectTypeOf<AuditRecord>().toEqualTypeOf<Sent<S['AuditRecord']>>();
    expectTypeOf<AuditEntry>().toEqualTypeOf<Sent<S['AuditEntry']>>();
    expectTypeOf<ChainVerification>().toEqualTypeOf<Sent<Ok<'/api/v1/audit/verify', 'get'>>>();
    expectTypeOf<Ok<'/api/v1/audit', 'get'>>().toEqualTypeOf<Page<S['AuditEntry']>>();
  });

  test('platforms', () => {
    expectTypeOf<PlatformVersion>().toEqualTypeOf<Sent<Wire['PlatformVersion']>>();
    expectTypeOf<Platform>().toEqualTypeOf<Sent<Ok<'/api/v1/platforms/{id}', 'get'>>>();
    expectTypeOf<Ok<'/api/v1/platforms', 'get'>>().toEqualTypeOf<{ items: S['PlatformDescriptor'][] }>();
  });

  test('environments', () => {
    expectTypeOf<ArtifactRef>().toEqualTypeOf<Sent<Wire['ArtifactRef']>>();
    expectTypeOf<EnvironmentSpec>().toEqualTypeOf<Sent<Wire['EnvironmentSpec']>>();
    expectTypeOf<Environment>().toEqualTypeOf<Sent<Wire['Environment']>>();
    expectTypeOf<Ok<'/api/v1/environments', 'get'>>().toEqualTypeOf<Page<S['Environment']>>();
    expectTypeOf<Operation>().toEqualTypeOf<Sent<Ok<'/api/v1/operations/{id}', 'get'>>>();
    expectTypeOf<Ok<'/api/v1/operations', 'get'>>().toEqualTypeOf<Page<S['Operation']>>();
    expectTypeOf<EnvironmentBackup>().toEqualTypeOf<Sent<S['EnvironmentBackup']>>();
    expectTypeOf<Ok<'/api/v1/environments/{id}/backups', 'get'>>().toEqualTypeOf<Page<S['EnvironmentBackup']>>();
    expectTypeOf<GatewayMetrics>().toEqualTypeOf<Sent<Ok<'/api/v1/environments/{id}/metrics', 'get'>>>();
    expectTypeOf<ContainerInfo>().toEqualTypeOf<Sent<S['ContainerInfo']>>();
    expectTypeOf<Orphan>().toEqualTypeOf<Sent<S['Orphan']>>();
    expectTypeOf<Ok<'/api/v1/environments/orphans', 'get'>>().toEqualTypeOf<{ items: S['Orphan'][] }>();
    expectTypeOf<Artifact>().toEqualTypeOf<Sent<Wire['Artifact']>>();
  });

  test('secrets', () => {
    expectTypeOf<SecretScope>().toEqualTypeOf<Sent<S['SecretScope']>>();
    expectTypeOf<SecretMetadata>().toEqualTypeOf<Sent<Ok<'/api/v1/secrets/metadata', 'get'>>>();
    expectTypeOf<Ok<'/api/v1/secrets', 'get'>>().toEqualTypeOf<Page<S['SecretMetadata']>>();
    expectTypeOf<Ok<'/api/v1/secrets/versions', 'get'>>().toEqualTypeOf<S['SecretMetadata'][]>();
  });

  test('projects', () => {
    expectTypeOf<Project>().toEqualTypeOf<Sent<Ok<'/api/v1/projects/{p}', 'get'>>>();
    expectTypeOf<Ok<'/api/v1/projects', 'get'>>().toEqualTypeOf<Page<S['ProjectInfo']>>();
    expectTypeOf<Branch[]>().toEqualTypeOf<Sent<Ok<'/api/v1/projects/{p}/branches', 'get'>>>();
    expectTypeOf<Revision>().toEqualTypeOf<Sent<S['Revision']>>();
    expectTypeOf<Ok<'/api/v1/projects/{p}/history', 'get'>>().toEqualTypeOf<Page<S['Revision']>>();
    expectTypeOf<TreeResource>().toEqualTypeOf<Sent<S['Entry']>>();
    expectTypeOf<ProjectTree>().toEqualTypeOf<Sent<Ok<'/api/v1/projects/{p}/tree', 'get'>>>();
    expectTypeOf<PropertyChange>().toEqualTypeOf<Sent<S['PropertyChange']>>();
    expectTypeOf<ResourceDiff>().toEqualTypeOf<Sent<S['ResourceDiff']>>();
    expectTypeOf<ProjectDiff>().toEqualTypeOf<Sent<Ok<'/api/v1/projects/{p}/diff', 'get'>>>();
    expectTypeOf<MergeConflict>().toEqualTypeOf<Sent<S['Conflict']>>();
    expectTypeOf<Merge>().toEqualTypeOf<Sent<Wire['Merge']>>();
    expectTypeOf<Ok<'/api/v1/projects/{p}/merges/{id}', 'get'>>().toEqualTypeOf<S['MergeState']>();
    expectTypeOf<Release[]>().toEqualTypeOf<Sent<Ok<'/api/v1/projects/{p}/releases', 'get'>>>();
  });

  test('documents', () => {
    expectTypeOf<DocumentSummary>().toEqualTypeOf<Sent<S['DocumentSummary']>>();
    expectTypeOf<Ok<'/api/v1/projects/{p}/documents', 'get'>>().toEqualTypeOf<Page<S['DocumentSummary']>>();
    expectTypeOf<Fact>().toEqualTypeOf<Sent<S['Fact']>>();
    expectTypeOf<FactSet>().toEqualTypeOf<Sent<S['FactSet']>>();
    expectTypeOf<Finding>().toEqualTypeOf<Sent<S['Finding']>>();
    expectTypeOf<Provenance>().toEqualTypeOf<Sent<S['Provenance']>>();
    expectTypeOf<DocumentRequest>().toEqualTypeOf<Sent<S['DocumentRequest']>>();
    expectTypeOf<Review>().toEqualTypeOf<Sent<S['Review']>>();
    expectTypeOf<Signature>().toEqualTypeOf<Sent<S['Signature']>>();
    expectTypeOf<StokerDocument>().toEqualTypeOf<Sent<Ok<'/api/v1/documents/{id}', 'get'>>>();
    expectTypeOf<SearchHit>().toEqualTypeOf<Sent<S['SearchHit']>>();
    expectTypeOf<SearchResult>().toEqualTypeOf<Sent<Ok<'/api/v1/projects/{p}/search', 'get'>>>();
  });

  test('pipelines, runs and deployments', () => {
    expectTypeOf<StepDefinition>().toEqualTypeOf<Sent<Wire['StepDefinition']>>();
    expectTypeOf<StageDefinition>().toEqualTypeOf<Sent<Wire['StageDefinition']>>();
    expectTypeOf<PipelineFile>().toEqualTypeOf<Sent<Wire['PipelineFile']>>();
    expectTypeOf<Ok<'/api/v1/projects/{p}/pipeline', 'get'>>().toEqualTypeOf<S['PipelineFile']>();
    expectTypeOf<PipelineError>().toEqualTypeOf<Sent<S['PipelineError']>>();
    expectTypeOf<PipelineValidation>().toEqualTypeOf<Sent<Ok<'/api/v1/projects/{p}/pipeline/validate', 'post'>>>();
    expectTypeOf<StepRun>().toEqualTypeOf<Sent<S['StepRun']>>();
    expectTypeOf<StageRun>().toEqualTypeOf<Sent<S['StageRun']>>();
    expectTypeOf<Approval>().toEqualTypeOf<Sent<S['Approval']>>();
    expectTypeOf<Run>().toEqualTypeOf<Sent<Ok<'/api/v1/runs/{id}', 'get'>>>();
    expectTypeOf<Ok<'/api/v1/runs', 'get'>>().toEqualTypeOf<Page<S['Run']>>();
    expectTypeOf<Deployment>().toEqualTypeOf<Sent<Wire['Deployment']>>();
    expectTypeOf<Ok<'/api/v1/deployments', 'get'>>().toEqualTypeOf<Page<S['Deployment']>>();
  });
});

// Bodies the console sends: only properties the server takes, each of the server's type. Which of them the
// console leaves out is its call (the server reads a missing property as null).
describe('bodies the console sends', () => {
  test('environments', () => {
    expectTypeOf<EnvironmentRequest>().toEqualTypeOf<NoNull<Body<'/api/v1/environments', 'post'>>>();
    expectTypeOf<UpgradeTarget>().toExtend<Partial<Body<'/api/v1/environments/{id}/upgrade', 'post'>>>();
  });

  test('secrets', () => {
    expectTypeOf<NewSecret>().toEqualTypeOf<NoNull<Body<'/api/v1/secrets', 'post'>>>();
  });

  test('projects', () => {
    expectTypeOf<NewRelease>().toEqualTypeOf<NoNull<Body<'/api/v1/projects/{p}/releases', 'post'>>>();
    expectTypeOf<NewDocument>().toEqualTypeOf<NoNull<Body<'/api/v1/projects/{p}/documents', 'post'>>>();
    expectTypeOf<Resolution>().toEqualTypeOf<NoNull<Wire['Resolution']>>();
    expectTypeOf<Body<'/api/v1/projects/{p}/merges/{id}/resolutions', 'put'>>().toEqualTypeOf<S['Resolution'][]>();
  });
});
