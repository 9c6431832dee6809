/** Display pieces for projects: change-kind and merge-status badges, revision ids, export downloads. */
import { useState } from 'react';
import type { ChangeKind, MergeStatus } from '../api/types';
import { asApiError, useApi } from '../auth/AuthContext';
import { capitalize } from '../lib/format';
import { shortId } from '../lib/projects';
import { Badge, type Tone } from './Bits';

const KIND: Record<ChangeKind, { tone: Tone; mark: string }> = {
  ADDED: { tone: 'ok', mark: '+' },
  REMOVED: { tone: 'bad', mark: '−' },
  MODIFIED: { tone: 'info', mark: '~' },
  RENAMED: { tone: 'warn', mark: '→' },
};

export function ChangeKindBadge({ kind }: { kind: ChangeKind }) {
  const look = KIND[kind] ?? { tone: 'neutral' as Tone, mark: '?' };
  return (
    <Badge tone={look.tone}>
      <span aria-hidden="true" className="state-mark">
        {look.mark}
      </span>{' '}
      {capitalize(kind)}
    </Badge>
  );
}

const MERGE: Record<MergeStatus, Tone> = { CONFLICTED: 'warn', READY: 'info', COMMITTED: 'ok', UP_TO_DATE: 'ok' };

export function MergeStatusBadge({ status }: { status: MergeStatus }) {
  return <Badge tone={MERGE[status] ?? 'neutral'}>{capitalize(status.replace(/_/g, ' '))}</Badge>;
}

/** A commit id, short, with the full id on hover and for screen readers. */
export function RevisionId({ id }: { id: string | null | undefined }) {
  if (!id) return <span className="muted">—</span>;
  return (
    <code title={id} className="revision-id">
      {shortId(id)}
    </code>
  );
}

/** Hands a Blob to the browser as a file download (an object URL, released right after). */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Downloads the project export of a revision. The API needs the bearer token, so the file is fetched
 * through the client and saved from memory rather than linked.
 */
export function ExportButton({ project, rev, label }: { project: string; rev: string; label?: string }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const onClick = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const d = await api.exportProject(project, rev);
      saveBlob(d.blob, d.fileName ?? `${project}-${shortId(rev).replace(/[^A-Za-z0-9._-]/g, '_')}.zip`);
    } catch (e) {
      setError(asApiError(e).detail);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="btn btn-small" onClick={onClick} disabled={busy} aria-label={label ?? `Download the export of ${shortId(rev)}`}>
        {busy ? 'Downloading…' : 'Download export'}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
