/**
 * Documents of the fake Stoker, after ProjectDocumentResource and DocumentResource (docs/documents.md): the
 * template writer over a few facts of the project (its commits and resources), the grounding check of paths
 * and citations, the review rules (engineers edit and submit, leads approve, accept findings and sign) and the
 * exports. Not a specification: dev.stoker.documents is.
 */
import { Bad, json, page, problem, route, type Call, type Ctx, type Route } from './http';
import { resourcesOf } from './projectFiles';
import type { fakeProjects } from './projects';

/** What the fake knows of a project when it writes: commits (oldest first) and resource paths at the head. */
export interface DocumentSource {
  commits: { id: string; author: string; message: string }[];
  resources: string[];
}

interface Fact {
  id: string;
  type: string;
  subject: string;
  attributes: Record<string, string>;
}
interface Finding {
  id: string;
  kind: string;
  line: number;
  text: string;
  state: string;
  note: string | null;
  acceptedBy: string | null;
}
/* eslint-disable @typescript-eslint/no-explicit-any */
type Doc = Record<string, any> & { id: string; project: string; status: string; content: string; facts: { facts: Fact[]; revisions: string[]; sha256: string }; findings: Finding[] };

const KINDS: Record<string, string> = { 'change-summary': 'CHANGE_SUMMARY', 'release-notes': 'RELEASE_NOTES', 'compliance-report': 'COMPLIANCE_REPORT', 'project-manual': 'PROJECT_MANUAL' };
const TITLES: Record<string, string> = { CHANGE_SUMMARY: 'Change summary', RELEASE_NOTES: 'Release notes', COMPLIANCE_REPORT: 'Compliance report', PROJECT_MANUAL: 'Project manual' };
const ACTIONS = ['submit', 'comment', 'approve', 'request-changes'];
const hex = (s: string) => Array.from({ length: 64 }, (_, i) => ((s.charCodeAt(i % Math.max(1, s.length)) ?? 0) + i).toString(16).slice(-1)).join('');

/** Paths (anything with '/') and citations that the facts do not hold, line by line; accepted ones stay accepted while their text does. */
function ground(content: string, facts: Fact[], before: Finding[]): Finding[] {
  const ids = new Set(facts.map((f) => f.id));
  const values = facts.flatMap((f) => Object.values(f.attributes));
  const found: Finding[] = [];
  content.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/\[([a-z]+\d+)\]/g)) if (!ids.has(m[1])) found.push({ id: '', kind: 'citation', line: i + 1, text: m[1], state: 'open', note: null, acceptedBy: null });
    for (const m of line.replace(/\[[a-z]+\d+\]/g, '').matchAll(/[\w.-]+(?:\/[\w.-]+)+/g)) {
      if (!values.some((v) => v === m[0] || v.startsWith(`${m[0]}/`))) found.push({ id: '', kind: 'path', line: i + 1, text: m[0], state: 'open', note: null, acceptedBy: null });
    }
  });
  return found.map((f, i) => {
    const old = before.find((b) => b.state === 'accepted' && b.kind === f.kind && b.text === f.text);
    return old ? { ...old, id: `f${i + 1}`, line: f.line } : { ...f, id: `f${i + 1}` };
  });
}

