/**
 * The files of a project revision in the fake Stoker (test-support/fake/projects.ts), after
 * docs/projects-api.md: Ignition project exports unzipped (fflate) and checked, a property-level diff of two
 * revisions, a three-way merge with conflicts, and the export zip. Not a specification; the repository
 * service is.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { Bad } from './http';

/** A revision's files by path (`project.json`, `<resource>/<file>`, `tags.json`), as text. */
export type Files = Map<string, string>;

export const NAME = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const REF = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
const DROPPED = ['lastModification', 'lastModificationSignature'];

const sorted = (v: any): any =>
  Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v;
export const pretty = (v: unknown) => `${JSON.stringify(sorted(v), null, 2)}\n`;
export const isJsonFile = (name: string) => name.endsWith('.json');
export const typeOf = (resource: string) => resource.split('/').slice(0, 2).join('/');
const escapePointer = (s: unknown) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

/** JSON leaves by pointer (empty objects and arrays are leaves too). */
function flatten(value: any, prefix = '', out = new Map<string, string>()) {
  if (value && typeof value === 'object' && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, `${prefix}/${escapePointer(k)}`, out);
  } else {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

function unflatten(leaves: Map<string, string>) {
  let root: any;
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
  const compact = (v: any): any => (Array.isArray(v) ? v.filter((x) => x !== undefined).map(compact) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compact(x)])) : v);
  return compact(root ?? {});
}

