// Projects for the self-test server (e2e/mock-stoker.mjs), after docs/projects-api.md: a small
// in-memory repository of Ignition project exports (unzipped with fflate), with history, a
// property-level diff, three-way merges with conflicts, branches, releases and exports.
// Not a specification; the repository service is.
import { createHash, randomBytes } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const NAME = /^[a-z0-9][a-z0-9-]{1,62}$/;
const REF = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
const DROPPED = ['lastModification', 'lastModificationSignature'];

class Bad extends Error {
  constructor(status, field, detail) {
    super(field ? `${field}: ${detail}` : detail);
    this.status = status;
    this.field = field;
  }
}

const sorted = (v) =>
  Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v;
const pretty = (v) => `${JSON.stringify(sorted(v), null, 2)}\n`;
const isJsonFile = (name) => name.endsWith('.json');
const typeOf = (resource) => resource.split('/').slice(0, 2).join('/');
const escapePointer = (s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

/** JSON leaves by pointer (empty objects and arrays are leaves too). */
function flatten(value, prefix = '', out = new Map()) {
  if (value && typeof value === 'object' && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, `${prefix}/${escapePointer(k)}`, out);
  } else {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

function unflatten(leaves) {
  let root;
  const entries = [...leaves.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  for (const [pointer, json] of entries) {
    const value = JSON.parse(json);
    if (pointer === '') return value;
    const parts = pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (root === undefined) root = /^\d+$/.test(parts[0]) ? [] : {};
    let node = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else {
        if (node[part] === undefined || typeof node[part] !== 'object') node[part] = /^\d+$/.test(parts[i + 1]) ? [] : {};
        node = node[part];
      }
    });
  }
  const compact = (v) => (Array.isArray(v) ? v.filter((x) => x !== undefined).map(compact) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compact(x)])) : v);
  return compact(root ?? {});
}

/** Tags by their path of names (`Folder/Tag1`), each as JSON without its children. */
function flattenTags(doc) {
  const out = new Map();
  const walk = (tags, prefix) => {
    for (const t of tags ?? []) {
      const path = prefix ? `${prefix}/${t.name}` : t.name;
      const { tags: children, ...rest } = t;
      out.set(path, JSON.stringify(sorted(rest)));
      walk(children, path);
    }
  };
  walk(doc?.tags, '');
  return out;
}

/** A unified diff with all lines as context (small files only). */
function unifiedDiff(name, a, b) {
  const x = a === null ? [] : a.replace(/\n$/, '').split('\n');
  const y = b === null ? [] : b.replace(/\n$/, '').split('\n');
  const lcs = Array.from({ length: x.length + 1 }, () => new Array(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const lines = [];
  let i = 0, j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) { lines.push(` ${x[i]}`); i++; j++; }
    else if (i < x.length && (j === y.length || lcs[i + 1][j] >= lcs[i][j + 1])) { lines.push(`-${x[i]}`); i++; }
    else { lines.push(`+${y[j]}`); j++; }
  }
  return `--- ${a === null ? '/dev/null' : `a/${name}`}\n+++ ${b === null ? '/dev/null' : `b/${name}`}\n@@ -${x.length ? 1 : 0},${x.length} +${y.length ? 1 : 0},${y.length} @@\n${lines.join('\n')}\n`;
}

/** Resources: folders holding a resource.json, each with the files directly inside. */
function resourcesOf(files) {
  const resources = new Map();
  for (const path of files.keys()) if (path.endsWith('/resource.json')) resources.set(path.slice(0, -'/resource.json'.length), []);
  for (const path of files.keys()) {
    const slash = path.lastIndexOf('/');
    if (slash > 0 && resources.has(path.slice(0, slash))) resources.get(path.slice(0, slash)).push(path.slice(slash + 1));
  }
  return resources;
}

