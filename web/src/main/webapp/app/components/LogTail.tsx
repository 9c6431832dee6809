/** The live tail of the logs page: new lines as they are collected, with pause, a level filter and a bounded buffer. */
import { useState } from 'react';
import type { LogEntry } from '../api/telemetryTypes';
import { useLogTail, MAX_TAIL_LINES } from '../lib/useLogTail';
import { Badge, Time } from './Bits';
import { Field } from './Field';
import { ErrorPanel } from './States';

const levelTone = (level: string) => (level === 'error' ? 'bad' : level === 'warn' ? 'warn' : 'neutral');

/** The levels a log filter takes (this level and more severe), `any` first. */
export function LevelOptions() {
  return (
    <>
      <option value="">any</option>
      {['debug', 'info', 'warn', 'error'].map((l) => (
        <option key={l} value={l}>
          {l}
        </option>
      ))}
    </>
  );
}

/** One table of log lines, as the search and the tail show them. */
export function LogLines({ label, lines }: { label: string; lines: LogEntry[] }) {
  return (
    <div className="table-wrap">
      <table className="table log-table" aria-label={label}>
        <thead>
          <tr>
            <th>Time</th>
            <th>Environment</th>
            <th>Level</th>
            <th>Logger</th>
            <th>Message</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <td>
                <Time iso={l.time} />
              </td>
              <td>{l.environment}</td>
              <td>
                <Badge tone={levelTone(l.level)}>{l.level}</Badge>
              </td>
              <td>{l.logger}</td>
              <td className="log-message">{l.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `q` and `environment`: the search's words and environment, which the tail follows too. */
export function LogTailPanel({ q, environment, initialLevel }: { q?: string; environment?: string; initialLevel?: string }) {
  const [level, setLevel] = useState(initialLevel ?? '');
  const [paused, setPaused] = useState(false);
  const filter = { ...(q ? { q } : {}), ...(environment ? { environment } : {}), ...(level ? { level } : {}) };
  const tail = useLogTail(filter, true, paused);
  const state = tail.error ? 'failed' : tail.ended ? 'ended' : paused ? 'paused' : tail.live ? 'live' : 'connecting';
  return (
    <section className="log-tail" aria-label="Live tail">
      <div className="filters">
        <Field label="Tail level" hint="this level and more severe">
          <select value={level} onChange={(e) => setLevel(e.target.value)}>
            <LevelOptions />
          </select>
        </Field>
        <button type="button" className="btn" aria-pressed={paused} onClick={() => setPaused(!paused)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        <span role="status" aria-label="Tail state">
          <Badge tone={state === 'live' ? 'ok' : state === 'failed' ? 'bad' : 'neutral'}>{state}</Badge>
          {tail.waiting > 0 && ` ${tail.waiting} new while paused`}
          {tail.dropped > 0 && ` · ${tail.dropped} dropped`}
        </span>
      </div>
      {tail.error && <ErrorPanel error={tail.error} title="The live tail stopped" />}
      {tail.lines.length === 0 && !tail.error && <p className="muted">Waiting for new lines… (the newest {MAX_TAIL_LINES} are kept)</p>}
      {tail.lines.length > 0 && <LogLines label="Live log lines" lines={tail.lines} />}
    </section>
  );
}
