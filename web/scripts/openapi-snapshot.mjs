// Compares the console's snapshot of the API contract (src/main/webapp/api/openapi.json) with the document
// a running Stoker serves, or refreshes the snapshot from it.
//   node scripts/openapi-snapshot.mjs check  <url-or-file>   exit 1 with a unified diff when they differ
//   node scripts/openapi-snapshot.mjs update <url-or-file>   rewrite the snapshot
// Both are compared in one canonical form (keys sorted, 2-space indent); info.version is left out, so
// a version bump alone does not make the snapshot stale.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SNAPSHOT = fileURLToPath(new URL('../src/main/webapp/api/openapi.json', import.meta.url));

const sorted = (v) =>
  Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v;
const canonical = (doc) => {
  const copy = structuredClone(doc);
  if (copy.info) delete copy.info.version;
  return `${JSON.stringify(sorted(copy), null, 2)}\n`;
};

const [mode, source] = process.argv.slice(2);
if (!['check', 'update'].includes(mode) || !source) {
  console.error('usage: openapi-snapshot.mjs check|update <url-or-file>');
  process.exit(2);
}
const text = /^https?:/.test(source) ? await (await fetch(source)).text() : readFileSync(source, 'utf8');
const live = JSON.parse(text);
if (mode === 'update') {
  writeFileSync(SNAPSHOT, `${JSON.stringify(sorted(live), null, 2)}\n`);
  console.log(`wrote ${SNAPSHOT}`);
  process.exit(0);
}
const want = canonical(live);
const have = canonical(JSON.parse(readFileSync(SNAPSHOT, 'utf8')));
if (want === have) {
  console.log('the console\'s OpenAPI snapshot matches the served document');
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
writeFileSync(join(dir, 'snapshot.json'), have);
writeFileSync(join(dir, 'served.json'), want);
const diff = spawnSync('diff', ['-u', '--label', 'web/src/main/webapp/api/openapi.json (snapshot)', '--label', `${source} (served)`, join(dir, 'snapshot.json'), join(dir, 'served.json')], { encoding: 'utf8' });
rmSync(dir, { recursive: true, force: true });
console.error(diff.stdout);
console.error(
  'The API contract changed: the console\'s snapshot web/src/main/webapp/api/openapi.json is stale.\n' +
    'Refresh it (npm --prefix web run api:snapshot -- <url-of-a-running-stoker>/api/v1/openapi.json), then run\n' +
    'npm --prefix web test: the fake back end and the console\'s types are checked against it.',
);
process.exit(1);
