/** Loads data for a page and tracks loading/error, ignoring answers that arrive after a newer request. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../api/client';
import { asApiError } from '../auth/AuthContext';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Loads again; returns the number of that request (see `answered`). */
  reload: () => number;
  /** The number of the request whose answer (data or error) is shown: 0 for the first load. */
  answered: number;
}

export function useResource<T>(load: () => Promise<T>, deps: unknown[], enabled = true): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(enabled);
  const [tick, setTick] = useState(0);
  const [answered, setAnswered] = useState(0);
  const requested = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    let live = true;
    const mine = tick;
    setLoading(true);
    setError(undefined);
    loadRef
      .current()
      .then((d) => {
        // a reload asked for meanwhile makes this answer stale, even before its effect has run
        if (live && mine === requested.current) {
          setData(d);
          setAnswered(mine);
        }
      })
      .catch((e: unknown) => {
        if (live && mine === requested.current) {
          setError(asApiError(e));
          setAnswered(mine);
        }
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick, enabled]);

  const reload = useCallback(() => {
    requested.current += 1;
    setTick(requested.current);
    return requested.current;
  }, []);
  return { data, error, loading, reload, answered };
}