function decodeExport(bytes) {
  let entries;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    throw new Bad(400, 'project', `export: not a valid zip archive: ${e.message}`);
  }
  const names = Object.keys(entries).filter((n) => !n.endsWith('/'));
  if (names.length === 0) throw new Bad(400, 'project', 'export: empty or not a zip archive');
  if (!names.includes('project.json')) throw new Bad(400, 'project', 'export: not an Ignition project export, project.json missing at the archive root');
  const files = new Map();
  for (const name of names) {
    if (name.startsWith('/') || name.split('/').includes('..') || name.includes('\\')) throw new Bad(400, 'project', `export: unsafe entry name '${name}'`);
    let text = strFromU8(entries[name]);
    if (isJsonFile(name)) {
      let doc;
      try {
        doc = JSON.parse(text);
      } catch {
        throw new Bad(400, 'project', `export: ${name} is not JSON`);
      }
      if (name.endsWith('resource.json') && doc.attributes) for (const k of DROPPED) delete doc.attributes[k];
      text = pretty(doc);
    }
    files.set(name, text);
  }
  const resources = resourcesOf(files);
  for (const name of files.keys()) {
    const slash = name.lastIndexOf('/');
    if (name !== 'project.json' && !(slash > 0 && resources.has(name.slice(0, slash)))) throw new Bad(400, 'project', `export: '${name}' belongs to no resource (no resource.json beside it)`);
  }
  return files;
}

