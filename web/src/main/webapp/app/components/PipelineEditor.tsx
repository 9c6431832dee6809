/**
 * The project's Pipeline tab: `stoker/pipeline.yaml` in a text editor that is checked as you type (a
 * debounced `POST /pipeline/validate`; problems listed with line and field, their lines marked in the
 * gutter and behind the text), Save (a commit) and Run pipeline with an optional reason. Viewers read it.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useNavigate } from 'react-router-dom';
import type { PipelineError, PipelineFile, Project } from '../api/types';
import { asApiError, useApi, useAuth } from '../auth/AuthContext';
import { can } from '../auth/permissions';
import { errorLines, lineOf, sortErrors } from '../lib/runs';
import { useResource } from '../lib/useResource';
import { Badge } from './Bits';
import { Field } from './Field';
import { RevisionId } from './ProjectBits';
import { runHref } from './RunBits';
import { ErrorPanel, FormError, Loading } from './States';

export const VALIDATE_DELAY_MS = 400;

type Check = { state: 'idle' | 'checking' | 'valid' | 'invalid' | 'failed'; errors: PipelineError[]; failure?: string };

export function PipelineEditor({ project, onSaved }: { project: Project; onSaved?: () => void }) {
  const api = useApi();
  const { me } = useAuth();
  const mayChange = can(me, 'runPipelines');
  const file = useResource(() => api.pipeline(project.name), [project.name]);
  const [text, setText] = useState<string | null>(null);
  const [saved, setSaved] = useState<PipelineFile | null>(null);
  const [check, setCheck] = useState<Check>({ state: 'idle', errors: [] });
  const [saveError, setSaveError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const shown = saved ?? file.data;
  const yaml = text ?? shown?.yaml ?? '';
  const dirty = text !== null && text !== shown?.yaml;

  // checked as you type: the last text wins, earlier answers are dropped
  useEffect(() => {
    if (text === null) return;
    const controller = new AbortController();
    setCheck((c) => ({ ...c, state: 'checking' }));
    const t = setTimeout(() => {
      api
        .validatePipeline(project.name, text, controller.signal)
        .then((v) => setCheck({ state: v.valid ? 'valid' : 'invalid', errors: sortErrors(v.errors) }))
        .catch((e: unknown) => {
          if ((e as { name?: string })?.name === 'AbortError') return;
          setCheck({ state: 'failed', errors: [], failure: asApiError(e).detail });
        });
    }, VALIDATE_DELAY_MS);
    return () => {
      clearTimeout(t);
      controller.abort();
    };
  }, [api, project.name, text]);

  const onSave = async () => {
    setBusy(true);
    setSaveError(undefined);
    try {
      const f = await api.savePipeline(project.name, yaml);
      setSaved(f);
      setText(null);
      setCheck({ state: 'idle', errors: [] });
      onSaved?.();
    } catch (e) {
      const error = asApiError(e);
      setSaveError(error.detail);
      if (error.status === 400) {
        setCheck({ state: 'invalid', errors: [{ field: error.field ?? null, line: lineOf(error.detail), column: 0, message: error.detail }] });
      }
    } finally {
      setBusy(false);
    }
  };

  const goToLine = (line: number) => {
    const el = area.current;
    if (!el || line < 1) return;
    const lines = yaml.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  };

  if (file.error && !file.data) return <ErrorPanel error={file.error} onRetry={file.reload} title="Could not read the pipeline" />;
  if (!shown) return <Loading what="Loading the pipeline" />;

  return (
    <>
      <section className="panel" aria-labelledby="pipeline-title">
        <div className="card-header">
          <h2 id="pipeline-title">Pipeline</h2>
          <span className="muted small">
            <code>stoker/pipeline.yaml</code>{' '}
            {shown.stored ? (
              <>
                at <RevisionId id={shown.commit} />
              </>
            ) : (
              <Badge tone="info">Default, not saved yet</Badge>
            )}
          </span>
        </div>
        {saved && !dirty && (
          <p className="flash" role="status">
            Saved as commit <RevisionId id={saved.commit} />.
          </p>
        )}
        <FormError message={saveError} />
        <CodeEditor
          id="pipeline-yaml"
          label="Pipeline (YAML)"
          value={yaml}
          readOnly={!mayChange}
          errors={check.errors}
          textarea={area}
          onChange={(v) => {
            setText(v);
            setSaveError(undefined);
          }}
        />
        <CheckStatus check={check} dirty={dirty} onGoTo={goToLine} />
        {mayChange && (
          <div className="form-actions">
            <button type="button" className="btn btn-primary" onClick={onSave} disabled={busy || !dirty || check.state === 'invalid'}>
              {busy ? 'Saving…' : 'Save pipeline'}
            </button>
            {dirty && (
              <button type="button" className="btn" onClick={() => setText(null)} disabled={busy}>
                Discard changes
              </button>
            )}
          </div>
        )}
      </section>
      {mayChange && <RunForm project={project} unsaved={dirty} stored={shown.stored} />}
    </>
  );
}

function CheckStatus({ check, dirty, onGoTo }: { check: Check; dirty: boolean; onGoTo: (line: number) => void }) {
  const n = check.errors.length;
  return (
    <div className="pipeline-check">
      <p className="small" aria-live="polite" data-testid="pipeline-check">
        {check.state === 'checking'
          ? 'Checking…'
          : check.state === 'valid'
            ? '✓ The pipeline is valid.'
            : check.state === 'invalid'
              ? `✕ ${n} problem${n === 1 ? '' : 's'}.`
              : check.state === 'failed'
                ? `Could not check the pipeline: ${check.failure}`
                : dirty
                  ? ''
                  : 'Edit the pipeline; it is checked as you type.'}
      </p>
      {n > 0 && (
        <ul className="pipeline-errors" aria-label="Problems">
          {check.errors.map((e, i) => (
            <li key={i}>
              {e.line > 0 ? (
                <button type="button" className="link-button" onClick={() => onGoTo(e.line)} aria-label={`Go to line ${e.line}`}>
                  Line {e.line}
                  {e.column > 0 ? `:${e.column}` : ''}
                </button>
              ) : (
                <span className="muted">No line</span>
              )}{' '}
              {e.field && <code>{e.field}</code>} {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A plain textarea with line numbers; lines with errors are marked in the gutter (✕, for screen readers in
 * the problems list) and behind the text. No wrapping, so a text line is a screen line.
 */
