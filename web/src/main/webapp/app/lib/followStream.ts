/**
 * Reads an event stream (`open` answers the response, e.g. `client.raw` with `text/event-stream`) until the server
 * closes it, sends `end`, or the returned function stops it. After a stop nothing more is reported.
 */
import type { ApiError } from '../api/client';
import { asApiError } from '../auth/AuthContext';
import { readSse, type SseEvent } from './sse';

export interface StreamHandlers {
  /** the response arrived: the stream is open */
  opened: () => void;
  /** an event other than `end` */
  event: (ev: SseEvent) => void;
  /** the stream could not be opened or broke */
  failed: (error: ApiError) => void;
  /** the stream is over (after `failed` too) */
  closed: () => void;
}

/** `batch`: flushed before `closed`, stopped with the stream. */
export function followStream(open: (signal: AbortSignal) => Promise<Response>, on: StreamHandlers, batch?: { flush: () => void; stop: () => void }): () => void {
  const controller = new AbortController();
  const { signal } = controller;
  let current = true;
  (async () => {
    try {
      const res = await open(signal);
      if (current) on.opened();
      await readSse(
        res,
        (ev) => {
          if (ev.event === 'end') controller.abort();
          else if (current) on.event(ev);
        },
        signal,
      );
    } catch (e) {
      if ((e as { name?: string })?.name !== 'AbortError' && !signal.aborted && current) on.failed(asApiError(e));
    }
    if (!current) return;
    batch?.flush();
    on.closed();
  })();
  return () => {
    current = false;
    batch?.stop();
    controller.abort();
  };
}

/** Collects items and hands them over together once per microtask (one render for a burst); `stop` drops what waits. */
export function microBatch<T>(apply: (items: T[]) => void) {
  let pending: T[] = [];
  let scheduled = false;
  let stopped = false;
  const flush = () => {
    scheduled = false;
    const add = pending;
    pending = [];
    if (add.length && !stopped) apply(add);
  };
  return {
    push(item: T) {
      pending.push(item);
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(flush);
      }
    },
    flush,
    stop() {
      stopped = true;
    },
  };
}
