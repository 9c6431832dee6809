/**
 * The new-environment form: its values as typed, checks that mirror the server's rules
 * (EnvironmentResource.toSpec and EnvironmentServiceImpl.validate), the request body, and where a
 * server `field` error belongs.
 */
import type { Artifact, EnvironmentRequest } from '../api/types';

export const ENVIRONMENT_NAME_PATTERN = /^[a-z][a-z0-9-]{1,40}[a-z0-9]$/;
export const STAGES = ['dev', 'test', 'staging', 'qa', 'prod'] as const;
export const MIN_MEMORY_MB = 256;
export const MAX_MEMORY_MB = 1_048_576;
export const MAX_CPUS = 256;

export interface EnvironmentFormValues {
  name: string;
  platform: string;
  version: string;
  image: string;
  stage: string;
  httpPort: string;
  memoryMb: string;
  cpus: string;
  ttlMinutes: string;
  idleTimeoutMinutes: string;
  /** one `VARIABLE=secret/path` per line */
  secrets: string;
  /** one `key=value` per line */
  labels: string;
}

export type EnvironmentField = keyof EnvironmentFormValues;

export const EMPTY_FORM: EnvironmentFormValues = {
  name: '',
  platform: '',
  version: '',
  image: '',
  stage: 'dev',
  httpPort: '',
  memoryMb: '',
  cpus: '',
  ttlMinutes: '',
  idleTimeoutMinutes: '',
  secrets: '',
  labels: '',
};

export function validateEnvironmentName(value: string): string | undefined {
  if (!value) return 'Enter a name, e.g. line3-dev.';
  if (/[A-Z]/.test(value)) return 'Use lower-case letters only.';
  if (!/^[a-z]/.test(value)) return 'Start with a lower-case letter.';
  if (/[^a-z0-9-]/.test(value)) return "Only lower-case letters, digits and '-'.";
  if (value.length < 3) return 'At least 3 characters.';
  if (value.length > 42) return 'At most 42 characters.';
  if (value.endsWith('-')) return 'End with a letter or digit.';
  return ENVIRONMENT_NAME_PATTERN.test(value) ? undefined : "3–42 lower-case letters, digits and '-'.";
}

function wholeNumber(value: string): number | undefined {
  const v = value.trim();
  return /^\d+$/.test(v) ? Number(v) : undefined;
}

/** key=value lines; returns the map or the first problem. */
export function parsePairs(text: string, keyPattern: RegExp, what: string): { map: Record<string, string>; error?: string } {
  const map: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { map, error: `Line ${i + 1}: write ${what}.` };
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (!keyPattern.test(key)) return { map, error: `Line ${i + 1}: '${key}' is not a valid name.` };
    if (!value) return { map, error: `Line ${i + 1}: '${key}' has no value.` };
    if (key in map) return { map, error: `Line ${i + 1}: '${key}' is given twice.` };
    map[key] = value;
  }
  return { map };
}

const SECRET_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

export function validateEnvironmentForm(v: EnvironmentFormValues): Partial<Record<EnvironmentField, string>> {
  const e: Partial<Record<EnvironmentField, string>> = {};
  e.name = validateEnvironmentName(v.name);
  if (!v.platform) e.platform = 'Pick a platform.';
  if (!v.version.trim() && !v.image.trim()) e.version = 'Pick a version, or give an image below.';
  else if (/\s/.test(v.version.trim())) e.version = 'A version has no spaces, e.g. 8.3.4.';
  if (v.image.trim() && /\s/.test(v.image.trim())) e.image = 'An image reference has no spaces, e.g. registry/name:tag.';
  if (!(STAGES as readonly string[]).includes(v.stage)) e.stage = `One of ${STAGES.join(', ')}.`;
  if (v.httpPort.trim()) {
    const port = wholeNumber(v.httpPort);
    if (port === undefined || port > 65535) e.httpPort = 'A port between 1 and 65535, or empty for a free port.';
  }
  if (v.memoryMb.trim()) {
    const mb = wholeNumber(v.memoryMb);
    if (mb === undefined) e.memoryMb = 'Whole megabytes, e.g. 2048.';
    else if (mb < MIN_MEMORY_MB || mb > MAX_MEMORY_MB) e.memoryMb = `Between ${MIN_MEMORY_MB} and ${MAX_MEMORY_MB} MB.`;
  }
  if (v.cpus.trim()) {
    const c = Number(v.cpus.trim());
    if (!/^\d*\.?\d+$/.test(v.cpus.trim()) || !Number.isFinite(c)) e.cpus = 'A number, e.g. 2 or 0.5.';
    else if (c <= 0 || c > MAX_CPUS) e.cpus = `More than 0 and at most ${MAX_CPUS}.`;
  }
  for (const k of ['ttlMinutes', 'idleTimeoutMinutes'] as const) {
    if (v[k].trim()) {
      const n = wholeNumber(v[k]);
      if (n === undefined || n < 1) e[k] = 'Whole minutes, at least 1 (or empty for none).';
    }
  }
  e.secrets = parsePairs(v.secrets, SECRET_VAR, 'VARIABLE=secret/path').error;
  e.labels = parsePairs(v.labels, LABEL_KEY, 'key=value').error;
  for (const k of Object.keys(e) as EnvironmentField[]) if (!e[k]) delete e[k];
  return e;
}

