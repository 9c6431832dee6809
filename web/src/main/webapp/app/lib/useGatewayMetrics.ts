/**
 * Polls a running gateway's metrics every {@link METRICS_POLL_MS} while `running`, not `paused` and the
 * page is visible (`document.visibilityState`), keeping the last {@link METRICS_KEEP} samples. Stops on
 * unmount, when the environment stops running (the samples are dropped) or is paused (they are kept).
 * Failures are kept in `error`, never logged; polling goes on after them.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../api/client';
import { asApiError, useApi } from '../auth/AuthContext';
import { appendSample, METRICS_KEEP, METRICS_POLL_MS, toSample, type MetricsSample } from './metrics';

export interface GatewayMetricsState {
  samples: MetricsSample[];
  /** the last failure, cleared by the next sample */
  error: ApiError | undefined;
  /** a request is on its way */
  loading: boolean;
  /** asks at once instead of waiting for the next tick */
  refresh: () => void;
}

const isAbort = (e: unknown) => (e as { name?: string })?.name === 'AbortError';
const visible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden';

export function useGatewayMetrics(
  environmentId: string,
  { running, paused = false, onNotRunning }: { running: boolean; paused?: boolean; onNotRunning?: () => void },
): GatewayMetricsState {
  const api = useApi();
  const [samples, setSamples] = useState<MetricsSample[]>([]);
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(false);
  const [round, setRound] = useState(0);
  const refresh = useCallback(() => setRound((n) => n + 1), []);
  const notRunning = useRef(onNotRunning);
  notRunning.current = onNotRunning;

  // A new environment, or one that stopped running: start from an empty window.
  useEffect(() => {
    if (!running) {
      setSamples([]);
      setError(undefined);
    }
  }, [environmentId, running]);

  useEffect(() => {
    if (!running || paused) {
      setLoading(false);
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;

    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(poll, METRICS_POLL_MS);
    };
    async function poll() {
      clearTimeout(timer);
      // hidden: wait for the page to show again (visibilitychange)
      if (stopped || controller || !visible()) return;
      const mine = (controller = new AbortController());
      setLoading(true);
      try {
        const answer = await api.environmentMetrics(environmentId, mine.signal);
        if (stopped || mine.signal.aborted) return;
        setSamples((s) => appendSample(s, toSample(answer), METRICS_KEEP));
        setError(undefined);
      } catch (e) {
        if (stopped || mine.signal.aborted || isAbort(e)) return;
        const err = asApiError(e);
        setError(err);
        if (err.status === 409) notRunning.current?.();
      } finally {
        if (controller === mine) controller = undefined;
        if (!stopped) {
          setLoading(false);
          if (!mine.signal.aborted) schedule();
        }
      }
    }
    const onVisibility = () => {
      if (visible()) {
        void poll();
      } else {
        clearTimeout(timer);
        controller?.abort();
        controller = undefined;
        setLoading(false);
      }
    };

    document.addEventListener('visibilitychange', onVisibility);
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [api, environmentId, running, paused, round]);

  return { samples, error, loading, refresh };
}
