/** Search of the collected gateway logs, per environment or across, newest first, with paging; and their live tail. */
import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { LogFilter } from '../api/telemetryTypes';
import { useApi } from '../auth/AuthContext';
import { PageHeader } from '../components/Bits';
import { Field } from '../components/Field';
import { LevelOptions, LogLines, LogTailPanel } from '../components/LogTail';
import { Pagination } from '../components/Pagination';
import { EmptyState, ErrorPanel, Loading } from '../components/States';
import { isoToLocalInput, localInputToIso } from '../lib/format';
import { intParam, PAGE_SIZES } from '../lib/pagination';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';

const KEYS = ['q', 'environment', 'level', 'since'] as const;

export function Logs() {
  usePageTitle('Logs');
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const offset = intParam(params.get('offset'), 0);
  const limit = intParam(params.get('limit'), PAGE_SIZES[1], 500);
  const filter: LogFilter = {};
  for (const k of KEYS) if (params.get(k)) filter[k] = params.get(k)!;
  const key = JSON.stringify(filter);
  const lines = useResource(() => api.logs(filter, offset, limit), [key, offset, limit]);
  const [draft, setDraft] = useState(() => ({ q: filter.q ?? '', environment: filter.environment ?? '', level: filter.level ?? '', since: isoToLocalInput(filter.since ?? '') }));
  useEffect(() => setDraft({ q: filter.q ?? '', environment: filter.environment ?? '', level: filter.level ?? '', since: isoToLocalInput(filter.since ?? '') }), [key]); // eslint-disable-line react-hooks/exhaustive-deps

  const search = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.q.trim()) next.set('q', draft.q.trim());
    if (draft.environment.trim()) next.set('environment', draft.environment.trim());
    if (draft.level) next.set('level', draft.level);
    const since = localInputToIso(draft.since);
    if (since) next.set('since', since);
    next.set('limit', String(limit));
    setParams(next);
  };
  const at = (k: string) => (lines.error?.field === k ? lines.error.detail : undefined);
  const [tailing, setTailing] = useState(false);

  return (
    <>
      <PageHeader title="Logs" description="Gateway log lines Stoker collected from the running environments, newest first." />
      <form className="filters" onSubmit={search} aria-label="Search logs">
        <Field label="Words" hint="all must appear in the logger or message" error={at('q')}>
          <input value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} maxLength={200} />
        </Field>
        <Field label="Environment" hint="empty: every environment" error={at('environment')}>
          <input value={draft.environment} onChange={(e) => setDraft({ ...draft, environment: e.target.value })} />
        </Field>
        <Field label="Level" hint="this level and more severe" error={at('level')}>
          <select value={draft.level} onChange={(e) => setDraft({ ...draft, level: e.target.value })}>
            <LevelOptions />
          </select>
        </Field>
        <Field label="Since" error={at('since')}>
          <input type="datetime-local" value={draft.since} onChange={(e) => setDraft({ ...draft, since: e.target.value })} />
        </Field>
        <button type="submit" className="btn btn-primary">
          Search
        </button>
        <button type="button" className={`btn${tailing ? ' btn-primary' : ''}`} aria-pressed={tailing} onClick={() => setTailing(!tailing)}>
          Live tail
        </button>
      </form>
      {tailing && <LogTailPanel key={key} q={filter.q} environment={filter.environment} initialLevel={filter.level} />}
      {lines.error && !lines.error.field && <ErrorPanel error={lines.error} onRetry={lines.reload} />}
      {!lines.data && !lines.error && <Loading what="Searching the logs" />}
      {lines.data && lines.data.items.length === 0 && <EmptyState title="No log lines match" />}
      {lines.data && lines.data.items.length > 0 && (
        <>
          <LogLines label="Log lines" lines={lines.data.items} />
          <Pagination
            offset={offset}
            limit={limit}
            total={lines.data.total}
            shown={lines.data.items.length}
            label="log lines"
            onChange={(o, l) => {
              const next = new URLSearchParams(params);
              next.set('offset', String(o));
              next.set('limit', String(l));
              setParams(next);
            }}
          />
        </>
      )}
    </>
  );
}
