/**
 * One document: its text next to the facts it was written from (each cited id links to its fact), the
 * grounding findings with their resolution (edit the text, or a lead accepts one with a reason), the review
 * steps and the signature, the provenance and the exports, and a manual's dependency diagram drawn (SVG/PNG). Viewers read; the server checks every step again.
 */
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import type { Finding, ReviewAction, StokerDocument } from '../api/documentTypes';
import { asApiError, useApi, useAuth } from '../auth/AuthContext';
import { can } from '../auth/permissions';
import { Badge, PageHeader, Time } from '../components/Bits';
import { DependencyDiagram } from '../components/DependencyDiagram';
import { DocumentStatusBadge, DocumentText, ExportLinks, FactsPanel, factAnchor, KIND_LABELS, ProvenancePanel } from '../components/DocumentBits';
import { Field } from '../components/Field';
import { ErrorPanel, FormError, Loading } from '../components/States';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';

export function DocumentDetail() {
  const { id = '' } = useParams();
  const api = useApi();
  const location = useLocation();
  const loaded = useResource(() => api.document(id), [id]);
  const [doc, setDoc] = useState<StokerDocument>();
  const [flash, setFlash] = useState<string | undefined>((location.state as { flash?: string } | null)?.flash);
  const [cited, setCited] = useState<string | null>(null);
  usePageTitle(loaded.data?.title ?? 'Document');
  const d = doc?.id === id ? doc : loaded.data;
  if (loaded.error && !d) return <ErrorPanel error={loaded.error} onRetry={loaded.reload} title={loaded.error.status === 404 ? 'No such document' : 'Could not load the document'} />;
  if (!d) return <Loading what="Loading the document" />;
  const changed = (next: StokerDocument, message: string) => {
    setDoc(next);
    setFlash(message);
  };
  const cite = (fact: string) => {
    setCited(fact);
    document.getElementById(factAnchor(fact))?.scrollIntoView?.({ block: 'nearest' });
  };
  const open = d.findings.filter((f) => f.state === 'open');

  return (
    <>
      <PageHeader
        title={d.title}
        description={
          <>
            {KIND_LABELS[d.kind]} · version {d.version} · <DocumentStatusBadge status={d.status} /> {d.stale && <Badge tone="warn">stale</Badge>} · project{' '}
            <Link to={`/projects/${encodeURIComponent(d.project)}?tab=documents`}>{d.project}</Link> · updated <Time iso={d.updated} />
            {d.supersedes && (
              <>
                {' '}
                · supersedes <Link to={`/documents/${encodeURIComponent(d.supersedes)}`}>{d.supersedes}</Link>
              </>
            )}
            {d.supersededBy && (
              <>
                {' '}
                · superseded by <Link to={`/documents/${encodeURIComponent(d.supersededBy)}`}>{d.supersededBy}</Link>
              </>
            )}
          </>
        }
        actions={<ExportLinks doc={d} />}
      />
      {flash && (
        <p className="flash" role="status">
          {flash}
        </p>
      )}
      <ReviewActions doc={d} openFindings={open.length} onChanged={changed} />
      <FindingsPanel doc={d} onChanged={changed} />
      <div className="doc-columns">
        <section className="panel" aria-labelledby="text-title">
          <h2 id="text-title">Text</h2>
          <TextEditor doc={d} onChanged={changed} />
          <DocumentText doc={d} onCite={cite} />
        </section>
        <FactsPanel facts={d.facts.facts} selected={cited} />
      </div>
      {d.kind === 'PROJECT_MANUAL' && <DependencyDiagram key={d.id} docId={d.id} />}
      <ReviewsPanel doc={d} />
      <ProvenancePanel doc={d} />
    </>
  );
}

type Changed = (next: StokerDocument, message: string) => void;

