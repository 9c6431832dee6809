/**
 * A file input that uploads each chosen file at once to `POST /artifacts` and lists what the server
 * found (kind, size, what it read inside). A file of another kind than the input wants, or one the
 * server refuses, is not kept and its message shows next to the input.
 */
import { useId, useState } from 'react';
import type { Artifact, ArtifactKind } from '../api/types';
import { asApiError, useApi } from '../auth/AuthContext';
import { formatSize, shortSha } from '../lib/environments';

const KIND_TEXT: Record<ArtifactKind, string> = { module: 'module', jdbc: 'JDBC driver', backup: 'gateway backup' };
const EXTENSION: Record<ArtifactKind, string> = { module: '.modl', jdbc: '.jar', backup: '.gwbk' };

interface Props {
  label: string;
  kind: ArtifactKind;
  multiple?: boolean;
  value: Artifact[];
  onChange: (next: Artifact[]) => void;
  /** a problem the create request reported for this input */
  error?: string;
  onBusy?: (busy: boolean) => void;
  /** the project the uploads are for; none: for everyone */
  project?: string;
}

function detail(a: Artifact): string {
  const at = a.attributes;
  if (a.kind === 'module') return [at.moduleName ?? at.moduleId, at.moduleVersion].filter(Boolean).join(' ');
  if (a.kind === 'jdbc') return at.driverClasses ?? '';
  return at.ignitionVersion ? `Ignition ${at.ignitionVersion}` : '';
}

export function ArtifactUpload({ label, kind, multiple, value, onChange, error, onBusy, project }: Props) {
  const api = useApi();
  const id = useId();
  const [uploading, setUploading] = useState<string[]>([]);
  const [problems, setProblems] = useState<string[]>([]);

  const upload = async (files: File[]) => {
    setProblems([]);
    setUploading(files.map((f) => f.name));
    onBusy?.(true);
    const kept: Artifact[] = [];
    const refused: string[] = [];
    for (const f of files) {
      try {
        const a = await api.uploadArtifact(f, project);
        if (a.kind !== kind) refused.push(`${f.name} is a ${KIND_TEXT[a.kind] ?? a.kind}, not a ${KIND_TEXT[kind]} (${EXTENSION[kind]}).`);
        else kept.push(a);
      } catch (e) {
        refused.push(`${f.name}: ${asApiError(e).detail}`);
      }
    }
    setUploading([]);
    setProblems(refused);
    onBusy?.(false);
    if (kept.length) {
      const rest = multiple ? value.filter((v) => !kept.some((k) => k.sha256 === v.sha256)) : [];
      onChange([...rest, ...kept]);
    }
  };

  const messages = [...(error ? [error] : []), ...problems];
  const errorId = messages.length ? `${id}-error` : undefined;
  return (
    <div className={`field${messages.length ? ' field-invalid' : ''}`}>
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        type="file"
        accept={EXTENSION[kind]}
        multiple={multiple}
        aria-describedby={[`${id}-hint`, errorId].filter(Boolean).join(' ')}
        aria-invalid={messages.length ? true : undefined}
        disabled={uploading.length > 0}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length) void upload(files);
        }}
      />
      <p id={`${id}-hint`} className="field-hint">
        {multiple ? `${EXTENSION[kind]} files` : `A ${EXTENSION[kind]} file`}, uploaded to Stoker at once and checked there.
      </p>
      {uploading.length > 0 && (
        <p className="muted small" role="status">
          Uploading {uploading.join(', ')}…
        </p>
      )}
      {messages.length > 0 && (
        <div id={errorId} className="field-error" role="alert">
          {messages.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      {value.length > 0 && (
        <ul className="plain-list artifact-list" aria-label={`${label}: uploaded`}>
          {value.map((a) => (
            <li key={a.sha256} data-testid="artifact">
              <code className="wrap">{a.fileName}</code> · {KIND_TEXT[a.kind]} · {formatSize(a.size)}
              {detail(a) && <> · {detail(a)}</>}
              {a.project && <> · for project {a.project}</>} · <code title={a.sha256}>{shortSha(a.sha256)}</code>{' '}
              <button type="button" className="btn btn-small" onClick={() => onChange(value.filter((v) => v.sha256 !== a.sha256))}>
                Remove<span className="sr-only"> {a.fileName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