/** The request body; only what was filled in is sent (the server refuses unknown fields). */
export function toEnvironmentRequest(v: EnvironmentFormValues): EnvironmentRequest {
  const r: EnvironmentRequest = { name: v.name, platform: v.platform, stage: v.stage };
  if (v.version.trim()) r.version = v.version.trim();
  if (v.image.trim()) r.image = v.image.trim();
  if (v.httpPort.trim()) r.ports = { http: Number(v.httpPort.trim()) };
  if (v.memoryMb.trim()) r.memoryMb = Number(v.memoryMb.trim());
  if (v.cpus.trim()) r.cpus = Number(v.cpus.trim());
  if (v.ttlMinutes.trim()) r.ttlMinutes = Number(v.ttlMinutes.trim());
  if (v.idleTimeoutMinutes.trim()) r.idleTimeoutMinutes = Number(v.idleTimeoutMinutes.trim());
  const secrets = parsePairs(v.secrets, SECRET_VAR, '').map;
  if (Object.keys(secrets).length) r.secrets = secrets;
  const labels = parsePairs(v.labels, LABEL_KEY, '').map;
  if (Object.keys(labels).length) r.labels = labels;
  return r;
}

/** The input a server `field` (e.g. `ports.http`, `ttl`, `secrets`) belongs to, if any. */
export function inputForServerField(field: string | undefined): EnvironmentField | undefined {
  if (!field) return undefined;
  if (field === 'ports.http' || field === 'ports') return 'httpPort';
  if (field === 'limits' || field === 'memoryMb') return 'memoryMb';
  if (field === 'ttl' || field === 'ttlMinutes') return 'ttlMinutes';
  if (field === 'idleTimeout' || field === 'idleTimeoutMinutes') return 'idleTimeoutMinutes';
  if (field.startsWith('secrets')) return 'secrets';
  if (field.startsWith('labels')) return 'labels';
  const direct: EnvironmentField[] = ['name', 'platform', 'version', 'image', 'stage', 'cpus'];
  return (direct as string[]).includes(field) ? (field as EnvironmentField) : undefined;
}

/** Uploaded files the new environment gets: modules, JDBC drivers, a backup to restore on first start. */
export interface EnvironmentArtifacts {
  modules: Artifact[];
  jdbcDrivers: Artifact[];
  restoreBackup: Artifact | null;
}

export type ArtifactField = keyof EnvironmentArtifacts;

export const NO_ARTIFACTS: EnvironmentArtifacts = { modules: [], jdbcDrivers: [], restoreBackup: null };

const ref = (a: Artifact) => ({ sha256: a.sha256, fileName: a.fileName });

/** The request with the uploaded artifacts, referenced by sha256 and file name; empty ones are left out. */
export function withArtifacts(r: EnvironmentRequest, a: EnvironmentArtifacts): EnvironmentRequest {
  const out = { ...r };
  if (a.modules.length) out.modules = a.modules.map(ref);
  if (a.jdbcDrivers.length) out.jdbcDrivers = a.jdbcDrivers.map(ref);
  if (a.restoreBackup) out.restoreBackup = ref(a.restoreBackup);
  return out;
}

/** The upload input a server `field` (`modules[1]`, `jdbcDrivers`, `restoreBackup`) belongs to, if any. */
export function artifactForServerField(field: string | undefined): ArtifactField | undefined {
  const m = /^(modules|jdbcDrivers|restoreBackup)\b/.exec(field ?? '');
  return m ? (m[1] as ArtifactField) : undefined;
}
