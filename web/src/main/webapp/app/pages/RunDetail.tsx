/**
 * One pipeline run (`/runs/:id`): its stages left to right with their steps and statuses, followed live
 * (server-sent events, polling when the stream is not available); a step's log (click a step; read again
 * every 2 s while it runs); approve or reject with a comment while the run waits for approval (shown from
 * lead up, the server decides and its refusal is shown as it says it); cancel and retry for engineers.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Approval, Run, StageRun } from '../api/types';
import { asApiError, useApi, useAuth } from '../auth/AuthContext';
import { can } from '../auth/permissions';
import { Badge, PageHeader, Time, type Tone } from '../components/Bits';
import { Field } from '../components/Field';
import { ConfirmDialog } from '../components/Modal';
import { RevisionId } from '../components/ProjectBits';
import { RunStatusBadge, shortRunId } from '../components/RunBits';
import { ErrorPanel, FormError, Loading } from '../components/States';
import { activeStep, duration, mayCancel, mayRetry, runEnded, runTone, runWords, waitingStage } from '../lib/runs';
import { usePageTitle } from '../lib/usePageTitle';
import { useRunStream } from '../lib/useRunStream';
import { projectHref } from './Projects';

const DECISION: Record<Approval['decision'], { tone: Tone; label: string }> = {
  APPROVE: { tone: 'ok', label: '✓ Approved' },
  REJECT: { tone: 'bad', label: '✕ Rejected' },
  OVERRIDE_WINDOW: { tone: 'warn', label: '⚑ Deploy window overridden' },
};

export const LOG_POLL_MS = 2000;

export function RunDetail() {
  const { id = '' } = useParams();
  const { run, error, mode, follow, accept } = useRunStream(id);
  const [picked, setPicked] = useState<string | null>(null);
  usePageTitle(`Run ${shortRunId(id)}`);

  const title = `Run ${shortRunId(id)}`;
  if (error && !run) {
    return (
      <>
        <PageHeader title={title} actions={<Link to="/runs" className="btn">All runs</Link>} />
        <ErrorPanel error={error} onRetry={follow} title={error.status === 404 ? 'No such run' : 'Could not load the run'} />
      </>
    );
  }
  if (!run) return <Loading what="Loading the run" />;
  const step = picked ?? activeStep(run);
  const stepRun = run.stages.flatMap((s) => s.steps).find((s) => s.name === step);

  return (
    <>
      <PageHeader
        title={title}
        description={
          <>
            <RunStatusBadge status={run.status} /> · project <Link to={projectHref(run.project)}>{run.project}</Link> · revision <RevisionId id={run.commit ?? run.revision} />
            {run.release && <> · release <strong>{run.release}</strong></>} · started by {run.startedBy} <Time iso={run.createdAt} />
            {run.reason && <> · “{run.reason}”</>}
            {run.rollbackOf && <> · rollback of deployment <code>{run.rollbackOf}</code></>}
          </>
        }
        actions={
          <>
            <Link to={`${projectHref(run.project)}?tab=runs`} className="btn">
              Runs of {run.project}
            </Link>
            <RunActions run={run} onRun={accept} onRetried={follow} />
          </>
        }
      />
      <p className="muted small" aria-live="polite" data-testid="run-follow">
        {runEnded(run.status)
          ? `${runWords(run.status)} after ${duration(run.startedAt ?? run.createdAt, run.endedAt) || '—'}.`
          : mode === 'stream'
            ? 'Live: updates as the run changes.'
            : mode === 'polling'
              ? 'Live updates are not available; reading the run every few seconds.'
              : ''}
        {error && run && <span className="field-error"> {error.detail}</span>}
      </p>
      {run.status === 'WAITING_APPROVAL' && <ApprovalPanel run={run} onRun={accept} />}
      <section aria-labelledby="stages-title">
        <h2 id="stages-title">Stages</h2>
        <ol className="stage-graph" aria-label="Stages in order">
          {run.stages.map((s) => (
            <li key={s.name}>
              <StageCard stage={s} selected={step} onPick={setPicked} />
            </li>
          ))}
        </ol>
      </section>
      <div className="run-panels">
        <StepLog runId={run.id} step={stepRun?.name ?? null} status={stepRun?.status} />
        {run.approvals.length > 0 && <Approvals run={run} />}
      </div>
    </>
  );
}

function StageCard({ stage, selected, onPick }: { stage: StageRun; selected: string | null; onPick: (step: string) => void }) {
  return (
    <section className={`stage stage-${runTone(stage.status)}`} aria-label={`Stage ${stage.name}: ${runWords(stage.status)}`}>
      <h3>{stage.name}</h3>
      <div className="small">
        <RunStatusBadge status={stage.status} />
        {stage.environment && <span className="muted"> → {stage.environment}</span>}
      </div>
      <ul className="stage-steps">
        {stage.steps.map((x) => (
          <li key={x.name}>
            <button type="button" className="step-button" aria-pressed={selected === x.name} onClick={() => onPick(x.name)} aria-label={`Step ${x.name} (${x.type}): ${runWords(x.status)}`}>
              <span className="step-head">
                <strong>{x.name}</strong>
                <RunStatusBadge status={x.status} />
              </span>
              <span className="step-summary">
                {x.type}
                {x.startedAt && ` · ${duration(x.startedAt, x.endedAt)}`}
                {x.attempts > 1 && ` · attempt ${x.attempts}`}
              </span>
              {x.summary && <span className="step-summary">{x.summary}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The log of one step; read again every 2 s while the step runs or waits, kept scrolled to the end. */
