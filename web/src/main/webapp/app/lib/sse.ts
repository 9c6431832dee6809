/**
 * A server-sent events parser (the WHATWG "event stream" rules) for streams read with `fetch`, which,
 * unlike `EventSource`, can send the `Authorization` header. Text arrives in arbitrary chunks: lines
 * may be cut anywhere (even between `\r` and `\n`), several events may share a chunk, and comment
 * lines (`: keep-alive`) are ignored.
 */

export interface SseEvent {
  /** the `event:` field, `message` when absent */
  event: string;
  /** the `data:` lines joined with `\n` */
  data: string;
  /** the last `id:` seen, if any */
  id?: string;
}

export interface SseParser {
  /** Feeds the next piece of text. */
  push(chunk: string): void;
  /** The stream ended: a final event without its blank line is dropped, as the standard says. */
  end(): void;
}

export function createSseParser(onEvent: (e: SseEvent) => void, onComment?: (text: string) => void): SseParser {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let hasData = false;
  let lastId: string | undefined;

  const dispatch = () => {
    if (hasData) onEvent({ event: event || 'message', data: data.join('\n'), ...(lastId !== undefined ? { id: lastId } : {}) });
    event = '';
    data = [];
    hasData = false;
  };

  const line = (text: string) => {
    if (text === '') {
      dispatch();
      return;
    }
    if (text.startsWith(':')) {
      onComment?.(text.slice(1).trimStart());
      return;
    }
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        event = value;
        break;
      case 'data':
        data.push(value);
        hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) lastId = value;
        break;
      default:
        // `retry` and unknown fields are ignored
        break;
    }
  };

  return {
    push(chunk: string) {
      buffer += chunk;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c === '\n') {
          line(buffer.slice(start, i));
          start = i + 1;
        } else if (c === '\r') {
          // A lone \r ends a line, but \r at the very end may be the first half of \r\n: wait for more.
          if (i === buffer.length - 1) break;
          line(buffer.slice(start, i));
          if (buffer[i + 1] === '\n') i++;
          start = i + 1;
        }
      }
      buffer = buffer.slice(start);
    },
    end() {
      if (buffer === '\r') line('');
      buffer = '';
      event = '';
      data = [];
      hasData = false;
    },
  };
}

/**
 * Reads an event stream response to its end (or until `signal` aborts), calling `onEvent` for each
 * event. Resolves when the server closes the stream; rejects with an AbortError when aborted.
 */
export async function readSse(res: Response, onEvent: (e: SseEvent) => void, signal?: AbortSignal): Promise<void> {
  if (!res.body) {
    const parser = createSseParser(onEvent);
    parser.push(await res.text());
    parser.end();
    return;
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parser = createSseParser(onEvent);
  const onAbort = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', onAbort);
  try {
    for (;;) {
      if (signal?.aborted) throw new DOMException('The stream was aborted.', 'AbortError');
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value, { stream: true }));
    }
    if (signal?.aborted) throw new DOMException('The stream was aborted.', 'AbortError');
    parser.push(decoder.decode());
    parser.end();
  } finally {
    signal?.removeEventListener('abort', onAbort);
    try {
      reader.releaseLock();
    } catch {
      // already released
    }
  }
}

/** Waits `ms`, or rejects with an AbortError as soon as `signal` aborts (between reconnects). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new DOMException('aborted', 'AbortError'));
    });
  });
}

export const isAbort = (e: unknown) => (e as { name?: string })?.name === 'AbortError';
