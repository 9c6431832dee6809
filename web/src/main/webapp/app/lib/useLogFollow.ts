/**
 * Follows an environment's log (`GET /environments/{id}/logs?follow=true`, server-sent events read with
 * fetch so the bearer token goes along): one `log` event per line, appended and capped at `max` lines;
 * stops at the `end` event (the container stopped or was replaced), on unmount or when switched off.
 */
import { useEffect, useState } from 'react';
import type { ApiError } from '../api/client';
import { useApi } from '../auth/AuthContext';
import { followStream, microBatch } from './followStream';

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
    // lines arriving together are added in one render
    const batch = microBatch<string>((add) => setLines((old) => [...old, ...add].slice(-max)));
    return followStream((signal) => api.environmentLogEvents(envId, Math.min(tail, max), signal), {
      opened: () => setLive(true),
      event: (ev) => {
        if (ev.event === 'log' || ev.event === 'message') batch.push(ev.data);
      },
      failed: setError,
      closed: () => {
        setLive(false);
        setEnded(true);
      },
    }, batch);
  }, [api, envId, tail, enabled, max, restart]);

  return { lines, live, ended, error };
}