/** Tags by their path of names (`Folder/Tag1`), each as JSON without its children. */
function flattenTags(doc: any) {
  const out = new Map<string, string>();
  const walk = (tags: any[], prefix: string) => {
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
function unifiedDiff(name: string, a: string | null, b: string | null) {
  const x = a === null ? [] : a.replace(/\n$/, '').split('\n');
  const y = b === null ? [] : b.replace(/\n$/, '').split('\n');
  const lcs = Array.from({ length: x.length + 1 }, () => new Array(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const lines: string[] = [];
  let i = 0, j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) { lines.push(` ${x[i]}`); i++; j++; }
    else if (i < x.length && (j === y.length || lcs[i + 1][j] >= lcs[i][j + 1])) { lines.push(`-${x[i]}`); i++; }
    else { lines.push(`+${y[j]}`); j++; }
  }
  return `--- ${a === null ? '/dev/null' : `a/${name}`}\n+++ ${b === null ? '/dev/null' : `b/${name}`}\n@@ -${x.length ? 1 : 0},${x.length} +${y.length ? 1 : 0},${y.length} @@\n${lines.join('\n')}\n`;
}

/** Resources: folders holding a resource.json, each with the files directly inside. */
export function resourcesOf(files: Files) {
  const resources = new Map<string, string[]>();
  for (const path of files.keys()) if (path.endsWith('/resource.json')) resources.set(path.slice(0, -'/resource.json'.length), []);
  for (const path of files.keys()) {
    const slash = path.lastIndexOf('/');
    if (slash > 0 && resources.has(path.slice(0, slash))) resources.get(path.slice(0, slash))!.push(path.slice(slash + 1));
  }
  return resources;
}

export function decodeExport(bytes: Uint8Array): Files {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    throw new Bad(400, 'project', `export: not a valid zip archive: ${(e as Error).message}`);
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

/** A flattened pointer inside a runtime value: group 1 is the value's own pointer. */
const RUNTIME_VALUE = /^(.*?)\/(?:\$|\$ts|\$columns|rows)(?:\/.*)?$/;

export function diff(fromFiles: Files, toFiles: Files) {
  const changes: any[] = [];
  const before = resourcesOf(fromFiles);
  const after = resourcesOf(toFiles);
  const content = (files: Files, res: string, names: string[]) => names.map((n) => `${n}\u0000${files.get(`${res}/${n}`)}`).sort().join('\u0001');
  const properties = (res: string, oldRes: string, names: string[]) => {
    const props: any[] = [];
    const runtime: any[] = [];
    let text = '';
    for (const name of [...new Set(names)].sort()) {
      const a = fromFiles.get(`${oldRes}/${name}`) ?? null;
      const b = toFiles.get(`${res}/${name}`) ?? null;
      if (a === b) continue;
      if (isJsonFile(name)) {
        const x = a === null ? new Map() : flatten(JSON.parse(a));
        const y = b === null ? new Map() : flatten(JSON.parse(b));
        for (const p of [...new Set([...x.keys(), ...y.keys()])].sort()) {
          if (x.get(p) === y.get(p)) continue;
          // runtime values (qualified values a Designer saved: {"$": [type, quality, ts], ...}) count apart, once each
          const q = RUNTIME_VALUE.exec(p);
          if (q) {
            if (!runtime.some((r) => r.pointer === `${name}#${q[1]}`)) runtime.push({ pointer: `${name}#${q[1]}`, oldValue: null, newValue: null });
          } else props.push({ pointer: `${name}#${p}`, oldValue: x.get(p) ?? null, newValue: y.get(p) ?? null });
        }
      } else {
        text += unifiedDiff(`${res}/${name}`, a, b);
      }
    }
    return { properties: props, textDiff: text || null, runtimeValues: runtime };
  };
  const added = [...after.keys()].filter((r) => !before.has(r));
  const removed = [...before.keys()].filter((r) => !after.has(r));
  const renamed = new Map<string, string>();
  for (const r of added) {
    const from = removed.find((o) => !renamed.has(o) && content(fromFiles, o, before.get(o)!) === content(toFiles, r, after.get(r)!));
    if (from) renamed.set(from, r);
  }
  for (const r of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    if (renamed.has(r)) {
      changes.push({ path: renamed.get(r), oldPath: r, kind: 'RENAMED', properties: [], textDiff: null, runtimeValues: [] });
    } else if ([...renamed.values()].includes(r)) {
      continue;
    } else if (!before.has(r)) {
      changes.push({ path: r, oldPath: null, kind: 'ADDED', ...properties(r, r, after.get(r)!) });
    } else if (!after.has(r)) {
      changes.push({ path: r, oldPath: null, kind: 'REMOVED', ...properties(r, r, before.get(r)!) });
    } else {
      const d = properties(r, r, [...before.get(r)!, ...after.get(r)!]);
      if (d.properties.length || d.textDiff || d.runtimeValues.length) changes.push({ path: r, oldPath: null, kind: 'MODIFIED', ...d });
    }
  }
  for (const special of ['project.json', 'tags.json']) {
    const a = fromFiles.get(special) ?? null;
    const b = toFiles.get(special) ?? null;
    if (a === b) continue;
    const kind = a === null ? 'ADDED' : b === null ? 'REMOVED' : 'MODIFIED';
    const properties: any[] = [];
    if (special === 'tags.json') {
      const x = a === null ? new Map() : flattenTags(JSON.parse(a));
      const y = b === null ? new Map() : flattenTags(JSON.parse(b));
      for (const p of [...new Set([...x.keys(), ...y.keys()])].sort()) if (x.get(p) !== y.get(p)) properties.push({ pointer: `tags.json#${p}`, oldValue: x.get(p) ?? null, newValue: y.get(p) ?? null });
    } else {
      const x = a === null ? new Map() : flatten(JSON.parse(a));
      const y = b === null ? new Map() : flatten(JSON.parse(b));
      for (const p of [...new Set([...x.keys(), ...y.keys()])].sort()) if (x.get(p) !== y.get(p)) properties.push({ pointer: `project.json#${p}`, oldValue: x.get(p) ?? null, newValue: y.get(p) ?? null });
    }
    changes.push({ path: special === 'tags.json' ? 'tags' : 'project', oldPath: null, kind, properties, textDiff: null, runtimeValues: [] });
  }
  return changes;
}


/** Three-way merge of file maps: the merged files and the conflicts (with how to apply a choice). */
export function threeWay(base: Files, ours: Files, theirs: Files) {
  const merged = new Map<string, any>();
  const conflicts: any[] = [];
  const resourceOf = (file: string) => {
    const slash = file.lastIndexOf('/');
    return slash < 0 ? file.replace(/\.json$/, '') : file.slice(0, slash);
  };
  const paths = new Set([...base.keys(), ...ours.keys(), ...theirs.keys()]);
  for (const path of [...paths].sort()) {
    const b = base.get(path) ?? null, o = ours.get(path) ?? null, t = theirs.get(path) ?? null;
    let result: any;
    if (o === t) result = o;
    else if (o === b) result = t;
    else if (t === b) result = o;
    else if (isJsonFile(path) && o !== null && t !== null) {
      const [fb, fo, ft] = [b === null ? new Map() : flatten(JSON.parse(b)), flatten(JSON.parse(o)), flatten(JSON.parse(t))];
      const leaves = new Map<string, string>();
      const fileName = path.slice(path.lastIndexOf('/') + 1);
      for (const p of new Set([...fb.keys(), ...fo.keys(), ...ft.keys()])) {
        const lb = fb.get(p) ?? null, lo = fo.get(p) ?? null, lt = ft.get(p) ?? null;
        let v: string | null;
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


export function finish(merged: Map<string, any>, conflicts: any[]): Files {
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

export function exportZip(files: Files) {
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [path, text] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (path !== 'tags.json') entries[path] = [strToU8(text), { mtime: new Date(Date.UTC(2020, 0, 1)) }];
  }
  return zipSync(entries);
}

const KINDS = ['ADDED', 'REMOVED', 'MODIFIED', 'RENAMED'];

/** A page of a diff as the server answers it: filtered by folder, kind and runtime values, with totals. */
export function diffPage(from: string, to: string, all: any[], query: URLSearchParams) {
  const offset = Number(query.get('offset') ?? 0);
  const limit = Number(query.get('limit') ?? 50);
  if (!Number.isInteger(offset) || offset < 0) throw new Bad(400, 'offset', 'must be 0 or more');
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new Bad(400, 'limit', 'must be between 1 and 500');
  const kind = (query.get('kind') ?? '').toUpperCase();
  if (kind && !KINDS.includes(kind)) throw new Bad(400, 'kind', `must be one of [${KINDS.join(', ')}]`);
  const runtime = (query.get('runtime') ?? 'include').toLowerCase();
  if (!['include', 'exclude', 'only'].includes(runtime)) throw new Bad(400, 'runtime', 'must be include, exclude or only');
  const folder = (query.get('folder') ?? '').trim().replace(/\/+$/, '');
  const under = (p: string | null) => !!p && (p === folder || p.startsWith(`${folder}/`));
  const inFolder = all.filter((d) => !folder || under(d.path) || under(d.oldPath));
  const runtimeOnly = (d: any) => !d.properties.length && !d.textDiff && d.runtimeValues.length > 0;
  const kinds = Object.fromEntries(KINDS.map((k) => [k, inFolder.filter((d) => d.kind === k).length]));
  const matching = inFolder.filter(
    (d) => (!kind || d.kind === kind) && (runtime === 'include' || (runtime === 'only') === runtimeOnly(d)),
  );
  return {
    from, to, changes: matching.slice(offset, offset + limit), offset, limit, total: matching.length, kinds,
    runtimeOnly: inFolder.filter(runtimeOnly).length,
  };
}
