/**
 * The live tail of the collected gateway logs (`GET /logs/tail`, server-sent events read with fetch so the
 * bearer token goes along): each `log` event is a line as JSON, newest kept first, at most `max` lines (older
 * ones fall off). While `paused` the stream stays open and new lines wait (also at most `max`; more are counted
 * as dropped) until it resumes. `dropped` events (the server skipped lines the client was too slow for) are
 * counted too; `end` (the server's longest stream time) closes it.
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../api/client';
import type { LogEntry, LogFilter } from '../api/telemetryTypes';
import { useApi } from '../auth/AuthContext';
import { followStream, microBatch } from './followStream';

export const MAX_TAIL_LINES = 500;

export interface LogTail {
  /** newest first */
  lines: LogEntry[];
  /** lines that arrived while paused, not shown yet */
  waiting: number;
  /** lines the server or the bounded buffer left out */
  dropped: number;
  live: boolean;
  ended: boolean;
  error: ApiError | undefined;
}

export function useLogTail(filter: Omit<LogFilter, 'since'>, enabled: boolean, paused: boolean, max = MAX_TAIL_LINES): LogTail {
  const api = useApi();
  const [lines, setLines] = useState<LogEntry[]>([]);
  const [waiting, setWaiting] = useState(0);
  const [dropped, setDropped] = useState(0);
  const [live, setLive] = useState(false);
  const [ended, setEnded] = useState(false);
  const [error, setError] = useState<ApiError>();
  const held = useRef<LogEntry[]>([]);
  const pausedRef = useRef(paused);
  const key = JSON.stringify(filter);

  // resuming shows what waited
  useEffect(() => {
    pausedRef.current = paused;
    if (!paused && held.current.length) {
      const add = held.current;
      held.current = [];
      setWaiting(0);
      setLines((old) => [...add.reverse(), ...old].slice(0, max));
    }
  }, [paused, max]);

  useEffect(() => {
    setLines([]);
    setWaiting(0);
    setDropped(0);
    setEnded(false);
    setError(undefined);
    setLive(false);
    held.current = [];
    if (!enabled) return;
    const batch = microBatch<LogEntry>((add) => {
      if (!pausedRef.current) {
        setLines((old) => [...add.reverse(), ...old].slice(0, max));
        return;
      }
      held.current.push(...add);
      const over = held.current.length - max;
      if (over > 0) {
        held.current.splice(0, over);
        setDropped((d) => d + over);
      }
      setWaiting(held.current.length);
    });
    return followStream((signal) => api.logTail(JSON.parse(key), signal), {
      opened: () => setLive(true),
      event: (ev) => {
        if (ev.event === 'dropped') {
          const n = Number(ev.data);
          if (Number.isFinite(n) && n > 0) setDropped((d) => d + n);
        } else if (ev.event === 'log') {
          try {
            batch.push(JSON.parse(ev.data) as LogEntry);
          } catch {
            // not a line: skipped
          }
        }
      },
      failed: setError,
      closed: () => {
        setLive(false);
        setEnded(true);
      },
    }, batch);
  }, [api, key, enabled, max]);

  return { lines, waiting, dropped, live, ended, error };
}
