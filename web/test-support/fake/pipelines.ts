/**
 * The pipelines part of the fake Stoker (docs/pipelines.md): pipeline files, validation, runs with their
 * events and step logs, approvals (separation of duties: the one who started the run may not approve it),
 * cancel/retry, deployments and rollback. Tests seed runs with `addRun` and move them with `update`; nothing
 * runs by itself (the e2e self-test server shows no runs until something starts one).
 */
import { json, problem, route, router, type Call, type Route } from './http';

export interface FakeStep {
  name: string;
  type: string;
  status: string;
  startedAt: string | null;
  endedAt: string | null;
  summary: string | null;
  attempts: number;
}
export interface FakeStage {
  name: string;
  environment: string | null;
  status: string;
  steps: FakeStep[];
}
export interface FakeRun {
  id: string;
  project: string;
  revision: string | null;
  commit: string | null;
  release: string | null;
  artifactDigest: string | null;
  status: string;
  startedBy: string;
  reason: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  stages: FakeStage[];
  approvals: { stage: string; user: string; decision: string; comment: string | null; at: string; breakGlass: boolean }[];
  rollbackOf: string | null;
}

export const DEFAULT_YAML = `version: 1
stages:
  - name: validate
    steps:
      - name: validate
        type: validate
  - name: approval
    steps:
      - name: approve
        type: approval
        with:
          role: lead
`;

const STEP_TYPES = ['validate', 'deploy', 'smoke', 'http-check', 'tag-check', 'gate', 'approval', 'promote'];

/** A rough reading of the YAML the way the editor needs it: stages, their steps, and what is wrong where. */
export function readYaml(yaml: string) {
  const stages: { name: string; environment: string | null; steps: { name: string; type: string }[] }[] = [];
  const errors: { field: string; line: number; column: number; message: string }[] = [];
  yaml.split('\n').forEach((text, i) => {
    const line = i + 1;
    let m: RegExpExecArray | null;
    if ((m = /^ {2}- name:\s*(\S+)/.exec(text))) stages.push({ name: m[1], environment: null, steps: [] });
    else if ((m = /^ {4}environment:\s*(\S+)/.exec(text)) && stages.length) stages[stages.length - 1].environment = m[1];
    else if ((m = /^ {6}- name:\s*(\S+)/.exec(text)) && stages.length) stages[stages.length - 1].steps.push({ name: m[1], type: '' });
    else if ((m = /^( {8})type:\s*(\S*)/.exec(text)) && stages.length) {
      const stage = stages[stages.length - 1];
      const step = stage.steps[stage.steps.length - 1];
      if (step) step.type = m[2];
      if (!STEP_TYPES.includes(m[2])) {
        errors.push({ field: `stages[${stages.length - 1}].steps[${Math.max(0, stage.steps.length - 1)}].type`, line, column: m[1].length + 7, message: `unknown step type '${m[2]}'` });
      }
    } else if (/\t/.test(text)) errors.push({ field: '', line, column: text.indexOf('\t') + 1, message: 'tabs are not allowed in YAML' });
  });
  if (!stages.length) errors.push({ field: 'stages', line: 1, column: 1, message: 'at least one stage is required' });
  return { stages, errors };
}

