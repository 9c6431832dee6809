/**
 * Every route of the shared fake back end, for test/fakeRoutes.test.ts. A part moved into test-support/fake/
 * adds its routes here.
 */
import { fakeArtifacts } from './artifacts';
import type { Route } from './http';
import { fakeCore } from './core';
import { fakeDocuments } from './documents';
import { fakeEnvironments, handDriver } from './environments';
import { fakeMembers } from './members';
import { fakeOperations } from './operations';
import { fakePipelines } from './pipelines';
import { fakeProjects } from './projects';
import { fakeSecrets } from './secrets';
import { fakeTelemetry } from './telemetry';

export function sharedRoutes(): Route[] {
  const now = () => new Date(0).toISOString();
  const operations = fakeOperations({ now });
  const environments = fakeEnvironments({ now, state: { platforms: [] }, operations, secretExists: () => false, driver: handDriver() });
  return [...fakeCore({ now, platforms: [] }).routes, ...operations.routes, ...environments.routes, ...fakeArtifacts({ now }).routes, ...fakeSecrets({ now }).routes, ...fakePipelines(() => true).routes, ...fakeProjects({ now, platforms: () => [] }).routes, ...fakeMembers({ now, exists: () => true }).routes, ...fakeTelemetry({ now }).routes, ...fakeDocuments({ now, source: () => null }).routes];
}