/** Runs one step against the server; a refusal shows in the form. */
function useStep(onChanged: Changed) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (call: () => Promise<StokerDocument>, message: (d: StokerDocument) => string) => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await call();
      onChanged(next, message(next));
      return true;
    } catch (e) {
      setError(asApiError(e).detail);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function ReviewActions({ doc, openFindings, onChanged }: { doc: StokerDocument; openFindings: number; onChanged: Changed }) {
  const api = useApi();
  const { me } = useAuth();
  const navigate = useNavigate();
  const step = useStep(onChanged);
  const [comment, setComment] = useState('');
  const write = can(me, 'writeDocuments');
  const lead = can(me, 'signDocuments');
  if (!write) return null;
  const review = (action: ReviewAction, message: string, text?: string) => step.run(() => api.reviewDocument(doc.id, action, text), () => message);
  const s = doc.status;
  const onComment = async (e: FormEvent) => {
    e.preventDefault();
    if (!comment.trim()) return;
    if (await review('comment', 'Comment added.', comment.trim())) setComment('');
  };
  const newVersion = async () => {
    try {
      const next = await api.newDocumentVersion(doc.id);
      navigate(`/documents/${encodeURIComponent(next.id)}`, { state: { flash: `Version ${next.version} started as a draft.` } });
    } catch (e) {
      onChanged(doc, asApiError(e).detail);
    }
  };
  return (
    <section className="panel" aria-labelledby="review-title">
      <h2 id="review-title">Review and sign-off</h2>
      <FormError message={step.error} />
      <div className="toolbar" role="group" aria-label="Review actions">
        {s === 'DRAFT' && (
          <button type="button" className="btn btn-primary" disabled={step.busy} onClick={() => review('submit', 'Submitted for review.')}>
            Submit for review
          </button>
        )}
        {lead && s === 'IN_REVIEW' && (
          <button type="button" className="btn btn-primary" disabled={step.busy} onClick={() => review('approve', 'Approved.')}>
            Approve
          </button>
        )}
        {lead && (s === 'IN_REVIEW' || s === 'APPROVED') && (
          <button type="button" className="btn" disabled={step.busy} onClick={() => review('request-changes', 'Sent back to draft.', comment.trim() || undefined)}>
            Request changes
          </button>
        )}
        {lead && s === 'APPROVED' && (
          <button type="button" className="btn btn-primary" disabled={step.busy || openFindings > 0} onClick={() => step.run(() => api.signDocument(doc.id), (n) => `Signed by ${n.signature?.signer}.`)} title={openFindings ? 'Resolve every open finding first' : undefined}>
            Sign
          </button>
        )}
        {s === 'SIGNED' && !doc.supersededBy && (
          <button type="button" className="btn" onClick={newVersion}>
            Start a new version
          </button>
        )}
      </div>
      {lead && s === 'APPROVED' && openFindings > 0 && <p className="muted">{`${openFindings} open finding${openFindings > 1 ? 's' : ''}: edit the text or accept each one before signing.`}</p>}
      {s !== 'SIGNED' && (
        <form className="inline-form" onSubmit={onComment} aria-label="Add a comment">
          <Field label="Comment">
            <textarea id="doc-comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
          </Field>
          <button type="submit" className="btn" disabled={step.busy || !comment.trim()}>
            Add comment
          </button>
        </form>
      )}
    </section>
  );
}

function TextEditor({ doc, onChanged }: { doc: StokerDocument; onChanged: Changed }) {
  const api = useApi();
  const { me } = useAuth();
  const [text, setText] = useState<string | null>(null);
  const step = useStep(onChanged);
  if (!can(me, 'writeDocuments') || doc.status === 'SIGNED') return null;
  if (text === null)
    return (
      <div className="toolbar">
        <button type="button" className="btn btn-small" onClick={() => setText(doc.content)}>
          Edit text
        </button>
      </div>
    );
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await step.run(() => api.editDocument(doc.id, text), (n) => `Text saved; ${n.findings.filter((f) => f.state === 'open').length} open finding(s).`);
    if (ok) setText(null);
  };
  return (
    <form onSubmit={save} aria-label="Edit the text">
      <FormError message={step.error} />
      <Field label="Text" hint="Cite facts as [id]. Paths, revisions, people and numbers that are not in the facts are flagged.">
        <textarea id="doc-text" rows={Math.min(30, doc.content.split('\n').length + 2)} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={step.busy}>
          Save text
        </button>
        <button type="button" className="btn" onClick={() => setText(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function FindingsPanel({ doc, onChanged }: { doc: StokerDocument; onChanged: Changed }) {
  const { me } = useAuth();
  if (doc.findings.length === 0)
    return (
      <p className="muted" role="status" aria-label="Grounding">
        Grounding: every path, revision, person and number in the text is in the facts.
      </p>
    );
  const lead = can(me, 'signDocuments') && doc.status !== 'SIGNED';
  return (
    <section className="panel" aria-labelledby="findings-title">
      <h2 id="findings-title">Grounding findings</h2>
      <p className="muted">Not in the facts. Edit the text to remove one, or (lead) accept it with a reason; a document with an open finding cannot be signed.</p>
      <table className="table" aria-label="Findings">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Kind</th>
            <th scope="col">Text</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="sr-only">Resolve</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {doc.findings.map((f) => (
            <tr key={f.id}>
              <td>{f.line}</td>
              <td>{f.kind}</td>
              <td>
                <code className="wrap">{f.text}</code>
              </td>
              <td>
                {f.state === 'open' ? <Badge tone="bad">open</Badge> : <Badge tone="ok">{f.state}</Badge>}
                {f.note && <span className="muted">{` by ${f.acceptedBy}: ${f.note}`}</span>}
              </td>
              <td>{lead && f.state === 'open' && <AcceptFinding doc={doc} finding={f} onChanged={onChanged} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AcceptFinding({ doc, finding, onChanged }: { doc: StokerDocument; finding: Finding; onChanged: Changed }) {
  const api = useApi();
  const [note, setNote] = useState<string | null>(null);
  const step = useStep(onChanged);
  if (note === null)
    return (
      <button type="button" className="btn btn-small" onClick={() => setNote('')} aria-label={`Accept ${finding.text}…`}>
        Accept…
      </button>
    );
  const accept = async (e: FormEvent) => {
    e.preventDefault();
    await step.run(() => api.acceptFinding(doc.id, finding.id, note.trim()), () => `Finding ${finding.text} accepted.`);
  };
  return (
    <form className="inline-form" onSubmit={accept} aria-label={`Accept ${finding.text}`}>
      <Field label="Reason" error={step.error}>
        <input id={`accept-${finding.id}`} value={note} onChange={(e) => setNote(e.target.value)} autoComplete="off" />
      </Field>
      <button type="submit" className="btn btn-small btn-primary" disabled={step.busy || !note.trim()}>
        Accept finding
      </button>
    </form>
  );
}

function ReviewsPanel({ doc }: { doc: StokerDocument }) {
  if (doc.reviews.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="reviews-title">
      <h2 id="reviews-title">Reviews</h2>
      <ol className="review-list">
        {doc.reviews.map((r, i) => (
          <li key={i}>
            <strong>{r.action}</strong> by {r.user} <Time iso={r.at} />
            {r.comment && <span className="wrap">: {r.comment}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
