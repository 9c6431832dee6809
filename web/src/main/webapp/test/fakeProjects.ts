/**
 * The projects part of the fake Stoker (docs/projects-api.md): projects, branches, revisions, trees,
 * files, diffs, merges and releases in memory. Tests seed what a page needs: `addProject`, `commit`,
 * `diffs`, `nextConflicts`, ….
 */
import type { Call } from '../../../../test-support/fake/http';
import { json, noContent, problem } from '../../../../test-support/fake/http';

type Role = 'viewer' | 'engineer' | 'lead' | 'admin';
interface Ctx {
  user: string;
  need: (role: Role) => boolean;
  forbid: (role: Role) => Response;
}

export interface FakeRevision {
  id: string;
  author: string;
  message: string;
  time: string;
}
export interface FakeProject {
  name: string;
  platform: string;
  description: string;
  defaultBranch: string;
  head: string | null;
  created: string;
}
export interface FakeTree {
  resources: { path: string; type: string; files: string[] }[];
  tags: boolean;
  /** file path (`<resource>/<file>` or `tags.json`) → content */
  files?: Record<string, string>;
}
export interface FakeConflict {
  path: string;
  pointer: string;
  base: string | null;
  ours: string | null;
  theirs: string | null;
  resolved: boolean;
  resolution: string | null;
}
export interface FakeMerge {
  id: string;
  project: string;
  source: string;
  target: string;
  base: string | null;
  ours: string | null;
  theirs: string | null;
  status: string;
  conflicts: FakeConflict[];
  /** the merge commit's id once COMMITTED (MergeState.revision) */
  revision: string | null;
  createdBy: string;
  created: string;
}

const NAME = /^[a-z0-9][a-z0-9-]{1,62}$/;

