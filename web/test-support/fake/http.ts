/**
 * The request, answers and routing of the one fake Stoker back end (test-support/fake/): Vitest hands it the
 * console's fetch calls (src/main/webapp/test/fakeStoker.ts), the e2e self-test server hands it HTTP requests
 * (e2e/mock-stoker.mjs). Every route is declared with the OpenAPI path template of the operation it stands
 * for, so test/fakeRoutes.test.ts can hold each one against the API contract.
 */

export type Role = 'viewer' | 'engineer' | 'lead' | 'admin';

/** One request as the fake sees it: the body already parsed (JSON, or the FormData of a multipart upload). */
export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  auth: string | null;
}

/** Who asks: `need` says whether the caller has the role, `forbid` is the 403 answer when not. */
export interface Ctx {
  user: string;
  need: (role: Role) => boolean;
  forbid: (role: Role) => Response;
}

/** A handler: the answer, given the request, the caller and the path parameters of its template. */
export type Handler = (call: Call, ctx: Ctx, params: Record<string, string>) => Answer;
/** An answer, at once or (when it must read an upload, say) later. */
export type Answer = Response | Promise<Response>;

/** A route: an HTTP method and the OpenAPI path template (`/api/v1/secrets/{id}`) it serves. */
export interface Route {
  method: string;
  template: string;
  handle: Handler;
}

export function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

export function problem(status: number, detail: string, field?: string): Response {
  const title = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 502: 'Bad Gateway', 503: 'Service Unavailable' }[status] ?? 'Error';
  return json(status, { type: `https://stoker.dev/problems/${title.toLowerCase().replace(/ /g, '-')}`, title, status, detail, field }, 'application/problem+json');
}

export const noContent = () => new Response(null, { status: 204 });

/** A page of `all` as the server pages lists (`offset`, `limit` up to `max`), with the total. */
export function page<T>(all: T[], query: URLSearchParams, max = Infinity): Response {
  const offset = Number(query.get('offset') ?? 0);
  const limit = Math.min(Number(query.get('limit') ?? 50), max);
  return json(200, { items: all.slice(offset, offset + limit), offset, limit, total: all.length });
}

/** Thrown by a handler for a refused request: answered as a problem naming the field (not for a 404). */
export class Bad extends Error {
  constructor(
    readonly status: number,
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}

export const route = (method: string, template: string, handle: Handler): Route => ({ method, template, handle });

/** Dispatches a call to the first route whose method and template match; undefined when none does. */
export function router(routes: Route[]) {
  const compiled = routes.map((r) => {
    const names: string[] = [];
    // a parameter matches one segment, or what its JAX-RS pattern says (`{b: .+}`)
    const source = r.template
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const param = /^\{(\w+)(?::\s*(.+))?\}$/.exec(part);
        if (!param) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        names.push(param[1]);
        return `(${param[2] ?? '[^/]+'})`;
      })
      .join('');
    return { ...r, re: new RegExp(`^${source}$`), names };
  });
  const refused = (e: unknown) => {
    if (e instanceof Bad) return problem(e.status, e.message, e.status === 404 ? undefined : e.field);
    throw e;
  };
  const dispatch = (call: Call, ctx: Ctx): Answer | undefined => {
    for (const r of compiled) {
      const m = r.method === call.method ? r.re.exec(call.path) : null;
      if (!m) continue;
      const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      try {
        const answer = r.handle(call, ctx, params);
        return answer instanceof Promise ? answer.catch(refused) : answer;
      } catch (e) {
        return refused(e);
      }
    }
    return undefined;
  };
  /** Whether a route serves this method and path (before the body is read, say). */
  const serves = (method: string, path: string) => compiled.some((r) => r.method === method && r.re.test(path));
  return Object.assign(dispatch, { serves });
}
