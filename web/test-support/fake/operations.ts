/**
 * Long-running operations and orphan containers of the fake Stoker, after OperationResource and the orphan
 * routes of EnvironmentResource. Operations are made with `newOperation` by whoever starts one (the
 * environments part of each fake); they move when a test or a simulation changes them. Their event stream
 * (`/operations/{id}/events`) stays with each fake: Vitest pushes frames by hand, the e2e server follows the
 * simulation.
 */
import { json, noContent, problem, route, router, type Route } from './http';

export interface FakeOperation {
  id: string;
  kind: string;
  target: string;
  status: string;
  step: string;
  percent: number;
  message: string;
  startedBy: string;
  started: string;
  finished: string | null;
}
export interface FakeOrphan {
  runtimeHost: string;
  container: Record<string, unknown> & { id: string };
  reason: string;
}

export function fakeOperations({ now }: { now: () => string }) {
  const operations = new Map<string, FakeOperation>();
  const orphans: FakeOrphan[] = [];
  let seq = 0;

  /** A queued operation of `kind` on `target`, started by `by`. */
  const newOperation = (kind: string, target: string, by: string): FakeOperation => {
    const op: FakeOperation = { id: `op${++seq}`, kind, target, status: 'QUEUED', step: 'queued', percent: 0, message: 'waiting for a worker', startedBy: by, started: now(), finished: null };
    operations.set(op.id, op);
    return op;
  };

  const routes: Route[] = [
    route('GET', '/api/v1/operations', ({ query }) => {
      const target = query.get('target');
      if (!target) return problem(400, 'target: required: the id of the environment the operations work on', 'target');
      // newest first, like the server (ORDER BY started DESC; later ids first on equal times)
      const all = [...operations.values()].filter((o) => o.target === target).reverse().sort((a, b) => b.started.localeCompare(a.started));
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit') ?? 50);
      return json(200, { items: all.slice(offset, offset + limit), offset, limit, total: all.length });
    }),
    route('GET', '/api/v1/operations/{id}', (_call, _ctx, { id }) => {
      const op = operations.get(id);
      return op ? json(200, op) : problem(404, `operation '${id}' not found`);
    }),
    route('GET', '/api/v1/environments/orphans', (_call, ctx) => (ctx.need('admin') ? json(200, { items: orphans }) : ctx.forbid('admin'))),
    route('DELETE', '/api/v1/environments/orphans/{host}/{container}', (_call, ctx, { host, container }) => {
      if (!ctx.need('admin')) return ctx.forbid('admin');
      const i = orphans.findIndex((o) => o.runtimeHost === host && o.container.id === container);
      if (i < 0) return problem(404, 'no orphan container');
      orphans.splice(i, 1);
      return noContent();
    }),
  ];

  return { operations, orphans, newOperation, routes, handle: router(routes) };
}
