/**
 * Follows an operation's progress through its server-sent event stream
 * (`GET /operations/{id}/events`), read with fetch so the bearer token goes along. Reconnects when the
 * stream drops before the `done` event, and stops (aborting the request) on unmount or a new id.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../api/client';
import { operation as normalise } from '../api/stoker';
import type { Operation } from '../api/types';
import { asApiError, useApi } from '../auth/AuthContext';
import { operationDone } from './environments';
import { isAbort, readSse, sleep } from './sse';

export interface OperationStream {
  operation: Operation | undefined;
  /** the last failure to follow the stream (cleared by the next event) */
  error: ApiError | undefined;
  /** true while the stream is open and the operation not done */
  live: boolean;
  /** follows the stream again after it gave up */
  retry: () => void;
}

const MAX_RETRIES = 6;

export function useOperationStream(id: string | undefined, onDone?: (op: Operation) => void, retryDelayMs = 2000): OperationStream {
  const api = useApi();
  const [operation, setOperation] = useState<Operation>();
  const [error, setError] = useState<ApiError>();
  const [live, setLive] = useState(false);
  const [round, setRound] = useState(0);
  const retry = useCallback(() => setRound((n) => n + 1), []);
  const onDoneRef = useRef(onDone);
  onDoneRef.current = onDone;

  useEffect(() => {
    setOperation(undefined);
    setError(undefined);
    setLive(false);
    if (!id) return;
    const controller = new AbortController();
    const { signal } = controller;
    let done = false;
    const accept = (op: Operation) => {
      const o = normalise(op);
      setOperation(o);
      setError(undefined);
      if (operationDone(o.status) && !done) {
        done = true;
        setLive(false);
        onDoneRef.current?.(o);
      }
    };

    (async () => {
      for (let attempt = 0; !done && !signal.aborted; attempt++) {
        try {
          const res = await api.operationEvents(id, signal);
          setLive(true);
          await readSse(
            res,
            (ev) => {
              if (ev.event !== 'progress' && ev.event !== 'done' && ev.event !== 'message') return;
              try {
                accept(JSON.parse(ev.data) as Operation);
                attempt = 0;
              } catch {
                // a malformed frame: skip it, the next one carries the whole state again
              }
            },
            signal,
          );
          setLive(false);
          if (done) return;
          // The stream closed early (proxy timeout, server cap): ask once, then follow again.
          accept(await api.operation(id));
        } catch (e) {
          if (isAbort(e) || signal.aborted) return;
          setLive(false);
          const err = asApiError(e);
          setError(err);
          if (err.status === 404 || err.status === 403 || err.status === 401 || attempt >= MAX_RETRIES) return;
        }
        if (!done) {
          try {
            await sleep(Math.min(retryDelayMs * 2 ** Math.min(attempt, 3), 15_000), signal);
          } catch {
            return;
          }
        }
      }
    })();

    return () => controller.abort();
  }, [api, id, retryDelayMs, round]);

  return { operation, error, live, retry };
}
