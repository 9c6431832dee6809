// @vitest-environment node
/**
 * The shared fake back end (test-support/fake/, used by the Vitest fake and the e2e self-test server) against
 * the API contract: every route it serves is an operation of the OpenAPI snapshot with that method. What its
 * answers carry is checked on every answer, in both (test/setup.ts fails a test on a violation; the e2e
 * server answers 500 instead).
 */
import { describe, expect, it } from 'vitest';
import { route, router, type Ctx } from '../../../../test-support/fake/http';
import { sharedRoutes } from '../../../../test-support/fake/routes';
import openapi from '../api/openapi.json';

const paths = openapi.paths as Record<string, Record<string, unknown>>;

describe('the shared fake back end', () => {
  it('serves only operations the API has, each with its method', () => {
    const routes = sharedRoutes();
    expect(routes.length).toBeGreaterThan(0);
    const missing = routes.filter((r) => !paths[r.template]?.[r.method.toLowerCase()]).map((r) => `${r.method} ${r.template}`);
    expect(missing, 'routes of the fake that the OpenAPI snapshot does not have').toEqual([]);
  });

  it('declares no route twice', () => {
    const keys = sharedRoutes().map((r) => `${r.method} ${r.template}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('routes by method and template, with decoded path parameters', () => {
    const handle = router([route('GET', '/api/v1/things/{id}', (_c, _x, p) => new Response(p.id)), route('DELETE', '/api/v1/things/{id}', () => new Response('gone'))]);
    const call = (method: string, path: string) => handle({ method, path, query: new URLSearchParams(), body: undefined, auth: null }, {} as Ctx);
    expect(call('GET', '/api/v1/things/a%2Fb')).toBeInstanceOf(Response);
    return Promise.all([
      call('GET', '/api/v1/things/a%20b')!.text().then((t) => expect(t).toBe('a b')),
      call('DELETE', '/api/v1/things/x')!.text().then((t) => expect(t).toBe('gone')),
    ]).then(() => {
      expect(call('POST', '/api/v1/things/x')).toBeUndefined();
      expect(call('GET', '/api/v1/things/x/y')).toBeUndefined();
    });
  });
});