export function fakeProjects() {
  const projects: FakeProject[] = [];
  /** project → branch name → head */
  const branches = new Map<string, Map<string, string>>();
  /** project → branch → revisions, newest first */
  const history = new Map<string, Map<string, FakeRevision[]>>();
  const revisions = new Map<string, FakeRevision>();
  /** revision id → tree */
  const trees = new Map<string, FakeTree>();
  /** `${from}|${to}` → changes (server shape: kind in upper case) */
  const diffs = new Map<string, unknown[]>();
  const merges = new Map<string, FakeMerge>();
  const releases = new Map<string, Record<string, unknown>[]>();
  /** parts of each import, in order */
  const imports: { project: string; branch: string; message: string; parts: Record<string, { name: string; size: number }> }[] = [];
  const state = {
    /** conflicts the next merge answers with (empty: a clean merge that commits at once) */
    nextConflicts: [] as Omit<FakeConflict, 'resolved' | 'resolution'>[],
    /** the next merge finds the target already holding the source (UP_TO_DATE, nothing committed) */
    nextUpToDate: false,
    /** when set, the next import answers this problem */
    importProblem: null as null | { status: number; detail: string; field?: string },
  };
  let seq = 0;
  let clock = Date.UTC(2026, 0, 12, 8, 0, 0);
  const tick = () => new Date((clock += 3_600_000)).toISOString();
  const newId = () => (++seq).toString(16).padStart(8, '0').repeat(5);

  const addProject = (name: string, extra: Partial<FakeProject> = {}): FakeProject => {
    const p: FakeProject = { name, platform: 'ignition', description: '', defaultBranch: 'main', head: null, created: '2026-01-11T10:00:00Z', ...extra };
    projects.push(p);
    branches.set(name, new Map());
    history.set(name, new Map());
    releases.set(name, []);
    return p;
  };

  const resolveRev = (p: string, rev: string | null): string | undefined => {
    const project = projects.find((x) => x.name === p);
    if (!project) return undefined;
    const r = rev || project.defaultBranch;
    return branches.get(p)?.get(r) ?? (releases.get(p)?.find((x) => x.name === r)?.revision as string | undefined) ?? (revisions.has(r) ? r : undefined);
  };

  /** Commits a revision on a branch (created from `from`'s history when new). */
  const commit = (p: string, branch: string, message: string, tree?: FakeTree, author = 'admin'): FakeRevision => {
    const project = projects.find((x) => x.name === p);
    if (!project) throw new Error(`no project ${p}`);
    const rev: FakeRevision = { id: newId(), author, message, time: tick() };
    revisions.set(rev.id, rev);
    trees.set(rev.id, tree ?? { resources: [], tags: false });
    const h = history.get(p)!;
    h.set(branch, [rev, ...(h.get(branch) ?? [])]);
    branches.get(p)!.set(branch, rev.id);
    if (branch === project.defaultBranch) project.head = rev.id;
    return rev;
  };

  const handle = (call: Call, ctx: Ctx): Response | undefined => {
    const { method, path, query } = call;
    if (path === '/api/v1/projects' && method === 'GET') {
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit') ?? 50);
      return json(200, { items: projects.slice(offset, offset + limit), offset, limit, total: projects.length });
    }
    if (path === '/api/v1/projects' && method === 'POST') {
      if (!ctx.need('lead')) return ctx.forbid('lead');
      const b = (call.body ?? {}) as Record<string, string>;
      if (!NAME.test(b.name ?? '')) return problem(400, 'name: must match [a-z0-9][a-z0-9-]{1,62}', 'name');
      if (projects.some((x) => x.name === b.name)) return problem(409, `name: project '${b.name}' already exists`, 'name');
      return json(201, addProject(b.name, { platform: b.platform, description: b.description ?? '' }));
    }
    const m = path.match(/^\/api\/v1\/projects\/([^/]+)(?:\/(.*))?$/);
    if (!m) return undefined;
    const name = decodeURIComponent(m[1]);
    const rest = m[2] ?? '';
    const project = projects.find((x) => x.name === name);
    if (!project) return problem(404, `project '${name}' not found`);
    const writes = method !== 'GET';
    if (writes && !ctx.need('engineer')) return ctx.forbid('engineer');
    const body = call.body as Record<string, unknown> | undefined;

    if (rest === '' && method === 'GET') return json(200, project);
    if (rest === 'branches' && method === 'GET') return json(200, [...branches.get(name)!.entries()].map(([n, head]) => ({ name: n, head })));
    if (rest === 'branches' && method === 'POST') {
      const bn = String(body?.name ?? '');
      if (!bn) return problem(400, 'name: required', 'name');
      if (branches.get(name)!.has(bn)) return problem(409, `name: branch '${bn}' already exists`, 'name');
      const head = resolveRev(name, String(body?.from ?? ''));
      if (!head) return problem(400, `from: no branch or commit '${body?.from}'`, 'from');
      branches.get(name)!.set(bn, head);
      const fromBranch = String(body?.from ?? project.defaultBranch);
      history.get(name)!.set(bn, [...(history.get(name)!.get(fromBranch) ?? [revisions.get(head)!])]);
      return json(201, { name: bn, head });
    }
    const bm = rest.match(/^branches\/(.+)$/);
    if (bm && method === 'DELETE') {
      const bn = decodeURIComponent(bm[1]);
      if (bn === project.defaultBranch) return problem(409, 'name: the default branch cannot be deleted', 'name');
      if (!branches.get(name)!.delete(bn)) return problem(404, `branch '${bn}' not found`);
      return noContent();
    }
    if (rest === 'imports' && method === 'POST') {
      if (state.importProblem) {
        const p = state.importProblem;
        state.importProblem = null;
        return problem(p.status, p.detail, p.field);
      }
      const form = call.body instanceof FormData ? call.body : null;
      if (!form) return problem(415, 'multipart/form-data required');
      const parts: Record<string, { name: string; size: number }> = {};
      for (const key of ['project', 'tags']) {
        const f = form.get(key);
        if (f && typeof f !== 'string') parts[key] = { name: (f as File).name, size: f.size };
      }
      if (!parts.project && !parts.tags) return problem(400, 'project: a project export or tags part is required', 'project');
      const branch = query.get('branch') || project.defaultBranch;
      imports.push({ project: name, branch, message: query.get('message') ?? '', parts });
      return json(201, commit(name, branch, query.get('message') ?? 'import', undefined, ctx.user));
    }
    if (rest === 'history' && method === 'GET') {
      const branch = query.get('branch') || project.defaultBranch;
      const list = history.get(name)!.get(branch);
      if (!list) return problem(404, `branch '${branch}' not found`);
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit') ?? 50);
      return json(200, { items: list.slice(offset, offset + limit), offset, limit, total: list.length });
    }
    if (rest === 'tree' && method === 'GET') {
      const rev = resolveRev(name, query.get('rev'));
      if (!rev) return problem(404, `revision '${query.get('rev')}' not found`);
      const t = trees.get(rev)!;
      return json(200, { revision: rev, resources: t.resources, hasTags: t.tags });
    }
    if (rest === 'file' && method === 'GET') {
      const rev = resolveRev(name, query.get('rev'));
      const text = rev ? trees.get(rev)?.files?.[query.get('path') ?? ''] : undefined;
      if (text === undefined) return problem(404, `file '${query.get('path')}' not found`);
      return new Response(text, { status: 200, headers: { 'Content-Type': 'application/json' } });
    }
    if (rest === 'diff' && method === 'GET') {
      const from = query.get('from') ?? '';
      const to = query.get('to') ?? '';
      return json(200, { from, to, changes: diffs.get(`${from}|${to}`) ?? [] });
    }
    if (rest === 'merges' && method === 'POST') {
      const source = String(body?.source ?? '');
      const target = String(body?.target ?? '');
      const b = branches.get(name)!;
      if (!b.has(source)) return problem(400, `source: no branch '${source}'`, 'source');
      if (!b.has(target)) return problem(400, `target: no branch '${target}'`, 'target');
      const merge: FakeMerge = {
        id: `m${++seq}`,
        project: name,
        source,
        target,
        base: [...(history.get(name)!.get(source) ?? [])].at(-1)?.id ?? null,
        ours: b.get(target)!,
        theirs: b.get(source)!,
        status: 'CONFLICTED',
        conflicts: state.nextConflicts.map((c) => ({ ...c, resolved: false, resolution: null })),
        revision: null,
        createdBy: ctx.user,
        created: tick(),
      };
      state.nextConflicts = [];
      if (state.nextUpToDate) {
        state.nextUpToDate = false;
        merge.status = 'UP_TO_DATE';
        merge.revision = merge.ours;
      } else if (merge.conflicts.length === 0) {
        merge.status = 'COMMITTED';
        merge.revision = commit(name, target, String(body?.message ?? 'merge'), undefined, ctx.user).id;
      }
      merges.set(merge.id, merge);
      return json(201, merge);
    }
    const mm = rest.match(/^merges\/([^/]+)(?:\/(resolutions|commit))?$/);
    if (mm) {
      const merge = merges.get(decodeURIComponent(mm[1]));
      if (!merge) return problem(404, `merge '${mm[1]}' not found`);
      if (!mm[2] && method === 'GET') return json(200, merge);
      if (!mm[2] && method === 'DELETE') {
        merges.delete(merge.id);
        return noContent();
      }
      if (mm[2] === 'resolutions' && method === 'PUT') {
        if (merge.status === 'COMMITTED') return problem(409, 'merge already committed');
        for (const r of (Array.isArray(call.body) ? call.body : []) as Record<string, string>[]) {
          const c = merge.conflicts.find((x) => x.path === r.path && x.pointer === r.pointer);
          if (!c) return problem(400, `resolutions: no conflict at ${r.path} ${r.pointer}`, 'resolutions');
          if (!['ours', 'theirs', 'base', 'value'].includes(r.choice)) return problem(400, 'choice: ours, theirs, base or value', 'choice');
          c.resolved = true;
          c.resolution = r.choice === 'value' ? r.value : (c[r.choice as 'ours' | 'theirs' | 'base'] ?? null);
        }
        merge.status = merge.conflicts.every((c) => c.resolved) ? 'READY' : 'CONFLICTED';
        return json(200, merge);
      }
      if (mm[2] === 'commit' && method === 'POST') {
        if (merge.status !== 'READY') return problem(409, `merge has ${merge.conflicts.filter((c) => !c.resolved).length} open conflict(s)`);
        merge.status = 'COMMITTED';
        const rev = commit(name, merge.target, `Merge ${merge.source} into ${merge.target}`, undefined, ctx.user);
        merge.revision = rev.id;
        return json(201, rev);
      }
    }
    if (rest === 'releases' && method === 'GET') return json(200, releases.get(name));
    if (rest === 'releases' && method === 'POST') {
      const rn = String(body?.name ?? '');
      if (!rn) return problem(400, 'name: required', 'name');
      if (releases.get(name)!.some((r) => r.name === rn)) return problem(409, `name: release '${rn}' already exists`, 'name');
      const rev = resolveRev(name, String(body?.rev ?? ''));
      if (!rev) return problem(400, `rev: no revision '${body?.rev}'`, 'rev');
      const release = { name: rn, revision: rev, createdBy: ctx.user, created: tick(), sourceEnvironment: (body?.sourceEnvironment as string) ?? null, artifactSha256: 'ab'.repeat(32) };
      releases.get(name)!.unshift(release);
      return json(201, release);
    }
    if (rest === 'export' && method === 'GET') {
      const rev = resolveRev(name, query.get('rev'));
      if (!rev) return problem(404, `revision '${query.get('rev')}' not found`);
      return new Response(new Uint8Array([0x50, 0x4b, 5, 6, ...new Array(18).fill(0)]), {
        status: 200,
        headers: { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${name}-${rev.slice(0, 8)}.zip"` },
      });
    }
    return problem(404, `no route ${method} ${path}`);
  };

  return { projects, branches, history, revisions, trees, diffs, merges, releases, imports, state, addProject, commit, handle };
}