export function mockProjects({ now }) {
  const projects = new Map();
  const repos = new Map(); // name → { commits: Map, branches: Map, releases: [], merges: Map }
  let order = 0;

  const repoOf = (name) => {
    const r = repos.get(name);
    if (!r) throw new Bad(404, undefined, `project '${name}' not found`);
    return r;
  };
  const view = (p) => ({ ...p, head: repos.get(p.name).branches.get(p.defaultBranch) ?? null });
  const revision = (c) => ({ id: c.id, author: c.author, message: c.message, time: c.time });
  const commit = (repo, branch, files, author, message, parents) => {
    const id = createHash('sha1').update(`${randomBytes(8).toString('hex')}${message}${order}`).digest('hex');
    const c = { id, author, message, time: now(), order: ++order, parents, files };
    repo.commits.set(id, c);
    repo.branches.set(branch, id);
    return c;
  };
  const resolve = (repo, project, rev, field = 'rev') => {
    const r = rev || project.defaultBranch;
    const id = repo.branches.get(r) ?? repo.releases.find((x) => x.name === r)?.revision ?? (repo.commits.has(r) ? r : [...repo.commits.keys()].find((k) => r.length >= 7 && k.startsWith(r)));
    if (!id) throw new Bad(404, field, `no branch, release or commit '${r}'`);
    return repo.commits.get(id);
  };
  const ancestors = (repo, id) => {
    const seen = new Set();
    const stack = [id];
    while (stack.length) {
      const c = repo.commits.get(stack.pop());
      if (!c || seen.has(c.id)) continue;
      seen.add(c.id);
      stack.push(...c.parents);
    }
    return seen;
  };
  const mergeBase = (repo, a, b) => {
    const ofA = ancestors(repo, a);
    return [...ancestors(repo, b)].filter((id) => ofA.has(id)).map((id) => repo.commits.get(id)).sort((x, y) => y.order - x.order)[0] ?? null;
  };

  function diff(fromFiles, toFiles) {
    const changes = [];
    const before = resourcesOf(fromFiles);
    const after = resourcesOf(toFiles);
    const content = (files, res, names) => names.map((n) => `${n}\u0000${files.get(`${res}/${n}`)}`).sort().join('\u0001');
    const properties = (res, oldRes, names) => {
      const props = [];
      let text = '';
      for (const name of [...new Set(names)].sort()) {
        const a = fromFiles.get(`${oldRes}/${name}`) ?? null;
        const b = toFiles.get(`${res}/${name}`) ?? null;
        if (a === b) continue;
        if (isJsonFile(name)) {
          const x = a === null ? new Map() : flatten(JSON.parse(a));
          const y = b === null ? new Map() : flatten(JSON.parse(b));
          for (const p of [...new Set([...x.keys(), ...y.keys()])].sort()) {
            if (x.get(p) !== y.get(p)) props.push({ pointer: `${name}#${p}`, oldValue: x.get(p) ?? null, newValue: y.get(p) ?? null });
          }
        } else {
          text += unifiedDiff(`${res}/${name}`, a, b);
        }
      }
      return { properties: props, textDiff: text || null };
    };
    const added = [...after.keys()].filter((r) => !before.has(r));
    const removed = [...before.keys()].filter((r) => !after.has(r));
    const renamed = new Map();
    for (const r of added) {
      const from = removed.find((o) => !renamed.has(o) && content(fromFiles, o, before.get(o)) === content(toFiles, r, after.get(r)));
      if (from) renamed.set(from, r);
    }
    for (const r of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      if (renamed.has(r)) {
        changes.push({ path: renamed.get(r), oldPath: r, kind: 'RENAMED', properties: [], textDiff: null });
      } else if ([...renamed.values()].includes(r)) {
        continue;
      } else if (!before.has(r)) {
        changes.push({ path: r, oldPath: null, kind: 'ADDED', ...properties(r, r, after.get(r)) });
      } else if (!after.has(r)) {
        changes.push({ path: r, oldPath: null, kind: 'REMOVED', ...properties(r, r, before.get(r)) });
      } else {
        const d = properties(r, r, [...before.get(r), ...after.get(r)]);
        if (d.properties.length || d.textDiff) changes.push({ path: r, oldPath: null, kind: 'MODIFIED', ...d });
      }
    }
    for (const special of ['project.json', 'tags.json']) {
      const a = fromFiles.get(special) ?? null;
      const b = toFiles.get(special) ?? null;
      if (a === b) continue;
      const kind = a === null ? 'ADDED' : b === null ? 'REMOVED' : 'MODIFIED';
      let properties = [];
      if (special === 'tags.json') {
        const x = a === null ? new Map() : flattenTags(JSON.parse(a));
        const y = b === null ? new Map() : flattenTags(JSON.parse(b));
        for (const p of [...new Set([...x.keys(), ...y.keys()])].sort()) if (x.get(p) !== y.get(p)) properties.push({ pointer: `tags.json#${p}`, oldValue: x.get(p) ?? null, newValue: y.get(p) ?? null });
      } else {
        const x = a === null ? new Map() : flatten(JSON.parse(a));
        const y = b === null ? new Map() : flatten(JSON.parse(b));
        for (const p of [...new Set([...x.keys(), ...y.keys()])].sort()) if (x.get(p) !== y.get(p)) properties.push({ pointer: `project.json#${p}`, oldValue: x.get(p) ?? null, newValue: y.get(p) ?? null });
      }
      changes.push({ path: special === 'tags.json' ? 'tags' : 'project', oldPath: null, kind, properties, textDiff: null });
    }
    return changes;
  }

  /** Three-way merge of file maps: the merged files and the conflicts (with how to apply a choice). */
  function threeWay(base, ours, theirs) {
    const merged = new Map();
    const conflicts = [];
    const resourceOf = (file) => {
      const slash = file.lastIndexOf('/');
      return slash < 0 ? file.replace(/\.json$/, '') : file.slice(0, slash);
    };
    const paths = new Set([...base.keys(), ...ours.keys(), ...theirs.keys()]);
    for (const path of [...paths].sort()) {
      const b = base.get(path) ?? null, o = ours.get(path) ?? null, t = theirs.get(path) ?? null;
      let result;
      if (o === t) result = o;
      else if (o === b) result = t;
      else if (t === b) result = o;
      else if (isJsonFile(path) && o !== null && t !== null) {
        const [fb, fo, ft] = [b === null ? new Map() : flatten(JSON.parse(b)), flatten(JSON.parse(o)), flatten(JSON.parse(t))];
        const leaves = new Map();
        const fileName = path.slice(path.lastIndexOf('/') + 1);
        for (const p of new Set([...fb.keys(), ...fo.keys(), ...ft.keys()])) {
          const lb = fb.get(p) ?? null, lo = fo.get(p) ?? null, lt = ft.get(p) ?? null;
          let v;
          if (lo === lt) v = lo;
          else if (lo === lb) v = lt;
          else if (lt === lb) v = lo;
          else {
            conflicts.push({ path: resourceOf(path), pointer: `${fileName}#${p}`, base: lb, ours: lo, theirs: lt, resolved: false, resolution: null, file: path, leaf: p });
            v = lo;
          }
          if (v !== null) leaves.set(p, v);
        }
        result = { leaves };
      } else {
        conflicts.push({ path: resourceOf(path), pointer: path.slice(path.lastIndexOf('/') + 1), base: b, ours: o, theirs: t, resolved: false, resolution: null, file: path, leaf: null });
        result = o;
      }
      if (result !== null) merged.set(path, result);
    }
    return { merged, conflicts };
  }

  const finish = (merged, conflicts) => {
    const files = new Map();
    const leafMaps = new Map();
    for (const [path, v] of merged) {
      if (typeof v === 'string') files.set(path, v);
      else leafMaps.set(path, new Map(v.leaves));
    }
    for (const c of conflicts) {
      const value = c.resolution;
      if (c.leaf === null) {
        if (value === null) files.delete(c.file);
        else files.set(c.file, value);
      } else {
        const leaves = leafMaps.get(c.file) ?? new Map();
        if (value === null) leaves.delete(c.leaf);
        else leaves.set(c.leaf, value);
        leafMaps.set(c.file, leaves);
      }
    }
    for (const [path, leaves] of leafMaps) files.set(path, pretty(unflatten(leaves)));
    return files;
  };
  const mergeView = (m) => ({
    id: m.id,
    project: m.project,
    source: m.source,
    target: m.target,
    base: m.base,
    ours: m.ours,
    theirs: m.theirs,
    status: m.status,
    conflicts: m.conflicts.map(({ file, leaf, ...c }) => c),
    revision: m.revision?.id ?? null,
    createdBy: m.author,
    created: m.created,
  });

  async function handle({ req, res, path, q, me, need, send, problem, body, raw }) {
    try {
      if (path === '/projects' && req.method === 'GET') {
        const all = [...projects.values()].sort((a, b) => a.name.localeCompare(b.name));
        const offset = Number(q.get('offset') ?? 0), limit = Math.min(Number(q.get('limit') ?? 50), 500);
        return send(res, 200, { items: all.slice(offset, offset + limit).map(view), offset, limit, total: all.length });
      }
      if (path === '/projects' && req.method === 'POST') {
        if (!need('lead')) return;
        const b = (await body(req)) ?? {};
        if (!NAME.test(b.name ?? '')) throw new Bad(400, 'name', 'must match [a-z0-9][a-z0-9-]{1,62}');
        if (projects.has(b.name)) throw new Bad(409, 'name', `project '${b.name}' already exists`);
        if (b.platform !== 'ignition') throw new Bad(400, 'platform', `'${b.platform}' is not installed [ignition]`);
        const p = { name: b.name, platform: b.platform, description: b.description ?? '', defaultBranch: 'main', created: now() };
        projects.set(p.name, p);
        repos.set(p.name, { commits: new Map(), branches: new Map(), releases: [], merges: new Map() });
        res.setHeader('Location', `/api/v1/projects/${p.name}`);
        return send(res, 201, view(p));
      }
      const m = path.match(/^\/projects\/([^/]+)(?:\/(.*))?$/);
      if (!m) return problem(res, 404, `no such endpoint ${req.method} /api/v1${path}`);
      const name = decodeURIComponent(m[1]);
      const rest = m[2] ?? '';
      const project = projects.get(name);
      const repo = repoOf(name);
      if (rest === '' && req.method === 'GET') return send(res, 200, view(project));
      if (rest === '' && req.method === 'DELETE') {
        if (!need('admin')) return;
        projects.delete(name);
        repos.delete(name);
        res.writeHead(204);
        return res.end();
      }
      if (req.method !== 'GET' && !need('engineer')) return;

      if (rest === 'branches' && req.method === 'GET') return send(res, 200, [...repo.branches.entries()].map(([n, head]) => ({ name: n, head })));
      if (rest === 'branches' && req.method === 'POST') {
        const b = (await body(req)) ?? {};
        if (!REF.test(b.name ?? '') || b.name.includes('..')) throw new Bad(400, 'name', "letters, digits, '.', '_', '-' and '/' between segments");
        if (repo.branches.has(b.name)) throw new Bad(409, 'name', `branch '${b.name}' already exists`);
        if (repo.commits.size === 0) throw new Bad(409, 'from', 'the project has no revision yet');
        const c = resolve(repo, project, b.from, 'from');
        repo.branches.set(b.name, c.id);
        return send(res, 201, { name: b.name, head: c.id });
      }
      let mm = rest.match(/^branches\/(.+)$/);
      if (mm && req.method === 'DELETE') {
        const b = decodeURIComponent(mm[1]);
        if (b === project.defaultBranch) throw new Bad(409, 'name', 'the default branch cannot be deleted');
        if (!repo.branches.delete(b)) throw new Bad(404, 'name', `branch '${b}' not found`);
        res.writeHead(204);
        return res.end();
      }
      if (rest === 'imports' && req.method === 'POST') {
        const type = req.headers['content-type'] ?? '';
        if (!type.startsWith('multipart/form-data')) throw new Bad(415, undefined, 'multipart/form-data with parts project and/or tags required');
        const form = await new Response(await raw(req), { headers: { 'Content-Type': type } }).formData();
        const zip = form.get('project');
        const tags = form.get('tags');
        if (!zip && !tags) throw new Bad(400, 'project', 'a project part, a tags part or both are required');
        const branch = q.get('branch') || project.defaultBranch;
        const head = repo.branches.get(branch);
        if (!head && branch !== project.defaultBranch) throw new Bad(404, 'branch', `branch '${branch}' not found`);
        if (q.get('expectedHead') && q.get('expectedHead') !== head) throw new Bad(409, 'expectedHead', `branch '${branch}' moved to ${head}`);
        const parent = head ? repo.commits.get(head).files : new Map();
        let files;
        if (zip) {
          files = decodeExport(new Uint8Array(await zip.arrayBuffer()));
          if (parent.has('tags.json')) files.set('tags.json', parent.get('tags.json'));
        } else {
          if (!head) throw new Bad(400, 'project', 'the first import needs a project export');
          files = new Map(parent);
        }
        if (tags) {
          let doc;
          try {
            doc = JSON.parse(await tags.text());
          } catch {
            throw new Bad(400, 'tags', 'not a JSON tag export (an object with "tags")');
          }
          if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Bad(400, 'tags', 'not a JSON tag export (an object with "tags")');
          files.set('tags.json', pretty(doc));
        }
        const c = commit(repo, branch, files, me.username, q.get('message') || 'import', head ? [head] : []);
        return send(res, 201, revision(c));
      }
      if (rest === 'history' && req.method === 'GET') {
        const branch = q.get('branch') || project.defaultBranch;
        const head = repo.branches.get(branch);
        if (!head) {
          if (branch === project.defaultBranch) return send(res, 200, { items: [], offset: 0, limit: 50, total: 0 });
          throw new Bad(404, 'branch', `branch '${branch}' not found`);
        }
        const all = [...ancestors(repo, head)].map((id) => repo.commits.get(id)).sort((a, b) => b.order - a.order).map(revision);
        const offset = Number(q.get('offset') ?? 0), limit = Math.min(Number(q.get('limit') ?? 50), 500);
        return send(res, 200, { items: all.slice(offset, offset + limit), offset, limit, total: all.length });
      }
      if (rest === 'tree' && req.method === 'GET') {
        const c = resolve(repo, project, q.get('rev'));
        const resources = [...resourcesOf(c.files).entries()].map(([p, files]) => ({ path: p, type: typeOf(p), files: files.sort() })).sort((a, b) => a.path.localeCompare(b.path));
        return send(res, 200, { revision: c.id, resources, hasTags: c.files.has('tags.json') });
      }
      if (rest === 'file' && req.method === 'GET') {
        const c = resolve(repo, project, q.get('rev'));
        const text = c.files.get(q.get('path') ?? '');
        if (text === undefined) throw new Bad(404, 'path', `no file '${q.get('path')}' in ${c.id.slice(0, 8)}`);
        res.writeHead(200, { 'Content-Type': isJsonFile(q.get('path')) ? 'application/json' : 'text/plain; charset=utf-8' });
        return res.end(text);
      }
      if (rest === 'diff' && req.method === 'GET') {
        const from = resolve(repo, project, q.get('from'), 'from');
        const to = resolve(repo, project, q.get('to'), 'to');
        return send(res, 200, { from: from.id, to: to.id, changes: diff(from.files, to.files) });
      }
      if (rest === 'merges' && req.method === 'POST') {
        const b = (await body(req)) ?? {};
        const ours = repo.branches.get(b.target);
        const theirs = repo.branches.get(b.source);
        if (!theirs) throw new Bad(400, 'source', `no branch '${b.source}'`);
        if (!ours) throw new Bad(400, 'target', `no branch '${b.target}'`);
        if (b.source === b.target) throw new Bad(400, 'source', 'source and target are the same branch');
        if (ancestors(repo, ours).has(theirs)) throw new Bad(409, 'source', `'${b.source}' is already merged into '${b.target}'`);
        const base = mergeBase(repo, ours, theirs);
        const { merged, conflicts } = threeWay(base?.files ?? new Map(), repo.commits.get(ours).files, repo.commits.get(theirs).files);
        const merge = { id: randomBytes(6).toString('hex'), project: name, created: now(), source: b.source, target: b.target, base: base?.id ?? null, ours, theirs, status: 'CONFLICTED', conflicts, revision: null, merged, message: b.message || `Merge ${b.source} into ${b.target}`, author: me.username };
        if (conflicts.length === 0) {
          const c = commit(repo, b.target, finish(merged, []), me.username, merge.message, [ours, theirs]);
          merge.status = 'COMMITTED';
          merge.revision = revision(c);
        }
        repo.merges.set(merge.id, merge);
        res.setHeader('Location', `/api/v1/projects/${name}/merges/${merge.id}`);
        return send(res, 201, mergeView(merge));
      }
      mm = rest.match(/^merges\/([^/]+)(?:\/(resolutions|commit))?$/);
      if (mm) {
        const merge = repo.merges.get(decodeURIComponent(mm[1]));
        if (!merge) throw new Bad(404, undefined, `merge '${mm[1]}' not found`);
        if (!mm[2] && req.method === 'GET') return send(res, 200, mergeView(merge));
        if (!mm[2] && req.method === 'DELETE') {
          if (merge.status === 'COMMITTED') throw new Bad(409, undefined, 'the merge is committed');
          repo.merges.delete(merge.id);
          res.writeHead(204);
          return res.end();
        }
        if (merge.status === 'COMMITTED') throw new Bad(409, undefined, 'the merge is committed already');
        if (mm[2] === 'resolutions' && req.method === 'PUT') {
          const list = await body(req);
          if (!Array.isArray(list)) throw new Bad(400, 'resolutions', 'a JSON array of {path, pointer, choice, value}');
          for (const r of list) {
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
          return send(res, 200, mergeView(merge));
        }
        if (mm[2] === 'commit' && req.method === 'POST') {
          const open = merge.conflicts.filter((c) => !c.resolved).length;
          if (open) throw new Bad(409, undefined, `${open} conflict(s) still open`);
          if (repo.branches.get(merge.target) !== merge.ours) throw new Bad(409, 'target', `'${merge.target}' moved since the merge started; start it again`);
          const c = commit(repo, merge.target, finish(merge.merged, merge.conflicts), me.username, merge.message, [merge.ours, merge.theirs]);
          merge.status = 'COMMITTED';
          merge.revision = revision(c);
          return send(res, 201, revision(c));
        }
      }
      if (rest === 'releases' && req.method === 'GET') return send(res, 200, repo.releases);
      if (rest === 'releases' && req.method === 'POST') {
        const b = (await body(req)) ?? {};
        if (!REF.test(b.name ?? '') || b.name.includes('..')) throw new Bad(400, 'name', "letters, digits, '.', '_', '-' and '/' between segments");
        if (repo.releases.some((r) => r.name === b.name) || repo.branches.has(b.name)) throw new Bad(409, 'name', `'${b.name}' is taken`);
        const c = resolve(repo, project, b.rev);
        const release = { name: b.name, revision: c.id, createdBy: me.username, created: now(), sourceEnvironment: b.sourceEnvironment ?? null, artifactSha256: createHash('sha256').update(exportZip(c.files)).digest('hex') };
        repo.releases.unshift(release);
        return send(res, 201, release);
      }
      if ((rest === 'export' || rest === 'export/tags') && req.method === 'GET') {
        const c = resolve(repo, project, q.get('rev'));
        if (rest === 'export/tags') {
          if (!c.files.has('tags.json')) throw new Bad(404, 'rev', 'the revision has no tags');
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Disposition': `attachment; filename="${name}-${c.id.slice(0, 8)}-tags.json"` });
          return res.end(c.files.get('tags.json'));
        }
        const zip = exportZip(c.files);
        res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': zip.length, 'Content-Disposition': `attachment; filename="${name}-${c.id.slice(0, 8)}.zip"` });
        return res.end(Buffer.from(zip));
      }
      return problem(res, 404, `no such endpoint ${req.method} /api/v1${path}`);
    } catch (e) {
      if (e instanceof Bad) return problem(res, e.status, e.message, e.field);
      throw e;
    }
  }

  return { handle, exists: (name) => projects.has(name) };
}

function exportZip(files) {
  const entries = {};
  for (const [path, text] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (path !== 'tags.json') entries[path] = [strToU8(text), { mtime: new Date(Date.UTC(2020, 0, 1)) }];
  }
  return zipSync(entries);
}
