/**
 * Projects of the fake Stoker, after ProjectResource (docs/projects-api.md): a small in-memory repository of
 * Ignition project exports per project, with history, branches, a property-level diff, three-way merges with
 * conflicts, releases and exports (the files themselves: test-support/fake/projectFiles.ts). The e2e
 * self-test server imports real zips through the API; Vitest seeds revisions with `commit(files)`.
 */
import { Bad, json, noContent, page, route, router, type Route } from './http';
import { decodeExport, diff, diffPage, exportZip, finish, isJsonFile, NAME, pretty, REF, resourcesOf, threeWay, typeOf, type Files } from './projectFiles';

export interface FakeProject {
  name: string;
  platform: string;
  description: string;
  defaultBranch: string;
  created: string;
}
interface Commit {
  id: string;
  author: string;
  message: string;
  time: string;
  order: number;
  parents: string[];
  files: Files;
}
/* eslint-disable @typescript-eslint/no-explicit-any */
type Conflict = any;
interface Merge {
  id: string;
  project: string;
  created: string;
  source: string;
  target: string;
  base: string | null;
  ours: string;
  theirs: string;
  status: string;
  conflicts: Conflict[];
  revision: string | null;
  merged: Map<string, unknown>;
  message: string;
  author: string;
}
interface Repo {
  commits: Map<string, Commit>;
  branches: Map<string, string>;
  releases: Record<string, unknown>[];
  merges: Map<string, Merge>;
}

const sha256 = async (bytes: Uint8Array<ArrayBuffer>) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
const revision = (c: Commit) => ({ id: c.id, author: c.author, message: c.message, time: c.time });
const located = (answer: Response, location: string) => (answer.headers.set('Location', location), answer);
const ref = (name: unknown) => {
  if (typeof name !== 'string' || !REF.test(name) || name.includes('..')) throw new Bad(400, 'name', "letters, digits, '.', '_', '-' and '/' between segments");
  return name;
};

