/**
 * Uploaded artifacts of the fake Stoker, after ArtifactResource: modules (.modl), JDBC drivers (.jar) and
 * gateway backups (.gwbk), stored by the SHA-256 of their bytes. A file that is not a zip is refused as the
 * server refuses a file without its descriptor; the attributes are fixed ones of each kind. `?project=` makes an
 * entry of that project (the fake does not check the caller's role there).
 */
import { json, problem, route, router, type Route } from './http';

export interface FakeArtifact {
  sha256: string;
  size: number;
  fileName: string;
  kind: string;
  attributes: Record<string, string>;
  createdBy: string;
  created: string;
  project: string | null;
}

const KINDS: Record<string, string> = { modl: 'module', jar: 'jdbc', gwbk: 'backup' };
const ATTRIBUTES: Record<string, Record<string, string>> = {
  module: { moduleId: 'com.example.mod', moduleName: 'Example', moduleVersion: '1.2.0' },
  jdbc: { driverClasses: 'org.postgresql.Driver' },
  backup: { ignitionVersion: '8.3.4' },
};

export function fakeArtifacts({ now }: { now: () => string }) {
  /** newest first */
  const artifacts: FakeArtifact[] = [];

  /**
   * Stores the bytes as an artifact named `fileName` (the same bytes once for everyone and once per project) and
   * gives its record.
   */
  const store = async (bytes: Uint8Array<ArrayBuffer>, fileName: string, by: string, project: string | null = null): Promise<FakeArtifact> => {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    const known = artifacts.find((a) => a.sha256 === sha256 && a.project === project);
    if (known) return known;
    const kind = KINDS[fileName.split('.').pop() ?? ''] ?? 'backup';
    const a: FakeArtifact = { sha256, size: bytes.length, fileName, kind, attributes: { ...ATTRIBUTES[kind] }, createdBy: by, created: now(), project };
    artifacts.unshift(a);
    return a;
  };

  const routes: Route[] = [
    route('GET', '/api/v1/artifacts', ({ query }) => {
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit') ?? 50);
      return json(200, { items: artifacts.slice(offset, offset + limit), offset, limit, total: artifacts.length });
    }),
    route('POST', '/api/v1/artifacts', async ({ body, query }, ctx) => {
      if (!ctx.need('engineer')) return ctx.forbid('engineer');
      const file = body instanceof FormData ? body.get('file') : null;
      if (!file || typeof file === 'string') return problem(400, "file: a multipart form with a 'file' part is required", 'file');
      const kind = KINDS[file.name.split('.').pop() ?? ''];
      if (!kind) return problem(400, `fileName: '${file.name}' is not a .modl, .jar or .gwbk file`, 'fileName');
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return problem(400, `file: ${file.name} is not a ${kind}: no ${kind === 'module' ? 'module.xml' : 'content'} inside`, 'file');
      return json(201, await store(bytes, file.name, ctx.user, query.get('project') || null));
    }),
  ];

  return { artifacts, store, routes, handle: router(routes) };
}
