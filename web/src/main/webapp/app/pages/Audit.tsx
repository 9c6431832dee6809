/** The audit log (leads and admins): filters, paging, and the hash chain's verification (admins). */
import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { AuditFilter } from '../api/types';
import { useApi, useAuth } from '../auth/AuthContext';
import { can } from '../auth/permissions';
import { Badge, PageHeader, StatusBadge, Time } from '../components/Bits';
import { Field } from '../components/Field';
import { Pagination } from '../components/Pagination';
import { EmptyState, ErrorPanel, Loading } from '../components/States';
import { isoToLocalInput, localInputToIso } from '../lib/format';
import { intParam, PAGE_SIZES } from '../lib/pagination';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';

const FILTER_KEYS = ['actor', 'action', 'target', 'outcome', 'from', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

export function filterFromParams(params: URLSearchParams): AuditFilter {
  const f: AuditFilter = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  return f;
}

export function Audit() {
  usePageTitle('Audit log');
  const api = useApi();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const offset = intParam(params.get('offset'), 0);
  const limit = intParam(params.get('limit'), PAGE_SIZES[1], 500);
  const filter = filterFromParams(params);
  const filterKey = JSON.stringify(filter);
  const entries = useResource(() => api.audit(filter, offset, limit), [filterKey, offset, limit]);

  const [draft, setDraft] = useState<Record<FilterKey, string>>(() => draftFrom(filter));
  useEffect(() => setDraft(draftFrom(filter)), [filterKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) {
      const v = k === 'from' || k === 'to' ? localInputToIso(draft[k]) : draft[k].trim();
      if (v) next.set(k, v);
    }
    next.set('limit', String(limit));
    setParams(next);
  };
  const clear = () => setParams(new URLSearchParams({ limit: String(limit) }));
  const goTo = (o: number, l: number) => {
    const next = new URLSearchParams(params);
    next.set('offset', String(o));
    next.set('limit', String(l));
    setParams(next);
  };
  const active = Object.keys(filter).length > 0;
  const fieldError = (k: FilterKey) => (entries.error?.field === k ? entries.error.detail : undefined);
  const set = (k: FilterKey) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every sign-in and change, newest first. Entries are hash-chained, so a changed or deleted entry shows up."
        actions={can(me, 'verifyAudit') && <ChainStatus />}
      />
      <form className="panel filters" onSubmit={apply} aria-label="Filter the audit log">
        <div className="filter-grid">
          <Field label="Actor" hint="Exact user name" error={fieldError('actor')}>
            <input name="actor" value={draft.actor} onChange={set('actor')} autoCapitalize="none" spellCheck={false} />
          </Field>
          <Field label="Action" hint="Starts with, e.g. POST /api/v1/users" error={fieldError('action')}>
            <input name="action" value={draft.action} onChange={set('action')} spellCheck={false} />
          </Field>
          <Field label="Target" hint="Exact target" error={fieldError('target')}>
            <input name="target" value={draft.target} onChange={set('target')} spellCheck={false} />
          </Field>
          <Field label="Outcome" error={fieldError('outcome')}>
            <select name="outcome" value={draft.outcome} onChange={set('outcome')}>
              <option value="">Any</option>
              <option value="success">Success</option>
              <option value="denied">Denied</option>
              <option value="failed">Failed</option>
            </select>
          </Field>
          <Field label="From" hint="Your local time" error={fieldError('from')}>
            <input name="from" type="datetime-local" value={draft.from} onChange={set('from')} />
          </Field>
          <Field label="To" hint="Before this time" error={fieldError('to')}>
            <input name="to" type="datetime-local" value={draft.to} onChange={set('to')} />
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            Apply filters
          </button>
          {active && (
            <button type="button" className="btn" onClick={clear}>
              Clear filters
            </button>
          )}
        </div>
      </form>
      {entries.error ? (
        <ErrorPanel
          error={entries.error}
          onRetry={entries.error.field ? undefined : entries.reload}
          title={entries.error.field ? 'Check the highlighted filter' : 'Could not read the audit log'}
        />
      ) : !entries.data ? (
        <Loading what="Loading the audit log" />
      ) : entries.data.items.length === 0 ? (
        <EmptyState
          title={active ? 'No entries match these filters' : entries.data.total > 0 ? 'No entries on this page' : 'The audit log is empty'}
          action={
            active ? (
              <button type="button" className="btn" onClick={clear}>
                Clear filters
              </button>
            ) : entries.data.total > 0 ? (
              <button type="button" className="btn" onClick={() => goTo(0, limit)}>
                First page
              </button>
            ) : undefined
          }
        >
          {active ? 'Widen the time range or clear a filter.' : 'Sign-ins and changes are recorded here as they happen.'}
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table table-dense">
              <caption className="sr-only">Audit log entries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Source</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {entries.data.items.map((e) => (
                  <tr key={e.seq}>
                    <td className="num" title={`hash ${e.hash}`}>
                      {e.seq}
                    </td>
                    <td>
                      <Time iso={e.time} />
                    </td>
                    <td>{e.record.actor}</td>
                    <td>
                      <code className="wrap">{e.record.action}</code>
                    </td>
                    <td className="wrap">{e.record.target || <span className="muted">—</span>}</td>
                    <td>
                      <StatusBadge status={e.record.outcome} />
                    </td>
                    <td>{e.record.sourceAddress || <span className="muted">—</span>}</td>
                    <td className="wrap">{e.record.detail || <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination offset={offset} limit={limit} total={entries.data.total} shown={entries.data.items.length} label="Audit log" onChange={goTo} />
        </>
      )}
    </>
  );
}

function draftFrom(filter: AuditFilter): Record<FilterKey, string> {
  return {
    actor: filter.actor ?? '',
    action: filter.action ?? '',
    target: filter.target ?? '',
    outcome: (filter.outcome ?? '').toLowerCase(),
    from: isoToLocalInput(filter.from),
    to: isoToLocalInput(filter.to),
  };
}

/** The chain's verification, re-run on demand (admins). */
export function ChainStatus() {
  const api = useApi();
  const check = useResource(() => api.verifyAudit(), []);
  return (
    <div className="chain-status" aria-live="polite">
      {check.loading ? (
        <Badge tone="neutral">Verifying chain…</Badge>
      ) : check.error ? (
        <Badge tone="warn" title={check.error.detail}>
          Chain not verified: {check.error.detail}
        </Badge>
      ) : check.data?.intact ? (
        <Badge tone="ok" title={`${check.data.checked} entries checked`}>
          Chain intact · {check.data.checked} checked
        </Badge>
      ) : check.data ? (
        <Badge tone="bad" title={check.data.reason ?? undefined}>
          Chain broken at #{check.data.firstBrokenSeq}
          {check.data.reason ? `: ${check.data.reason}` : ''}
        </Badge>
      ) : null}
      <button type="button" className="btn btn-small" onClick={check.reload} disabled={check.loading}>
        Verify again
      </button>
    </div>
  );
}
