// @vitest-environment node
/**
 * The e2e self-test server (e2e/mock-stoker.mjs) against the API contract: a walk through what the browser
 * test does, over HTTP. The server checks each of its JSON answers against the OpenAPI snapshot and answers
 * 500 with the reasons when one does not fit, so every step here must get the status the API gives.
 */
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM without types
import { startMockStoker } from '../../../../e2e/mock-stoker.mjs';

let server: { url: string; adminPassword: string; close: () => Promise<void> };
let token = '';

async function call(method: string, path: string, body?: unknown, status = 200) {
  const init: RequestInit = { method, headers: { Authorization: `Bearer ${token}` } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  const res = await fetch(`${server.url}/api/v1${path}`, init);
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBe(status);
  return text && /json/.test(res.headers.get('Content-Type') ?? '') ? JSON.parse(text) : text;
}

const exportZip = (label: string) =>
  new Blob([
    zipSync({
      'project.json': strToU8(JSON.stringify({ title: 'c', enabled: true })),
      'com.inductiveautomation.perspective/views/Main/resource.json': strToU8(JSON.stringify({ scope: 'G', version: 1 })),
      'com.inductiveautomation.perspective/views/Main/view.json': strToU8(JSON.stringify({ root: { props: { text: label } } })),
    }),
  ]);

declare const process: { env: Record<string, string | undefined> };

beforeAll(async () => {
  process.env.MOCK_STEP_MS = '20';
  server = await startMockStoker({ port: 0 });
  const res = await fetch(`${server.url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: server.adminPassword }),
  });
  token = (await res.json()).access_token;
});
afterAll(() => server.close());

describe('the e2e mock server answers as the API contract says', () => {
  it('users, tokens, platforms, audit', async () => {
    await call('GET', '/auth/me');
    await call('GET', '/platforms');
    await call('GET', '/platforms/ignition');
    await call('GET', '/runs?offset=0&limit=25');
    await call('GET', '/deployments?environment=any&offset=0&limit=10');
    await call('POST', '/users', { username: 'c-viewer', role: 'VIEWER', password: 'a-long-password-1' }, 201);
    await call('PATCH', '/users/c-viewer', { role: 'ENGINEER' });
    await call('GET', '/users');
    const issued = await call('POST', '/tokens', { name: 'ci', scopes: ['read'], expiresInDays: 30 }, 201);
    await call('GET', '/tokens?all=true');
    await call('DELETE', `/tokens/${issued.token.id}`, undefined, 204);
    await call('GET', '/audit?limit=5');
    await call('GET', '/audit/verify');
    await call('POST', '/users', { username: 'x' }, 400);
  });

  it('environments, operations, metrics, backups', async () => {
    await call('POST', '/secrets', { scope: 'workspace', path: 'ignition/api-token', type: 'api_token', value: 'c:secret' }, 201);
    const accepted = await call('POST', '/environments', { name: 'c-gw', platform: 'ignition', version: '8.3.4', stage: 'dev', secrets: { EMULATOR_API_KEYS: 'ignition/api-token' } }, 202);
    const id = accepted.environment.id;
    await call('GET', `/operations/${accepted.operation.id}`);
    for (let i = 0; i < 100 && (await call('GET', `/environments/${id}`)).state !== 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 20));
    await call('GET', '/environments');
    await call('GET', `/operations?target=${id}`);
    await call('GET', `/environments/${id}/metrics`);
    await call('GET', '/environments/orphans');
    await call('GET', `/environments/${id}/backups`);
    await call('POST', `/environments/${id}/stop`, undefined, 202);
  });

  it('secrets', async () => {
    await call('POST', '/secrets', { scope: 'workspace', path: 'c/db', type: 'password', value: 'one-password' }, 201);
    await call('GET', '/secrets?scope=workspace');
    await call('GET', '/secrets/metadata?scope=workspace&path=c/db');
    await call('GET', '/secrets/versions?scope=workspace&path=c/db');
    await call('POST', '/secrets/rotate', { scope: 'workspace', path: 'c/db' });
    await call('POST', '/secrets/rollback', { scope: 'workspace', path: 'c/db', version: 1 });
    await call('PUT', '/secrets/schedule', { scope: 'workspace', path: 'c/db', rotationDays: 30 });
    await call('DELETE', '/secrets?scope=workspace&path=c/db', undefined, 204);
  });

  it('projects: import, history, tree, branches, diff, merge with a conflict, release', async () => {
    await call('POST', '/projects', { name: 'c-proj', platform: 'ignition' }, 201);
    const form = (label: string) => {
      const f = new FormData();
      f.append('project', exportZip(label), 'export.zip');
      return f;
    };
    const first = await call('POST', '/projects/c-proj/imports?message=one', form('a'), 201);
    await call('POST', '/projects/c-proj/branches', { name: 'feature', from: 'main' }, 201);
    await call('POST', '/projects/c-proj/imports?branch=feature&message=two', form('b'), 201);
    const second = await call('POST', '/projects/c-proj/imports?message=three', form('c'), 201);
    await call('GET', '/projects');
    await call('GET', '/projects/c-proj');
    await call('GET', '/projects/c-proj/branches');
    await call('GET', '/projects/c-proj/history');
    await call('GET', `/projects/c-proj/tree?rev=${second.id}`);
    await call('GET', `/projects/c-proj/diff?from=${first.id}&to=${second.id}`);
    const merge = await call('POST', '/projects/c-proj/merges', { source: 'feature', target: 'main' }, 201);
    expect(merge.status).toBe('CONFLICTED');
    await call('GET', `/projects/c-proj/merges/${merge.id}`);
    const c = merge.conflicts[0];
    await call('PUT', `/projects/c-proj/merges/${merge.id}/resolutions`, [{ path: c.path, pointer: c.pointer, choice: 'theirs' }]);
    await call('POST', `/projects/c-proj/merges/${merge.id}/commit`, undefined, 201);
    await call('POST', '/projects/c-proj/releases', { name: 'r1', rev: 'main' }, 201);
    await call('GET', '/projects/c-proj/releases');
  });
});
