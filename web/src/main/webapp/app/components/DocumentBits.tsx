/** Parts of the document pages: kind labels, the status badge, the text with linked citations, the facts, the provenance, the exports. */
import { Fragment, useState, type ReactNode } from 'react';
import type { DocumentKind, DocumentStatus, ExportFormat, Fact, Finding, StokerDocument } from '../api/documentTypes';
import { asApiError, useApi } from '../auth/AuthContext';
import { Badge, Time, type Tone } from './Bits';
import { saveBlob } from './ProjectBits';

export const KIND_LABELS: Record<DocumentKind, string> = {
  CHANGE_SUMMARY: 'Change summary',
  RELEASE_NOTES: 'Release notes',
  COMPLIANCE_REPORT: 'Compliance report',
  PROJECT_MANUAL: 'Project manual',
};

const STATUS: Record<DocumentStatus, [string, Tone]> = { DRAFT: ['Draft', 'neutral'], IN_REVIEW: ['In review', 'info'], APPROVED: ['Approved', 'ok'], SIGNED: ['Signed', 'ok'] };

export function DocumentStatusBadge({ status }: { status: DocumentStatus }) {
  const [label, tone] = STATUS[status] ?? [status, 'neutral'];
  return <Badge tone={tone}>{label}</Badge>;
}

export const factAnchor = (id: string) => `fact-${id}`;

/** One line of the text: each `[id]` citation a link to its fact (an unknown id is marked). */
function CitedLine({ line, facts, onCite }: { line: string; facts: Set<string>; onCite: (id: string) => void }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of line.matchAll(/\[([A-Za-z]+\d+)\]/g)) {
    parts.push(line.slice(last, m.index));
    const id = m[1];
    parts.push(
      facts.has(id) ? (
        <a
          key={m.index}
          href={`#${factAnchor(id)}`}
          className="citation"
          aria-label={`Fact ${id}`}
          onClick={(e) => {
            e.preventDefault();
            onCite(id);
          }}
        >
          [{id}]
        </a>
      ) : (
        <mark key={m.index} title="No fact has this id">
          [{id}]
        </mark>
      ),
    );
    last = m.index + m[0].length;
  }
  parts.push(line.slice(last));
  return <>{parts}</>;
}

/** The document's text line by line, citations linked to the facts, lines with an open finding marked. */
export function DocumentText({ doc, onCite }: { doc: StokerDocument; onCite: (id: string) => void }) {
  const ids = new Set(doc.facts.facts.map((f) => f.id));
  const flagged = new Map<number, Finding[]>();
  for (const f of doc.findings) if (f.state === 'open') flagged.set(f.line, [...(flagged.get(f.line) ?? []), f]);
  return (
    <div className="document-text" aria-label="Document text" role="document">
      {doc.content.split('\n').map((line, i) => {
        const open = flagged.get(i + 1);
        const heading = /^#{1,6} /.exec(line);
        const body = <CitedLine line={heading ? line.slice(heading[0].length) : line} facts={ids} onCite={onCite} />;
        return (
          <div key={i} className={`doc-line${open ? ' doc-line-flagged' : ''}${heading ? ` doc-h${heading[0].trim().length}` : ''}`} title={open ? open.map((f) => `${f.kind}: ${f.text}`).join('; ') : undefined}>
            {line ? body : '\u00a0'}
          </div>
        );
      })}
    </div>
  );
}

/** The facts the document was written from, each with the anchor its citations point to. */
export function FactsPanel({ facts, selected }: { facts: Fact[]; selected: string | null }) {
  return (
    <section className="panel doc-facts" aria-labelledby="facts-title">
      <h2 id="facts-title">Facts ({facts.length})</h2>
      <ol className="fact-list">
        {facts.map((f) => (
          <li key={f.id} id={factAnchor(f.id)} className={f.id === selected ? 'fact-selected' : undefined} aria-current={f.id === selected ? 'true' : undefined} aria-label={`Fact ${f.id}`}>
            <code>{f.id}</code> <span className="muted">{f.type}</span> <span className="wrap">{f.subject}</span>
            <dl className="fact-attrs">
              {Object.entries(f.attributes).map(([k, v]) => (
                <Fragment key={k}>
                  <dt>{k}</dt>
                  <dd className="wrap">{v}</dd>
                </Fragment>
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ProvenancePanel({ doc }: { doc: StokerDocument }) {
  const p = doc.provenance;
  const rows: [string, ReactNode][] = [
    ['Writer', `${p.writer} (${p.provider}, model ${p.model})`],
    ['Template', p.templateVersion],
    ['Generated', <Time key="g" iso={p.generated} />],
    ['Input revisions', p.revisions.length ? p.revisions.map((r) => <code key={r}>{r.slice(0, 12)} </code>) : '—'],
    ['Tokens', `${p.inputTokens} in, ${p.outputTokens} out`],
    ['Prompt SHA-256', <code key="p" className="wrap">{p.promptSha256}</code>],
    ['Facts SHA-256', <code key="f" className="wrap">{p.factsSha256}</code>],
    ['Created', <>{<Time iso={doc.created} />} by {doc.createdBy}</>],
    ['Reviewers', p.reviewers.length ? p.reviewers.join(', ') : '—'],
    ['Signer', doc.signature ? <>{doc.signature.signer} at {<Time iso={doc.signature.at} />}, content SHA-256 <code className="wrap">{doc.signature.sha256}</code></> : 'not signed'],
  ];
  return (
    <section className="panel" aria-labelledby="provenance-title">
      <h2 id="provenance-title">Provenance</h2>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

const FORMATS: [ExportFormat, string][] = [
  ['md', 'Markdown'],
  ['html', 'HTML'],
  ['pdf', 'PDF'],
];

/** Downloads of the document (with the provenance and signature block), fetched with the session's token. */
export function ExportLinks({ doc }: { doc: StokerDocument }) {
  const api = useApi();
  const [busy, setBusy] = useState<ExportFormat>();
  const [error, setError] = useState<string>();
  const get = async (format: ExportFormat) => {
    setBusy(format);
    setError(undefined);
    try {
      const d = await api.exportDocument(doc.id, format);
      saveBlob(d.blob, d.fileName ?? `${doc.id}.${format}`);
    } catch (e) {
      setError(asApiError(e).detail);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <div className="toolbar" role="group" aria-label="Export">
      {FORMATS.map(([f, label]) => (
        <button key={f} type="button" className="btn btn-small" disabled={busy !== undefined} onClick={() => get(f)} aria-label={`Download as ${label}`}>
          {busy === f ? 'Downloading…' : label}
        </button>
      ))}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
