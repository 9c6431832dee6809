/** The new-environment form (engineers and up): platforms and versions from the installed adapters. */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Platform } from '../api/types';
import { asApiError, useApi } from '../auth/AuthContext';
import { PageHeader } from '../components/Bits';
import { ArtifactUpload } from '../components/ArtifactUpload';
import { Field } from '../components/Field';
import { EmptyState, ErrorPanel, FormError, Loading } from '../components/States';
import {
  artifactForServerField,
  EMPTY_FORM,
  NO_ARTIFACTS,
  withArtifacts,
  type ArtifactField,
  type EnvironmentArtifacts,
  inputForServerField,
  MAX_MEMORY_MB,
  MIN_MEMORY_MB,
  STAGES,
  toEnvironmentRequest,
  validateEnvironmentForm,
  type EnvironmentField,
  type EnvironmentFormValues,
} from '../lib/environmentForm';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';

const OTHER = '__other__';
const inputId = (f: EnvironmentField) => `env-${f}`;

export function EnvironmentCreate() {
  usePageTitle('New environment');
  const api = useApi();
  const platforms = useResource(() => api.platforms(), []);
  return (
    <>
      <PageHeader
        title="New environment"
        description="Stoker provisions a gateway container with its own data volume and shows the progress on the next page."
        actions={
          <Link to="/environments" className="btn">
            Back to environments
          </Link>
        }
      />
      {platforms.error ? (
        <ErrorPanel error={platforms.error} onRetry={platforms.reload} title="Could not list the platforms" />
      ) : !platforms.data ? (
        <Loading what="Loading platforms" />
      ) : platforms.data.length === 0 ? (
        <EmptyState title="No platform adapter installed" action={<button type="button" className="btn" onClick={platforms.reload}>Check again</button>}>
          An environment needs a platform. Install an adapter feature from the Karaf shell (<code>feature:install</code>), then check
          again.
        </EmptyState>
      ) : (
        <EnvironmentForm platforms={platforms.data} />
      )}
    </>
  );
}