/** The pipelines part; `projectExists` tells whether a project of that name exists (the projects part knows). */
export function fakePipelines(projectExists: (project: string) => boolean) {
  /** project → saved yaml and the commit of its last save */
  const files = new Map<string, { yaml: string; commit: string }>();
  const runs: FakeRun[] = [];
  const logs = new Map<string, string>(); // `${run}/${step}` → text
  const deployments: Record<string, unknown>[] = [];
  const streams = new Map<string, ReadableStreamDefaultController<Uint8Array>>();
  const encoder = new TextEncoder();
  let seq = 0;
  const state = {
    /** when set, opening a run's event stream answers this status (e.g. 503: the console polls) */
    eventsStatus: 0,
  };

  const push = (run: FakeRun) => {
    const frame = `event: ${['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(run.status) ? 'done' : 'run'}\ndata: ${JSON.stringify(run)}\n\n`;
    streams.get(run.id)?.enqueue(encoder.encode(frame));
  };

  /** Makes a run of `project` from its pipeline, started by `by`; its first stage succeeded, the next waits. */
  const addRun = (project: string, by: string, extra: Partial<FakeRun> = {}): FakeRun => {
    const { stages } = readYaml(files.get(project)?.yaml ?? DEFAULT_YAML);
    const id = `run-${(++seq).toString().padStart(4, '0')}-0000-0000-000000000000`;
    const run: FakeRun = {
      id,
      project,
      revision: 'main',
      commit: 'c0ffee'.padEnd(40, '0'),
      release: null,
      artifactDigest: null,
      status: 'QUEUED',
      startedBy: by,
      reason: null,
      createdAt: '2026-01-12T09:00:00Z',
      startedAt: null,
      endedAt: null,
      stages: stages.map((s) => ({ ...s, status: 'PENDING', steps: s.steps.map((x) => ({ ...x, status: 'PENDING', startedAt: null, endedAt: null, summary: null, attempts: 0 })) })),
      approvals: [],
      rollbackOf: null,
      ...extra,
    };
    runs.unshift(run);
    return run;
  };

  /** Changes a run (a test moves it on) and sends it to open event streams. */
  const update = (run: FakeRun, change: (r: FakeRun) => void) => {
    change(run);
    push(run);
  };

  /** The run as the engine leaves it after validating: waiting for approval in the stage with an approval step. */
  const waitForApproval = (run: FakeRun) =>
    update(run, (r) => {
      r.status = 'WAITING_APPROVAL';
      r.startedAt = '2026-01-12T09:00:01Z';
      for (const s of r.stages) {
        const waits = s.steps.some((x) => x.type === 'approval');
        if (r.stages.indexOf(s) > r.stages.findIndex((x) => x.steps.some((y) => y.type === 'approval'))) continue;
        s.status = waits ? 'WAITING' : 'SUCCEEDED';
        for (const x of s.steps) {
          x.status = waits ? 'WAITING' : 'SUCCEEDED';
          x.startedAt = '2026-01-12T09:00:01Z';
          x.endedAt = waits ? null : '2026-01-12T09:00:03Z';
          x.attempts = 1;
          x.summary = waits ? 'waiting for 1 approval (lead)' : 'no findings';
          logs.set(`${r.id}/${x.name}`, waits ? 'waiting for an approver of role lead\n' : 'validating 2 resources\nno findings\n');
        }
      }
    });

  const finish = (r: FakeRun, status: string) => {
    r.status = status;
    r.endedAt = '2026-01-12T09:05:00Z';
    for (const s of r.stages) {
      if (['PENDING', 'WAITING', 'RUNNING'].includes(s.status)) s.status = status === 'SUCCEEDED' ? 'SUCCEEDED' : status === 'CANCELLED' ? 'CANCELLED' : 'SKIPPED';
      for (const x of s.steps) if (['PENDING', 'WAITING', 'RUNNING'].includes(x.status)) x.status = s.status;
    }
  };

  const page = <T>(items: T[], query: URLSearchParams) => {
    const offset = Number(query.get('offset') ?? 0);
    const limit = Number(query.get('limit') ?? 50);
    return json(200, { items: items.slice(offset, offset + limit), offset, limit, total: items.length });
  };

  const fileOf = (project: string) => {
    const f = files.get(project);
    const yaml = f?.yaml ?? DEFAULT_YAML;
    const { stages } = readYaml(yaml);
    return {
      project,
      commit: f?.commit ?? 'abc1230000000000000000000000000000000000',
      yaml,
      definition: { stages: stages.map((s) => ({ ...s, steps: s.steps.map((x) => ({ ...x, with: {}, timeout: null })) })), triggers: { branches: [], schedule: null, webhook: false } },
      stored: !!f,
    };
  };

  const bodyOf = (call: Call) => (call.body && typeof call.body === 'object' ? (call.body as Record<string, unknown>) : {});
  const project = (p: string) => {
    if (!projectExists(p)) return problem(404, `project '${p}' not found`);
    return null;
  };
  const runOf = (id: string) => runs.find((r) => r.id === id);
  const noRun = (id: string) => problem(404, `run '${id}' not found`);

  const routes: Route[] = [
    route('GET', '/api/v1/projects/{p}/pipeline', (_call, _ctx, { p }) => project(p) ?? json(200, fileOf(p))),
    route('POST', '/api/v1/projects/{p}/pipeline/validate', (call, _ctx, { p }) => {
      const { errors } = readYaml(String(bodyOf(call).yaml ?? ''));
      return project(p) ?? json(200, { valid: errors.length === 0, errors });
    }),
    route('GET', '/api/v1/projects/{p}/runs', ({ query }, _ctx, { p }) => project(p) ?? page(runs.filter((r) => r.project === p), query)),
    route('PUT', '/api/v1/projects/{p}/pipeline', (call, ctx, { p }) => {
      const missing = project(p);
      if (missing) return missing;
      if (!ctx.need('engineer')) return ctx.forbid('engineer');
      const body = bodyOf(call);
      const { errors } = readYaml(String(body.yaml ?? ''));
      if (errors.length) return problem(400, `${errors[0].field}: line ${errors[0].line}: ${errors[0].message}`, errors[0].field);
      const commit = (++seq).toString(16).padStart(40, 'd');
      files.set(p, { yaml: String(body.yaml), commit });
      return json(200, fileOf(p));
    }),
    route('POST', '/api/v1/projects/{p}/runs', (call, ctx, { p }) => {
      const missing = project(p);
      if (missing) return missing;
      if (!ctx.need('engineer')) return ctx.forbid('engineer');
      return json(201, addRun(p, ctx.user, { reason: (bodyOf(call).reason as string) ?? null }));
    }),
    route('GET', '/api/v1/runs', ({ query }) => {
      const p = query.get('project');
      return page(runs.filter((r) => !p || r.project === p), query);
    }),
    route('GET', '/api/v1/deployments', ({ query }) => {
      const env = query.get('environment');
      return page(deployments.filter((d) => !env || d.environment === env || d.environmentName === env), query);
    }),
    route('POST', '/api/v1/deployments/{id}/rollback', (call, ctx, { id }) => {
      if (!ctx.need('engineer')) return ctx.forbid('engineer');
      const d = deployments.find((x) => x.id === id);
      if (!d) return problem(404, `deployment '${id}' not found`);
      return json(201, addRun(String(d.project), ctx.user, { rollbackOf: String(d.id), reason: (bodyOf(call).reason as string) ?? null, release: (d.release as string) ?? null }));
    }),
    route('GET', '/api/v1/runs/{id}', (_call, _ctx, { id }) => {
      const run = runOf(id);
      return run ? json(200, run) : noRun(id);
    }),
    route('GET', '/api/v1/runs/{id}/events', (_call, _ctx, { id }) => {
      const run = runOf(id);
      if (!run) return noRun(id);
      if (state.eventsStatus) return problem(state.eventsStatus, 'event streams are not available');
      const stream = new ReadableStream<Uint8Array>({
        start: (controller) => {
          streams.set(run.id, controller);
        },
        cancel: () => {
          streams.delete(run.id);
        },
      });
      return new Response(stream, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    }),
    route('GET', '/api/v1/runs/{id}/steps/{step}/log', (_call, _ctx, { id, step }) => {
      const run = runOf(id);
      if (!run) return noRun(id);
      if (!run.stages.some((s) => s.steps.some((x) => x.name === step))) return problem(404, `run ${run.id} has no step '${step}'`);
      return new Response(logs.get(`${run.id}/${step}`) ?? '', { status: 200, headers: { 'Content-Type': 'text/plain' } });
    }),
    route('POST', '/api/v1/runs/{id}/approvals', (call, ctx, { id }) => {
      const run = runOf(id);
      if (!run) return noRun(id);
      if (!ctx.need('engineer')) return ctx.forbid('engineer');
      const body = bodyOf(call);
      const decision = String(body.decision ?? '').toLowerCase();
      if (!['approve', 'reject'].includes(decision)) return problem(400, 'decision: approve or reject', 'decision');
      if (run.status !== 'WAITING_APPROVAL') return problem(409, `run ${run.id} is ${run.status}, not waiting for approval`);
      const stage = run.stages.find((s) => s.name === body.stage && s.status === 'WAITING');
      if (!stage) return problem(400, `stage: run ${run.id} does not wait on stage '${String(body.stage)}'`, 'stage');
      if (!ctx.need('lead')) return problem(403, `approving stage ${stage.name} needs role 'lead' or higher`);
      if (ctx.user === run.startedBy) return problem(403, `${ctx.user} started this run and cannot approve it (separation of duties)`);
      update(run, (r) => {
        r.approvals.push({ stage: stage.name, user: ctx.user, decision: decision.toUpperCase(), comment: (body.comment as string) ?? null, at: '2026-01-12T09:04:00Z', breakGlass: false });
        finish(r, decision === 'approve' ? 'SUCCEEDED' : 'FAILED');
      });
      return json(200, run);
    }),
    route('POST', '/api/v1/runs/{id}/cancel', (_call, ctx, { id }) => {
      const run = runOf(id);
      if (!run) return noRun(id);
      if (!ctx.need('engineer')) return ctx.forbid('engineer');
      if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(run.status)) return problem(409, `run ${run.id} has ended`);
      update(run, (r) => finish(r, 'CANCELLED'));
      return json(200, run);
    }),
    route('POST', '/api/v1/runs/{id}/retry', (_call, ctx, { id }) => {
      const run = runOf(id);
      if (!run) return noRun(id);
      if (!ctx.need('engineer')) return ctx.forbid('engineer');
      if (!['FAILED', 'CANCELLED'].includes(run.status)) return problem(409, `run ${run.id} has not failed`);
      update(run, (r) => {
        r.status = 'RUNNING';
        r.endedAt = null;
      });
      return json(200, run);
    }),
  ];

  return { files, runs, logs, deployments, state, addRun, update, waitForApproval, finish, streams, routes, handle: router(routes) };
}
