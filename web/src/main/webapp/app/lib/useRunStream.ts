/**
 * Follows a pipeline run: `GET /runs/{id}` first, then its server-sent events (`run` on each change, `done`
 * at the end), read with fetch so the bearer token goes along. When the stream cannot be opened or drops,
 * the run is polled instead (every `pollMs`) and the stream is tried again; it all stops when the run has
 * ended, on unmount, or for a new id. `follow()` starts again after an action made the run live again
 * (retry); `accept` takes a run an action answered with.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../api/client';
import { run as normalise } from '../api/stoker';
import type { Run } from '../api/types';
import { asApiError, useApi } from '../auth/AuthContext';
import { runEnded } from './runs';
import { isAbort, readSse, sleep } from './sse';

export interface RunStream {
  run: Run | undefined;
  error: ApiError | undefined;
  /** how the run is followed now */
  mode: 'stream' | 'polling' | 'idle';
  /** follows the run again (after a retry, or when following gave up) */
  follow: () => void;
  /** shows a run that an action answered with */
  accept: (run: Run) => void;
}

const fatal = (e: ApiError) => e.status === 404 || e.status === 403 || e.status === 401;

export function useRunStream(id: string, pollMs = 3000): RunStream {
  const api = useApi();
  const [run, setRun] = useState<Run>();
  const [error, setError] = useState<ApiError>();
  const [mode, setMode] = useState<RunStream['mode']>('idle');
  const [round, setRound] = useState(0);
  const follow = useCallback(() => setRound((n) => n + 1), []);
  const accept = useCallback((r: Run) => setRun(normalise(r)), []);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    let ended = false;
    const show = (r: Run) => {
      const n = normalise(r);
      setRun(n);
      setError(undefined);
      ended = runEnded(n.status);
    };
    (async () => {
      try {
        show(await api.run(id, signal));
      } catch (e) {
        if (isAbort(e) || signal.aborted) return;
        setError(asApiError(e));
        if (fatal(asApiError(e))) return;
      }
      while (!ended && !signal.aborted) {
        try {
          const res = await api.runEvents(id, signal);
          setMode('stream');
          await readSse(
            res,
            (ev) => {
              if (ev.event !== 'run' && ev.event !== 'done' && ev.event !== 'message') return;
              try {
                show(JSON.parse(ev.data) as Run);
              } catch {
                // a malformed frame: the next one carries the whole run again
              }
            },
            signal,
          );
          if (ended) break;
          // closed early (proxy timeout, the server's cap): read once, then follow again
          show(await api.run(id, signal));
        } catch (e) {
          if (isAbort(e) || signal.aborted) return;
          const err = asApiError(e);
          if (fatal(err)) {
            setError(err);
            break;
          }
          // no stream: poll a while, then try the stream again
          setMode('polling');
          for (let i = 0; i < 10 && !ended && !signal.aborted; i++) {
            try {
              await sleep(pollMs, signal);
              show(await api.run(id, signal));
            } catch (pe) {
              if (isAbort(pe) || signal.aborted) return;
              setError(asApiError(pe));
            }
          }
        }
      }
      if (!signal.aborted) setMode('idle');
    })();
    return () => controller.abort();
  }, [api, id, pollMs, round]);

  return { run, error, mode, follow, accept };
}
