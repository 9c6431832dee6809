// @vitest-environment node
/**
 * The rules of the shared fake environments (test-support/fake/environments.ts), which both the Vitest fake
 * and the e2e self-test server follow: the server's preconditions for backups, rollbacks and a second
 * maintenance action, and that the driver hears of every operation started.
 */
import { describe, expect, it } from 'vitest';
import { fakeEnvironment, fakeEnvironments, handDriver } from '../../../../test-support/fake/environments';
import type { Ctx } from '../../../../test-support/fake/http';
import { fakeOperations } from '../../../../test-support/fake/operations';

function setUp(secrets: string[] = []) {
  const now = () => '2026-01-05T10:00:00Z';
  const operations = fakeOperations({ now });
  const started: string[] = [];
  const driver = { ...handDriver(), started: (_op: unknown, _env: unknown, action: string) => void started.push(action) };
  const envs = fakeEnvironments({ now, state: { platforms: [] }, operations, secretExists: (scope, path) => secrets.includes(`${scope}:${path}`), driver });
  envs.environments.push(fakeEnvironment('gw'));
  envs.backups.set('env-gw', [{ id: 'b1', sha256: 'a'.repeat(64) }]);
  const ctx: Ctx = { user: 'eve', need: () => true, forbid: () => new Response(null, { status: 403 }) };
  const post = async (path: string, body: unknown) => {
    const answer = await envs.handle({ method: 'POST', path: `/api/v1/environments/env-gw/${path}`, query: new URLSearchParams(), body, auth: null }, ctx)!;
    return { status: answer.status, body: await answer.json() };
  };
  return { operations, started, post };
}

describe('the shared fake environments', () => {
  it('backs up only with an API key secret that exists', async () => {
    const { post, started } = setUp(['workspace:ignition/api-token']);
    expect((await post('backups', {})).body.detail).toBe('apiKeySecret: required (no backupApiKeySecret is configured)');
    expect((await post('backups', { apiKeySecret: 'nonsense' })).body.detail).toBe('apiKeySecret: scope:path');
    expect((await post('backups', { apiKeySecret: 'workspace:other' })).body.detail).toBe('apiKeySecret: no secret workspace:other');
    expect(started).toEqual([]);
    const ok = await post('backups', { apiKeySecret: 'workspace:ignition/api-token' });
    expect(ok.status).toBe(202);
    expect(started).toEqual(['backup']);
  });

  it('refuses a second maintenance action while one runs, and a rollback that has no upgrade to undo', async () => {
    const { post, operations } = setUp();
    expect((await post('rollback', { backup: 'b1' })).status).toBe(409);
    const first = await post('restore', { backup: 'b1' });
    expect(first.status).toBe(202);
    const second = await post('upgrade', { version: '8.3.5' });
    expect([second.status, second.body.detail]).toEqual([409, "another operation on 'gw' is running"]);
    operations.operations.get(first.body.id)!.status = 'SUCCEEDED';
    expect((await post('upgrade', { version: '8.3.5' })).status).toBe(202);
  });
});