export function fakeProjects({ now, platforms }: { now: () => string; platforms: () => string[] }) {
  const projects = new Map<string, FakeProject>();
  const repos = new Map<string, Repo>();
  let order = 0;
  let mergeSeq = 0;

  const view = (p: FakeProject) => ({ ...p, head: repos.get(p.name)!.branches.get(p.defaultBranch) ?? null });
  const find = (name: string) => {
    const project = projects.get(name);
    if (!project) throw new Bad(404, 'name', `project '${name}' not found`);
    return { project, repo: repos.get(name)! };
  };
  const record = (repo: Repo, branch: string, files: Files, author: string, message: string, parents: string[]) => {
    const id = `${crypto.randomUUID()}${crypto.randomUUID()}`.replace(/-/g, '').slice(0, 40);
    const c: Commit = { id, author, message, time: now(), order: ++order, parents, files };
    repo.commits.set(id, c);
    repo.branches.set(branch, id);
    return c;
  };
  const resolve = (repo: Repo, project: FakeProject, rev: string | null | undefined, field = 'rev') => {
    const r = rev || project.defaultBranch;
    const id = repo.branches.get(r) ?? (repo.releases.find((x) => x.name === r)?.revision as string | undefined) ?? (repo.commits.has(r) ? r : [...repo.commits.keys()].find((k) => r.length >= 7 && k.startsWith(r)));
    if (!id) throw new Bad(404, field, `no branch, release or commit '${r}'`);
    return repo.commits.get(id)!;
  };
  const ancestors = (repo: Repo, id: string) => {
    const seen = new Set<string>();
    const stack = [id];
    while (stack.length) {
      const c = repo.commits.get(stack.pop()!);
      if (!c || seen.has(c.id)) continue;
      seen.add(c.id);
      stack.push(...c.parents);
    }
    return seen;
  };
  const mergeBase = (repo: Repo, a: string, b: string) => {
    const ofA = ancestors(repo, a);
    return [...ancestors(repo, b)].filter((id) => ofA.has(id)).map((id) => repo.commits.get(id)!).sort((x, y) => y.order - x.order)[0] ?? null;
  };
  const mergeView = (m: Merge) => ({
    id: m.id,
    project: m.project,
    source: m.source,
    target: m.target,
    base: m.base,
    ours: m.ours,
    theirs: m.theirs,
    status: m.status,
    conflicts: m.conflicts.map(({ file: _f, leaf: _l, ...c }: Conflict) => c),
    revision: m.revision,
    createdBy: m.author,
    created: m.created,
  });

  /** A new project (for tests: without the role checks of POST /projects). */
  const addProject = (name: string, extra: Partial<FakeProject> = {}) => {
    const p: FakeProject = { name, platform: 'ignition', description: '', defaultBranch: 'main', created: now(), ...extra };
    projects.set(name, p);
    repos.set(name, { commits: new Map(), branches: new Map(), releases: [], merges: new Map() });
    return view(p);
  };
  /** Commits `files` (path → text) on `branch` of project `p`, after its head (for tests: no import needed). */
  const commit = (p: string, branch: string, message: string, files: Record<string, string> = {}, author = 'admin') => {
    const { repo } = find(p);
    const head = repo.branches.get(branch);
    return revision(record(repo, branch, new Map(Object.entries(files)), author, message, head ? [head] : []));
  };
  /** Points `branch` of project `p` at revision `rev`. */
  const branch = (p: string, name: string, rev: string) => void find(p).repo.branches.set(name, rev);

  const imports: Route['handle'] = async ({ body, query }, ctx, { p: name }) => {
    const { project, repo } = find(name);
    if (!ctx.need('engineer')) return ctx.forbid('engineer');
    if (!(body instanceof FormData)) throw new Bad(415, 'body', 'multipart/form-data with parts project and/or tags required');
    const zip = body.get('project');
    const tags = body.get('tags');
    if (!(zip instanceof Blob) && !(tags instanceof Blob)) throw new Bad(400, 'project', 'a project part, a tags part or both are required');
    const target = query.get('branch') || project.defaultBranch;
    const head = repo.branches.get(target);
    if (!head && target !== project.defaultBranch) throw new Bad(404, 'branch', `branch '${target}' not found`);
    if (query.get('expectedHead') && query.get('expectedHead') !== head) throw new Bad(409, 'expectedHead', `branch '${target}' moved to ${head}`);
    const parent = head ? repo.commits.get(head)!.files : new Map<string, string>();
    let files: Files;
    if (zip instanceof Blob) {
      files = decodeExport(new Uint8Array(await zip.arrayBuffer()));
      if (parent.has('tags.json')) files.set('tags.json', parent.get('tags.json')!);
    } else {
      if (!head) throw new Bad(400, 'project', 'the first import needs a project export');
      files = new Map(parent);
    }
    if (tags instanceof Blob) {
      let doc: unknown;
      try {
        doc = JSON.parse(await tags.text());
      } catch {
        doc = null;
      }
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Bad(400, 'tags', 'not a JSON tag export (an object with "tags")');
      files.set('tags.json', pretty(doc));
    }
    return json(201, revision(record(repo, target, files, ctx.user, query.get('message') || 'import', head ? [head] : [])));
  };

  const startMerge: Route['handle'] = ({ body }, ctx, { p: name }) => {
    const { repo } = find(name);
    if (!ctx.need('engineer')) return ctx.forbid('engineer');
    const b = (body ?? {}) as Record<string, string>;
    const ours = repo.branches.get(b.target);
    const theirs = repo.branches.get(b.source);
    if (!theirs) throw new Bad(400, 'source', `no branch '${b.source}'`);
    if (!ours) throw new Bad(400, 'target', `no branch '${b.target}'`);
    if (b.source === b.target) throw new Bad(400, 'source', 'source and target are the same branch');
    const base = mergeBase(repo, ours, theirs);
    const message = b.message || `Merge ${b.source} into ${b.target}`;
    const merge: Merge = { id: `m${++mergeSeq}`, project: name, created: now(), source: b.source, target: b.target, base: base?.id ?? null, ours, theirs, status: 'UP_TO_DATE', conflicts: [], revision: ours, merged: new Map(), message, author: ctx.user };
    // the target holds the source already: nothing to commit
    if (!ancestors(repo, ours).has(theirs)) {
      const { merged, conflicts } = threeWay(base?.files ?? new Map(), repo.commits.get(ours)!.files, repo.commits.get(theirs)!.files);
      Object.assign(merge, { status: 'CONFLICTED', conflicts, merged, revision: null });
      if (conflicts.length === 0) {
        merge.revision = record(repo, b.target, finish(merged, []), ctx.user, message, [ours, theirs]).id;
        merge.status = 'COMMITTED';
      }
    }
    repo.merges.set(merge.id, merge);
    return located(json(201, mergeView(merge)), `/api/v1/projects/${name}/merges/${merge.id}`);
  };

  const mergeOf = (name: string, id: string, open = false) => {
    const { repo } = find(name);
    const merge = repo.merges.get(id);
    if (!merge) throw new Bad(404, 'id', `merge '${id}' not found`);
    if (open && merge.status === 'COMMITTED') throw new Bad(409, 'id', 'the merge is committed already');
    return { repo, merge };
  };

  const resolve_: Route['handle'] = ({ body }, ctx, { p: name, id }) => {
    if (!ctx.need('engineer')) return ctx.forbid('engineer');
    const { merge } = mergeOf(name, id, true);
    if (!Array.isArray(body)) throw new Bad(400, 'resolutions', 'a JSON array of {path, pointer, choice, value}');
    for (const r of body as Record<string, string>[]) {
      const c = merge.conflicts.find((x) => x.path === r.path && x.pointer === r.pointer);
      if (!c) throw new Bad(400, 'pointer', `no conflict at ${r.path} ${r.pointer}`);
      if (!['ours', 'theirs', 'base', 'value'].includes(r.choice)) throw new Bad(400, 'choice', 'ours, theirs, base or value');
      if (r.choice === 'value') {
        if (typeof r.value !== 'string') throw new Bad(400, 'value', 'required with choice value');
        if (c.leaf !== null) {
          try {
            JSON.parse(r.value);
          } catch {
            throw new Bad(400, 'value', `not JSON for ${r.pointer}`);
          }
        }
      }
      c.resolved = true;
      c.resolution = r.choice === 'value' ? r.value : c[r.choice];
    }
    merge.status = merge.conflicts.every((c) => c.resolved) ? 'READY' : 'CONFLICTED';
    return json(200, mergeView(merge));
  };

  const routes: Route[] = [
    route('GET', '/api/v1/projects', ({ query }) => page([...projects.values()].sort((a, b) => a.name.localeCompare(b.name)).map(view), query, 500)),
    route('POST', '/api/v1/projects', ({ body }, ctx) => {
      if (!ctx.need('lead')) return ctx.forbid('lead');
      const b = (body ?? {}) as Record<string, string>;
      if (!NAME.test(b.name ?? '')) throw new Bad(400, 'name', 'must match [a-z0-9][a-z0-9-]{1,62}');
      if (projects.has(b.name)) throw new Bad(409, 'name', `project '${b.name}' already exists`);
      if (!platforms().includes(b.platform)) throw new Bad(400, 'platform', `'${b.platform}' is not installed [${platforms().join(', ')}]`);
      return located(json(201, addProject(b.name, { platform: b.platform, description: b.description ?? '' })), `/api/v1/projects/${b.name}`);
    }),
    route('GET', '/api/v1/projects/{p}', (_call, _ctx, { p: name }) => json(200, view(find(name).project))),
    route('DELETE', '/api/v1/projects/{p}', (_call, ctx, { p: name }) => {
      find(name);
      if (!ctx.need('admin')) return ctx.forbid('admin');
      projects.delete(name);
      repos.delete(name);
      return noContent();
    }),
    route('GET', '/api/v1/projects/{p}/branches', (_call, _ctx, { p: name }) => json(200, [...find(name).repo.branches.entries()].map(([n, head]) => ({ name: n, head })))),
    route('POST', '/api/v1/projects/{p}/branches', ({ body }, ctx, { p: name }) => {
      const { project, repo } = find(name);
      if (!ctx.need('engineer')) return ctx.forbid('engineer');
      const b = (body ?? {}) as Record<string, string>;
      const n = ref(b.name);
      if (repo.branches.has(n)) throw new Bad(409, 'name', `branch '${n}' already exists`);
      if (repo.commits.size === 0) throw new Bad(409, 'from', 'the project has no revision yet');
      const c = resolve(repo, project, b.from, 'from');
      repo.branches.set(n, c.id);
      return json(201, { name: n, head: c.id });
    }),
    route('DELETE', '/api/v1/projects/{p}/branches/{b: .+}', (_call, ctx, { p: name, b }) => {
      const { project, repo } = find(name);
      if (!ctx.need('engineer')) return ctx.forbid('engineer');
      if (b === project.defaultBranch) throw new Bad(409, 'name', 'the default branch cannot be deleted');
      if (!repo.branches.delete(b)) throw new Bad(404, 'name', `branch '${b}' not found`);
      return noContent();
    }),
    route('POST', '/api/v1/projects/{p}/imports', imports),
    route('GET', '/api/v1/projects/{p}/history', ({ query }, _ctx, { p: name }) => {
      const { project, repo } = find(name);
      const b = query.get('branch') || project.defaultBranch;
      const head = repo.branches.get(b);
      if (!head && b !== project.defaultBranch) throw new Bad(404, 'branch', `branch '${b}' not found`);
      const all = head ? [...ancestors(repo, head)].map((id) => repo.commits.get(id)!).sort((x, y) => y.order - x.order).map(revision) : [];
      return page(all, query, 500);
    }),
    route('GET', '/api/v1/projects/{p}/tree', ({ query }, _ctx, { p: name }) => {
      const { project, repo } = find(name);
      const c = resolve(repo, project, query.get('rev'));
      const resources = [...resourcesOf(c.files).entries()].map(([p, files]) => ({ path: p, type: typeOf(p), files: files.sort() })).sort((a, b) => a.path.localeCompare(b.path));
      return json(200, { revision: c.id, resources, hasTags: c.files.has('tags.json') });
    }),
    route('GET', '/api/v1/projects/{p}/file', ({ query }, _ctx, { p: name }) => {
      const { project, repo } = find(name);
      const c = resolve(repo, project, query.get('rev'));
      const path = query.get('path') ?? '';
      const text = c.files.get(path);
      if (text === undefined) throw new Bad(404, 'path', `no file '${path}' in ${c.id.slice(0, 8)}`);
      return new Response(text, { status: 200, headers: { 'Content-Type': isJsonFile(path) ? 'application/json' : 'text/plain; charset=utf-8' } });
    }),
    route('GET', '/api/v1/projects/{p}/diff', ({ query }, _ctx, { p: name }) => {
      const { project, repo } = find(name);
      const from = resolve(repo, project, query.get('from'), 'from');
      const to = resolve(repo, project, query.get('to'), 'to');
      return json(200, diffPage(from.id, to.id, diff(from.files, to.files), query));
    }),
    route('POST', '/api/v1/projects/{p}/merges', startMerge),
    route('GET', '/api/v1/projects/{p}/merges/{id}', (_call, _ctx, { p: name, id }) => json(200, mergeView(mergeOf(name, id).merge))),
    route('DELETE', '/api/v1/projects/{p}/merges/{id}', (_call, ctx, { p: name, id }) => {
      if (!ctx.need('engineer')) return ctx.forbid('engineer');
      mergeOf(name, id, true).repo.merges.delete(id);
      return noContent();
    }),
    route('PUT', '/api/v1/projects/{p}/merges/{id}/resolutions', resolve_),
    route('POST', '/api/v1/projects/{p}/merges/{id}/commit', (_call, ctx, { p: name, id }) => {
      if (!ctx.need('engineer')) return ctx.forbid('engineer');
      const { repo, merge } = mergeOf(name, id, true);
      const open = merge.conflicts.filter((c) => !c.resolved).length;
      if (open) throw new Bad(409, 'id', `${open} conflict(s) still open`);
      if (repo.branches.get(merge.target) !== merge.ours) throw new Bad(409, 'target', `'${merge.target}' moved since the merge started; start it again`);
      const c = record(repo, merge.target, finish(merge.merged, merge.conflicts), ctx.user, merge.message, [merge.ours, merge.theirs]);
      merge.status = 'COMMITTED';
      merge.revision = c.id;
      return json(201, revision(c));
    }),
    route('GET', '/api/v1/projects/{p}/releases', (_call, _ctx, { p: name }) => json(200, find(name).repo.releases)),
    route('POST', '/api/v1/projects/{p}/releases', async ({ body }, ctx, { p: name }) => {
      const { project, repo } = find(name);
      if (!ctx.need('engineer')) return ctx.forbid('engineer');
      const b = (body ?? {}) as Record<string, string>;
      const n = ref(b.name);
      if (repo.releases.some((r) => r.name === n) || repo.branches.has(n)) throw new Bad(409, 'name', `'${n}' is taken`);
      const c = resolve(repo, project, b.rev);
      const release = { name: n, revision: c.id, createdBy: ctx.user, created: now(), sourceEnvironment: b.sourceEnvironment ?? null, artifactSha256: await sha256(exportZip(c.files)) };
      repo.releases.unshift(release);
      return json(201, release);
    }),
    route('GET', '/api/v1/projects/{p}/export', ({ query }, _ctx, { p: name }) => {
      const { project, repo } = find(name);
      const c = resolve(repo, project, query.get('rev'));
      return new Response(exportZip(c.files), { status: 200, headers: { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${name}-${c.id.slice(0, 8)}.zip"` } });
    }),
    route('GET', '/api/v1/projects/{p}/export/tags', ({ query }, _ctx, { p: name }) => {
      const { project, repo } = find(name);
      const c = resolve(repo, project, query.get('rev'));
      const tags = c.files.get('tags.json');
      if (tags === undefined) throw new Bad(404, 'rev', 'the revision has no tags');
      return new Response(tags, { status: 200, headers: { 'Content-Type': 'application/json', 'Content-Disposition': `attachment; filename="${name}-${c.id.slice(0, 8)}-tags.json"` } });
    }),
  ];

  return { projects, repos, exists: (name: string) => projects.has(name), addProject, commit, branch, routes, handle: router(routes) };
}