function StepLog({ runId, step, status }: { runId: string; step: string | null; status: string | undefined }) {
  const api = useApi();
  const [text, setText] = useState<string>();
  const [error, setError] = useState<string>();
  const pre = useRef<HTMLPreElement>(null);
  const live = status === 'RUNNING' || status === 'WAITING';

  useEffect(() => {
    setText(undefined);
    setError(undefined);
  }, [runId, step]);
  useEffect(() => {
    if (!step) return;
    const controller = new AbortController();
    const read = () =>
      api
        .stepLog(runId, step, controller.signal)
        .then((t) => {
          setText(t);
          setError(undefined);
        })
        .catch((e: unknown) => {
          if ((e as { name?: string })?.name !== 'AbortError') setError(asApiError(e).detail);
        });
    void read();
    const t = live ? setInterval(read, LOG_POLL_MS) : undefined;
    return () => {
      clearInterval(t);
      controller.abort();
    };
    // status: read once more when the step changes state (its last lines)
  }, [api, runId, step, live, status]);
  useEffect(() => {
    if (pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [text]);

  return (
    <section className="card card-wide" aria-labelledby="steplog-title">
      <div className="card-header">
        <h2 id="steplog-title">{step ? `Log of ${step}` : 'Step log'}</h2>
        {live && <Badge tone="info">Following</Badge>}
      </div>
      {!step ? (
        <p className="muted">Pick a step to read its log.</p>
      ) : error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : text === undefined ? (
        <Loading what={`Reading the log of ${step}`} />
      ) : (
        <pre className="logs" ref={pre} tabIndex={0} aria-label={`Log of ${step}`} data-testid="step-log">
          {text || '(no output yet)'}
        </pre>
      )}
    </section>
  );
}

function ApprovalPanel({ run, onRun }: { run: Run; onRun: (r: Run) => void }) {
  const api = useApi();
  const { me } = useAuth();
  const stage = waitingStage(run);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [error, setError] = useState<string>();
  const decide = async (decision: 'approve' | 'reject') => {
    if (!stage) return;
    setBusy(decision);
    setError(undefined);
    try {
      onRun(await api.decideRun(run.id, stage, decision, comment.trim() || undefined));
      setComment('');
    } catch (e) {
      const err = asApiError(e);
      setError(err.status === 403 ? `Not allowed: ${err.detail}` : err.detail);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="panel" aria-labelledby="approval-title">
      <h2 id="approval-title">Approval</h2>
      <p>
        Stage <strong>{stage ?? '—'}</strong> waits for approval. The author of the change cannot approve it.
      </p>
      {can(me, 'approveRuns') ? (
        <>
          <FormError message={error} />
          <Field label="Comment (optional)">
            <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} />
          </Field>
          <div className="approval-actions">
            <button type="button" className="btn btn-primary" disabled={!!busy || !stage} onClick={() => decide('approve')}>
              {busy === 'approve' ? 'Approving…' : 'Approve'}
            </button>
            <button type="button" className="btn btn-danger" disabled={!!busy || !stage} onClick={() => decide('reject')}>
              {busy === 'reject' ? 'Rejecting…' : 'Reject'}
            </button>
          </div>
        </>
      ) : (
        <p className="muted">A lead or an admin decides; you can follow the run here.</p>
      )}
    </section>
  );
}

function RunActions({ run, onRun, onRetried }: { run: Run; onRun: (r: Run) => void; onRetried: () => void }) {
  const api = useApi();
  const { me } = useAuth();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (!can(me, 'runPipelines')) return null;
  const act = async (what: 'cancel' | 'retry') => {
    setBusy(true);
    setError(undefined);
    try {
      const r = what === 'cancel' ? await api.cancelRun(run.id) : await api.retryRun(run.id);
      onRun(r);
      setConfirm(false);
      if (what === 'retry') onRetried();
    } catch (e) {
      setError(asApiError(e).detail);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {mayRetry(run) && (
        <button type="button" className="btn" onClick={() => act('retry')} disabled={busy}>
          Retry
        </button>
      )}
      {mayCancel(run) && (
        <button type="button" className="btn btn-danger" onClick={() => setConfirm(true)} disabled={busy}>
          Cancel run
        </button>
      )}
      {error && !confirm && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
      {confirm && (
        <ConfirmDialog title={`Cancel run ${shortRunId(run.id)}?`} confirmLabel="Cancel run" danger busy={busy} error={error} onConfirm={() => act('cancel')} onCancel={() => setConfirm(false)}>
          <p>The step that runs now is stopped and the run ends as cancelled. Retry starts it again from the stage that did not finish.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function Approvals({ run }: { run: Run }) {
  return (
    <section className="card card-wide" aria-labelledby="approvals-title">
      <h2 id="approvals-title">Approvals</h2>
      <div className="table-wrap">
        <table className="table">
          <caption className="sr-only">Decisions on this run</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Decision</th>
              <th scope="col">By</th>
              <th scope="col">Comment</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {run.approvals.map((a, i) => (
              <tr key={i}>
                <td>{a.stage}</td>
                <td>
                  <Badge tone={(DECISION[a.decision] ?? DECISION.REJECT).tone}>{(DECISION[a.decision] ?? DECISION.REJECT).label}</Badge>
                  {a.breakGlass && <Badge tone="warn">break-glass</Badge>}
                </td>
                <td>{a.user}</td>
                <td className="wrap">{a.comment || <span className="muted">—</span>}</td>
                <td>
                  <Time iso={a.at} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