function EnvironmentForm({ platforms }: { platforms: Platform[] }) {
  const api = useApi();
  const navigate = useNavigate();
  const [values, setValues] = useState<EnvironmentFormValues>(() => {
    const p = platforms[0];
    return { ...EMPTY_FORM, platform: p.id, version: p.versions[0]?.defaultVersion ?? '' };
  });
  const [otherVersion, setOtherVersion] = useState(() => (platforms[0]?.versions.length ?? 0) === 0);
  const [touched, setTouched] = useState<Partial<Record<EnvironmentField, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<EnvironmentField, string>>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [advanced, setAdvanced] = useState(false);
  const [artifacts, setArtifacts] = useState<EnvironmentArtifacts>(NO_ARTIFACTS);
  const [artifactErrors, setArtifactErrors] = useState<Partial<Record<ArtifactField, string>>>({});
  const [uploads, setUploads] = useState(0);
  const [uploadProject, setUploadProject] = useState('');
  // the projects the caller sees, for uploads meant for one of them (none listed: uploads are for everyone)
  const projects = useResource(() => api.projects(0, 200), []);
  const onUploadBusy = (b: boolean) => setUploads((n) => n + (b ? 1 : -1));
  const setArtifact = <K extends ArtifactField>(k: K, v: EnvironmentArtifacts[K]) => {
    setArtifacts((a) => ({ ...a, [k]: v }));
    setArtifactErrors((e) => ({ ...e, [k]: undefined }));
    setFormError(undefined);
  };

  const platform = platforms.find((p) => p.id === values.platform);
  const local = useMemo(() => validateEnvironmentForm(values), [values]);
  const shown = (f: EnvironmentField) => serverErrors[f] ?? (touched[f] ? local[f] : undefined);
  const defaultImage = platform?.versions.find((v) => v.defaultVersion === values.version)?.defaultImage ?? platform?.versions[0]?.defaultImage;

  // Advanced fields with an error must be visible.
  useEffect(() => {
    const hidden: EnvironmentField[] = ['image', 'httpPort', 'memoryMb', 'cpus', 'ttlMinutes', 'idleTimeoutMinutes', 'secrets', 'labels'];
    if (hidden.some((f) => serverErrors[f])) setAdvanced(true);
  }, [serverErrors]);

  const set = (f: EnvironmentField, value: string) => {
    setValues((v) => ({ ...v, [f]: value }));
    setTouched((t) => ({ ...t, [f]: true }));
    setServerErrors((s) => ({ ...s, [f]: undefined, ...(f === 'image' ? { version: undefined } : {}) }));
    setFormError(undefined);
  };

  const onPlatform = (id: string) => {
    const p = platforms.find((x) => x.id === id);
    setValues((v) => ({ ...v, platform: id, version: p?.versions[0]?.defaultVersion ?? '' }));
    setOtherVersion((p?.versions.length ?? 0) === 0);
    setServerErrors((s) => ({ ...s, platform: undefined, version: undefined }));
  };

  const focusFirst = (errors: Partial<Record<EnvironmentField, string>>) => {
    const order: EnvironmentField[] = ['name', 'platform', 'version', 'stage', 'image', 'httpPort', 'memoryMb', 'cpus', 'ttlMinutes', 'idleTimeoutMinutes', 'secrets', 'labels'];
    const first = order.find((f) => errors[f]);
    if (!first) return;
    if (!['name', 'platform', 'version', 'stage'].includes(first)) setAdvanced(true);
    // after the advanced section has rendered
    setTimeout(() => document.getElementById(first === 'version' && !otherVersion ? 'env-version-select' : inputId(first))?.focus(), 0);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(Object.fromEntries(Object.keys(values).map((k) => [k, true])));
    setFormError(undefined);
    if (Object.keys(local).length > 0) {
      focusFirst(local);
      return;
    }
    setBusy(true);
    try {
      const accepted = await api.createEnvironment(withArtifacts(toEnvironmentRequest(values), artifacts));
      navigate(`/environments/${encodeURIComponent(accepted.environment.id)}?operation=${encodeURIComponent(accepted.operation.id)}`, {
        state: { created: true },
      });
    } catch (err) {
      const error = asApiError(err);
      const input = inputForServerField(error.field);
      const upload = artifactForServerField(error.field);
      if (upload) {
        setArtifactErrors({ [upload]: error.detail });
      } else if (input) {
        setServerErrors({ [input]: error.detail });
        focusFirst({ [input]: error.detail });
      } else {
        setFormError(error.status === 503 ? `${error.detail} Nothing was created; try again when the runtime host is back.` : error.detail);
      }
      setBusy(false);
    }
  };

  const versions = platform?.versions ?? [];
  return (
    <form className="panel" onSubmit={onSubmit} noValidate aria-labelledby="new-env-title">
      <h2 id="new-env-title">Environment</h2>
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="Name" hint="3–42 characters: lower-case letters, digits and '-', starting with a letter." error={shown('name')}>
          <input
            id={inputId('name')}
            name="name"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            value={values.name}
            onChange={(e) => set('name', e.target.value)}
          />
        </Field>
        <Field label="Platform" error={shown('platform')}>
          <select id={inputId('platform')} name="platform" value={values.platform} onChange={(e) => onPlatform(e.target.value)}>
            {platforms.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </select>
        </Field>
        {versions.length > 0 && (
          <Field
            label="Version"
            hint={otherVersion ? 'Type the exact version below.' : 'The release lines this adapter offers.'}
            error={otherVersion ? undefined : shown('version')}
          >
            <select
              id="env-version-select"
              name="versionChoice"
              value={otherVersion ? OTHER : values.version}
              onChange={(e) => {
                if (e.target.value === OTHER) {
                  setOtherVersion(true);
                  set('version', '');
                  setTimeout(() => document.getElementById(inputId('version'))?.focus(), 0);
                } else {
                  setOtherVersion(false);
                  set('version', e.target.value);
                }
              }}
            >
              {versions.map((v) => (
                <option key={v.line} value={v.defaultVersion}>
                  {v.defaultVersion} ({v.line} line)
                </option>
              ))}
              <option value={OTHER}>Another version…</option>
            </select>
          </Field>
        )}
        {otherVersion && (
          <Field label="Exact version" hint="e.g. 8.3.4; may stay empty when an image is given." error={shown('version')}>
            <input
              id={inputId('version')}
              name="version"
              autoComplete="off"
              spellCheck={false}
              value={values.version}
              onChange={(e) => set('version', e.target.value)}
            />
          </Field>
        )}
        <Field label="Stage" error={shown('stage')}>
          <select id={inputId('stage')} name="stage" value={values.stage} onChange={(e) => set('stage', e.target.value)}>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </Field>
      </div>

      <details className="advanced" open={advanced} onToggle={(e) => setAdvanced((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>Image, ports, limits, lifetime, secrets and labels</summary>
        <div className="form-grid">
          <Field label="Image (optional)" hint={defaultImage ? `Default: ${defaultImage}` : 'The adapter default when empty.'} error={shown('image')}>
            <input id={inputId('image')} name="image" autoComplete="off" spellCheck={false} value={values.image} onChange={(e) => set('image', e.target.value)} />
          </Field>
          <Field label="HTTP port (optional)" hint="Host port for the gateway; empty picks a free one." error={shown('httpPort')}>
            <input id={inputId('httpPort')} name="httpPort" inputMode="numeric" autoComplete="off" value={values.httpPort} onChange={(e) => set('httpPort', e.target.value)} />
          </Field>
          <Field label="Memory limit in MB (optional)" hint={`${MIN_MEMORY_MB}–${MAX_MEMORY_MB}; empty for no limit.`} error={shown('memoryMb')}>
            <input id={inputId('memoryMb')} name="memoryMb" inputMode="numeric" autoComplete="off" value={values.memoryMb} onChange={(e) => set('memoryMb', e.target.value)} />
          </Field>
          <Field label="CPUs (optional)" hint="e.g. 2 or 0.5; empty for no limit." error={shown('cpus')}>
            <input id={inputId('cpus')} name="cpus" inputMode="decimal" autoComplete="off" value={values.cpus} onChange={(e) => set('cpus', e.target.value)} />
          </Field>
          <Field label="Lifetime in minutes (optional)" hint="Torn down after this long; empty keeps it." error={shown('ttlMinutes')}>
            <input id={inputId('ttlMinutes')} name="ttlMinutes" inputMode="numeric" autoComplete="off" value={values.ttlMinutes} onChange={(e) => set('ttlMinutes', e.target.value)} />
          </Field>
          <Field label="Idle timeout in minutes (optional)" hint="Torn down after this long unused." error={shown('idleTimeoutMinutes')}>
            <input
              id={inputId('idleTimeoutMinutes')}
              name="idleTimeoutMinutes"
              inputMode="numeric"
              autoComplete="off"
              value={values.idleTimeoutMinutes}
              onChange={(e) => set('idleTimeoutMinutes', e.target.value)}
            />
          </Field>
        </div>
        <div className="form-grid">
          <Field label="Secrets (optional)" hint="One VARIABLE=secret/path per line; values stay in the secret store." error={shown('secrets')}>
            <textarea id={inputId('secrets')} name="secrets" rows={3} spellCheck={false} value={values.secrets} onChange={(e) => set('secrets', e.target.value)} />
          </Field>
          <Field label="Labels (optional)" hint="One key=value per line." error={shown('labels')}>
            <textarea id={inputId('labels')} name="labels" rows={3} spellCheck={false} value={values.labels} onChange={(e) => set('labels', e.target.value)} />
          </Field>
        </div>
      </details>

      <fieldset className="fieldset artifacts">
        <legend>Modules, JDBC drivers and a backup to restore (optional)</legend>
        <Field
          label="Uploads are for"
          hint="Files chosen below are uploaded for this project: listed only to its members and used only by its engineers."
        >
          <select id="env-upload-project" name="uploadProject" value={uploadProject} onChange={(e) => setUploadProject(e.target.value)}>
            <option value="">Everyone</option>
            {(projects.data?.items ?? []).map((p) => (
              <option key={p.name} value={p.name}>
                Project {p.name}
              </option>
            ))}
          </select>
        </Field>
        <div className="form-grid">
          <ArtifactUpload
            label="Modules"
            kind="module"
            multiple
            value={artifacts.modules}
            onChange={(v) => setArtifact('modules', v)}
            error={artifactErrors.modules}
            onBusy={onUploadBusy}
            project={uploadProject || undefined}
          />
          <ArtifactUpload
            label="JDBC drivers"
            kind="jdbc"
            multiple
            value={artifacts.jdbcDrivers}
            onChange={(v) => setArtifact('jdbcDrivers', v)}
            error={artifactErrors.jdbcDrivers}
            onBusy={onUploadBusy}
            project={uploadProject || undefined}
          />
          <ArtifactUpload
            label="Backup to restore"
            kind="backup"
            value={artifacts.restoreBackup ? [artifacts.restoreBackup] : []}
            onChange={(v) => setArtifact('restoreBackup', v[0] ?? null)}
            error={artifactErrors.restoreBackup}
            onBusy={onUploadBusy}
            project={uploadProject || undefined}
          />
        </div>
        <p className="muted small">Laid into every container of the environment; the backup is restored on the first start of its data volume.</p>
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || uploads > 0}>
          {busy ? 'Creating…' : uploads > 0 ? 'Uploading…' : 'Create environment'}
        </button>
        <Link to="/environments" className="btn">
          Cancel
        </Link>
      </div>
    </form>
  );
}