export function fakeDocuments(opts: { now: () => string; source: (project: string) => DocumentSource | null; writers?: string[] }) {
  const documents = new Map<string, Doc>();
  let next = 1;
  /** whether the feature stoker-search is installed (without it the search answers 503 naming it) */
  const search = { installed: true };
  const bodyOf = (call: Call) => (call.body && typeof call.body === 'object' ? (call.body as Record<string, unknown>) : {});
  const find = (id: string) => {
    const d = documents.get(id);
    if (!d) throw new Bad(404, 'id', `document '${id}' not found`);
    return d;
  };
  const summary = (d: Doc) => ({ id: d.id, kind: d.kind, openFindings: d.findings.filter((f) => f.state === 'open').length, project: d.project, stale: d.stale, status: d.status, superseded: d.supersededBy !== null, title: d.title, updated: d.updated, version: d.version, writer: d.provenance.writer });
  const touch = (d: Doc, user: string) => {
    d.updated = opts.now();
    if (!d.provenance.reviewers.includes(user) && user !== d.createdBy) d.provenance.reviewers.push(user);
  };
  const notSigned = (d: Doc) => {
    if (d.status === 'SIGNED') throw new Bad(409, 'status', `document ${d.id} is signed and cannot change; start a new version`);
  };
  const writers = opts.writers ?? ['template'];

  const write = (project: string, kind: string, body: Record<string, unknown>, user: string): Doc => {
    const src = opts.source(project);
    if (!src) throw new Bad(404, 'project', `project '${project}' not found`);
    if (!src.commits.length) throw new Bad(400, 'to', `project '${project}' has no revision yet`);
    const from = typeof body.from === 'string' && body.from ? body.from : null;
    if (kind === 'CHANGE_SUMMARY' && !from) throw new Bad(400, 'from', 'required for a change summary: a revision, branch or release');
    if (kind === 'RELEASE_NOTES' && !body.release) throw new Bad(400, 'release', 'required for release notes');
    if (kind === 'COMPLIANCE_REPORT' && !body.run && !body.release && !body.periodFrom) throw new Bad(400, 'run', 'a run, a release or periodFrom is required');
    const facts: Fact[] = [
      ...src.commits.map((c, i) => ({ id: `c${i + 1}`, type: 'commit', subject: c.id, attributes: { revision: c.id, short: c.id.slice(0, 7), author: c.author, message: c.message.split('\n')[0] } })),
      ...src.resources.map((r, i) => ({ id: `res${i + 1}`, type: 'resource', subject: r, attributes: { path: r } })),
    ];
    const title = `${TITLES[kind]}: ${project}`;
    const lines = [`# ${title}`, '', '## Commits', '', ...facts.filter((f) => f.type === 'commit').map((f) => `- \`${f.attributes.short}\` by ${f.attributes.author}: ${f.attributes.message} [${f.id}]`), '', '## Resources', '', ...facts.filter((f) => f.type === 'resource').map((f) => `- \`${f.attributes.path}\` [${f.id}]`), ''];
    const content = lines.join('\n');
    const revisions = src.commits.map((c) => c.id).slice(-1);
    const str = (k: string) => (typeof body[k] === 'string' && body[k] ? (body[k] as string) : null);
    const d: Doc = {
      id: `doc-${next++}`, project, kind, status: 'DRAFT', title, version: 1, content,
      facts: { facts, revisions, sha256: hex(JSON.stringify(facts)) },
      findings: ground(content, facts, []),
      provenance: { writer: str('writer') ?? 'template', provider: 'template', model: 'template', templateVersion: 'template-1', promptSha256: hex(content), factsSha256: hex(JSON.stringify(facts)), revisions, generated: opts.now(), inputTokens: 0, outputTokens: 0, reviewers: [], signer: null },
      request: { kind, from, to: str('to'), release: str('release'), periodFrom: str('periodFrom'), periodTo: str('periodTo'), run: str('run'), writer: str('writer') },
      reviews: [], signature: null, stale: false, supersedes: null, supersededBy: null, created: opts.now(), createdBy: user, updated: opts.now(),
    };
    documents.set(d.id, d);
    return d;
  };

  const writing = (ctx: Ctx, role: 'engineer' | 'lead') => (ctx.need(role) ? null : ctx.forbid(role));
  const routes: Route[] = [
    route('GET', '/api/v1/projects/{p}/documents', ({ query }, _ctx, { p }) => {
      if (!opts.source(p)) return problem(404, `project '${p}' not found`);
      return page([...documents.values()].filter((d) => d.project === p).sort((a, b) => b.id.localeCompare(a.id, undefined, { numeric: true })).map(summary), query, 200);
    }),
    route('POST', '/api/v1/projects/{p}/documents', (call, ctx, { p }) => {
      const denied = writing(ctx, 'engineer');
      if (denied) return denied;
      const b = bodyOf(call);
      const kind = KINDS[String(b.kind ?? '')];
      if (!kind) throw new Bad(400, 'kind', 'required: change-summary, release-notes, compliance-report or project-manual');
      if (b.writer && !writers.includes(String(b.writer))) throw new Bad(400, 'writer', `no writer '${b.writer}'; present: ${writers.join(', ')}`);
      for (const t of ['periodFrom', 'periodTo']) if (b[t] && Number.isNaN(Date.parse(String(b[t])))) throw new Bad(400, t, `an ISO-8601 instant such as 2026-11-02T08:00:00Z, not '${b[t]}'`);
      const d = write(p, kind, b, ctx.user);
      const answer = json(201, d);
      answer.headers.set('Location', `/api/v1/documents/${d.id}`);
      return answer;
    }),
    // search: words of the query found in a resource's path or a document's text, best first (the server embeds with a sentence model)
    route('GET', '/api/v1/projects/{p}/search', ({ query }, _ctx, { p }) => {
      if (!search.installed) return problem(503, 'semantic search is not installed: feature:install stoker-search');
      const src = opts.source(p);
      if (!src) return problem(404, `project '${p}' not found`);
      const q = (query.get('q') ?? '').trim();
      if (!q) throw new Bad(400, 'q', 'required: what to look for, in words');
      if (q.length > 500) throw new Bad(400, 'q', `at most 500 characters, not ${q.length}`);
      const limit = Number(query.get('limit') ?? 10);
      if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new Bad(400, 'limit', `between 1 and 50, not ${query.get('limit')}`);
      if (!src.commits.length) throw new Bad(409, 'p', `project '${p}' has no revision yet: nothing to search`);
      const words = q.toLowerCase().split(/\W+/).filter((w) => w.length > 2);
      const score = (text: string) => words.filter((w) => text.toLowerCase().includes(w)).length / Math.max(1, words.length);
      const none = { documentId: null, kind: null, title: null, status: null };
      const resources = src.resources.map((path) => ({ path, category: path.includes('/views/') ? 'view' : path.includes('script-python') ? 'script' : 'named-query', excerpt: path.split('/').slice(2).join(' '), score: score(path), ...none }));
      // the current version of each of the project's documents, whatever its status
      const current = [...documents.values()].filter((d) => d.project === p && d.supersededBy === null);
      const docs = current.map((d) => ({ path: null, category: 'document', excerpt: d.content.slice(0, 200), score: score(`${d.title} ${d.content}`), documentId: d.id, kind: d.kind, title: d.title, status: d.status }));
      const hits = [...resources, ...docs].sort((a, b) => b.score - a.score || (a.path ?? a.documentId ?? '').localeCompare(b.path ?? b.documentId ?? '')).slice(0, limit);
      return json(200, { project: p, revision: src.commits.at(-1)!.id, query: q, indexed: src.resources.length, model: 'all-MiniLM-L6-v2', hits, documents: current.length });
    }),
    route('GET', '/api/v1/documents/writers', () => json(200, { writers })),
    route('GET', '/api/v1/documents/{id}', (_call, _ctx, { id }) => json(200, find(id))),
    route('GET', '/api/v1/documents/{id}/export', ({ query }, _ctx, { id }) => {
      const d = find(id);
      const format = query.get('format') ?? 'md';
      const block = `\n---\nwriter ${d.provenance.writer}; facts ${d.facts.sha256}${d.signature ? `\nSigned by ${d.signature.signer} at ${d.signature.at}, sha256 ${d.signature.sha256}` : '\nNot signed.'}\n`;
      const types: Record<string, string> = { md: 'text/markdown', html: 'text/html', pdf: 'application/pdf', svg: 'image/svg+xml', png: 'image/png' };
      if (!types[format]) throw new Bad(400, 'format', 'one of md, html, pdf, svg, png');
      if (format === 'svg' || format === 'png') {
        // the server draws a manual's diagram from its facts; here: the names in the text's Mermaid block
        const mermaid = d.kind === 'PROJECT_MANUAL' ? /```mermaid\n([\s\S]*?)```/.exec(d.content) : null;
        if (!mermaid) return problem(404, `document '${id}' has no dependency diagram`);
        const names = [...mermaid[1].matchAll(/\["([^"]*)"\]/g)].map((m) => m[1].replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`));
        const body = format === 'svg'
          ? `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="${20 * names.length + 20}">${names.map((n, i) => `<text x="10" y="${20 * i + 20}">${n}</text>`).join('')}</svg>`
          : `fake png of ${names.length} resources`;
        return new Response(body, { status: 200, headers: { 'Content-Type': types[format], 'Content-Disposition': `attachment; filename="${d.id}-diagram.${format}"` } });
      }
      const text = format === 'html' ? `<html><body><pre>${d.content}${block}</pre></body></html>` : format === 'pdf' ? `%PDF-1.4\n% fake\n${d.content}${block}%%EOF\n` : d.content + block;
      return new Response(text, { status: 200, headers: { 'Content-Type': types[format], 'Content-Disposition': `attachment; filename="${d.id}.${format}"` } });
    }),
    route('PUT', '/api/v1/documents/{id}/content', (call, ctx, { id }) => {
      const denied = writing(ctx, 'engineer');
      if (denied) return denied;
      const d = find(id);
      const content = bodyOf(call).content;
      if (typeof content !== 'string') throw new Bad(400, 'content', "required: the document's new text");
      notSigned(d);
      d.content = content;
      d.findings = ground(content, d.facts.facts, d.findings);
      if (d.status === 'APPROVED') d.status = 'IN_REVIEW';
      touch(d, ctx.user);
      return json(200, d);
    }),
    route('POST', '/api/v1/documents/{id}/reviews', (call, ctx, { id }) => {
      const denied = writing(ctx, 'engineer');
      if (denied) return denied;
      const d = find(id);
      const b = bodyOf(call);
      const action = String(b.action ?? '');
      if (!ACTIONS.includes(action)) throw new Bad(400, 'action', 'required: submit, comment, approve or request-changes');
      if ((action === 'approve' || action === 'request-changes') && !ctx.need('lead')) return ctx.forbid('lead');
      notSigned(d);
      const from: Record<string, string[]> = { submit: ['DRAFT'], approve: ['IN_REVIEW'], 'request-changes': ['IN_REVIEW', 'APPROVED'], comment: ['DRAFT', 'IN_REVIEW', 'APPROVED'] };
      if (!from[action].includes(d.status)) throw new Bad(409, 'action', `cannot ${action} a document in ${d.status}`);
      d.status = { submit: 'IN_REVIEW', approve: 'APPROVED', 'request-changes': 'DRAFT', comment: d.status }[action]!;
      d.reviews.push({ action, at: opts.now(), comment: typeof b.comment === 'string' && b.comment ? b.comment : null, user: ctx.user });
      touch(d, ctx.user);
      return json(200, d);
    }),
    route('POST', '/api/v1/documents/{id}/findings/{finding}/accept', (call, ctx, { id, finding }) => {
      const denied = writing(ctx, 'lead');
      if (denied) return denied;
      const d = find(id);
      const note = bodyOf(call).note;
      if (typeof note !== 'string' || !note.trim()) throw new Bad(400, 'note', 'required: why the finding is acceptable');
      notSigned(d);
      const f = d.findings.find((x) => x.id === finding);
      if (!f) throw new Bad(404, 'finding', `no finding '${finding}' in document ${id}`);
      Object.assign(f, { state: 'accepted', note: note.trim(), acceptedBy: ctx.user });
      touch(d, ctx.user);
      return json(200, d);
    }),
    route('POST', '/api/v1/documents/{id}/sign', (_call, ctx, { id }) => {
      const denied = writing(ctx, 'lead');
      if (denied) return denied;
      const d = find(id);
      if (d.status !== 'APPROVED') throw new Bad(409, 'status', `only an approved document can be signed; this one is ${d.status}`);
      const open = d.findings.filter((f) => f.state === 'open').length;
      if (open) throw new Bad(409, 'findings', `${open} open finding(s): edit the text or accept each one first`);
      d.status = 'SIGNED';
      d.signature = { at: opts.now(), sha256: hex(d.content + d.facts.sha256), signer: ctx.user };
      d.provenance.signer = ctx.user;
      touch(d, ctx.user);
      return json(200, d);
    }),
    route('POST', '/api/v1/documents/{id}/versions', (_call, ctx, { id }) => {
      const denied = writing(ctx, 'engineer');
      if (denied) return denied;
      const old = find(id);
      if (old.status !== 'SIGNED' || old.supersededBy) throw new Bad(409, 'status', 'only the latest signed version starts a new one');
      const d: Doc = { ...structuredClone(old), id: `doc-${next++}`, status: 'DRAFT', version: old.version + 1, reviews: [], signature: null, supersedes: old.id, supersededBy: null, created: opts.now(), createdBy: ctx.user, updated: opts.now() };
      d.provenance = { ...d.provenance, reviewers: [], signer: null };
      old.supersededBy = d.id;
      documents.set(d.id, d);
      const answer = json(201, d);
      answer.headers.set('Location', `/api/v1/documents/${d.id}`);
      return answer;
    }),
  ];
  return { routes, documents, search, write: (project: string, kind: keyof typeof TITLES | string, body: Record<string, unknown> = {}, user = 'admin') => write(project, KINDS[kind] ?? kind, body, user) };
}

/** The source of the fake's documents: the commits and head resources of a fake project. */
export function projectSource(projects: ReturnType<typeof fakeProjects>) {
  return (name: string): DocumentSource | null => {
    const project = projects.projects.get(name);
    const repo = projects.repos.get(name);
    if (!project || !repo) return null;
    const commits = [...repo.commits.values()].sort((a, b) => a.order - b.order);
    const head = repo.commits.get(repo.branches.get(project.defaultBranch) ?? '');
    return { commits, resources: head ? [...resourcesOf(head.files).keys()].sort() : [] };
  };
}
