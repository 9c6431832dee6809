/**
 * Follows an environment's log (`GET /environments/{id}/logs?follow=true`, server-sent events read with
 * fetch so the bearer token goes along): one `log` event per line, appended and capped at `max` lines;
 * stops at the `end` event (the container stopped or was replaced), on unmount or when switched off.
 */
import { useEffect, useState } from 'react';
import type { ApiError } from '../api/client';
import { asApiError, useApi } from '../auth/AuthContext';
import { readSse } from './sse';

export const MAX_FOLLOW_LINES = 1000;

export interface LogFollow {
  lines: string[];
  /** the stream is open */
  live: boolean;
  /** the server sent `end` or closed the stream */
  ended: boolean;
  error: ApiError | undefined;
}

/** `restart`: a changed value follows again (e.g. after a new container replaced the old one). */
export function useLogFollow(envId: string, tail: number, enabled: boolean, max = MAX_FOLLOW_LINES, restart: unknown = 0): LogFollow {
  const api = useApi();
  const [lines, setLines] = useState<string[]>([]);
  const [live, setLive] = useState(false);
  const [ended, setEnded] = useState(false);
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    setLines([]);
    setEnded(false);
    setError(undefined);
    setLive(false);
    if (!enabled) return;
    const controller = new AbortController();
    const { signal } = controller;
    let current = true; // false once this run is cleaned up: its late answers are dropped
    // lines arriving together are added in one render
    let pending: string[] = [];
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      const add = pending;
      pending = [];
      if (add.length && current) setLines((old) => [...old, ...add].slice(-max));
    };
    (async () => {
      try {
        const res = await api.environmentLogEvents(envId, Math.min(tail, max), signal);
        setLive(true);
        await readSse(
          res,
          (ev) => {
            if (ev.event === 'end') {
              controller.abort();
              return;
            }
            if (ev.event !== 'log' && ev.event !== 'message') return;
            pending.push(ev.data);
            if (!scheduled) {
              scheduled = true;
              queueMicrotask(flush);
            }
          },
          signal,
        );
      } catch (e) {
        if ((e as { name?: string })?.name !== 'AbortError' && !signal.aborted && current) setError(asApiError(e));
      }
      flush();
      if (!current) return;
      setLive(false);
      setEnded(true);
    })();
    return () => {
      current = false;
      controller.abort();
    };
  }, [api, envId, tail, enabled, max, restart]);

  return { lines, live, ended, error };
}