function CodeEditor({
  id,
  label,
  value,
  readOnly,
  errors,
  onChange,
  textarea,
}: {
  id: string;
  label: string;
  value: string;
  readOnly: boolean;
  errors: PipelineError[];
  onChange: (v: string) => void;
  textarea: RefObject<HTMLTextAreaElement | null>;
}) {
  const gutter = useRef<HTMLDivElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const bad = useMemo(() => errorLines(errors), [errors]);
  const count = value.split('\n').length;
  const sync = () => {
    const el = textarea.current;
    if (!el) return;
    if (gutter.current) gutter.current.scrollTop = el.scrollTop;
    if (backdrop.current) {
      backdrop.current.scrollTop = el.scrollTop;
      backdrop.current.scrollLeft = el.scrollLeft;
    }
  };
  const lines = Array.from({ length: count }, (_, i) => i + 1);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="code-editor">
        <div className="code-gutter" ref={gutter} aria-hidden="true">
          {lines.map((n) => (
            <div key={n} className={bad.has(n) ? 'code-line-bad' : undefined}>
              {bad.has(n) ? '✕ ' : ''}
              {n}
            </div>
          ))}
        </div>
        <div className="code-stack">
          <div className="code-backdrop" ref={backdrop} aria-hidden="true">
            {lines.map((n) => (
              <div key={n} className={bad.has(n) ? 'code-line-bad' : undefined} data-line={n}>
                {'\u00a0'}
              </div>
            ))}
          </div>
          <textarea
            id={id}
            ref={textarea}
            className="code-text"
            value={value}
            readOnly={readOnly}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            wrap="off"
            rows={Math.min(Math.max(count + 1, 12), 32)}
            onChange={(e) => onChange(e.target.value)}
            onScroll={sync}
            aria-invalid={errors.length > 0 || undefined}
            aria-describedby={readOnly ? `${id}-hint` : undefined}
          />
        </div>
      </div>
      {readOnly && (
        <p id={`${id}-hint`} className="field-hint">
          Read only: your role does not allow changes.
        </p>
      )}
    </div>
  );
}

function RunForm({ project, unsaved, stored }: { project: Project; unsaved: boolean; stored: boolean }) {
  const api = useApi();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const onRun = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const run = await api.startRun(project.name, reason.trim() ? { reason: reason.trim() } : {});
      navigate(runHref(run.id));
    } catch (err) {
      setError(asApiError(err).detail);
      setBusy(false);
    }
  };
  return (
    <form className="panel" onSubmit={onRun} aria-labelledby="run-title" noValidate>
      <h2 id="run-title">Run pipeline</h2>
      <p className="muted small">
        Runs the saved pipeline {stored ? '' : '(the default) '}on the head of {project.defaultBranch}.
        {unsaved && ' Unsaved changes in the editor are not part of the run.'}
      </p>
      <FormError message={error} />
      <div className="form-grid">
        <Field label="Reason (optional)">
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoComplete="off" />
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !project.head}>
          {busy ? 'Starting…' : 'Run pipeline'}
        </button>
        {!project.head && <span className="muted small">Import a project export first.</span>}
      </div>
    </form>
  );
}
