import { describe, expect, it } from 'vitest';
import { createSseParser, readSse, type SseEvent } from './sse';

const collect = () => {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const parser = createSseParser((e) => events.push(e), (c) => comments.push(c));
  return { events, comments, parser };
};

const op = (percent: number, status = 'RUNNING') => JSON.stringify({ id: 'op1', status, step: 'image', percent, message: 'pulling' });

describe('SSE parser', () => {
  it('reads one event split at every possible chunk boundary', () => {
    const frame = `event: progress\ndata: ${op(10)}\n\n`;
    for (let cut = 1; cut < frame.length; cut++) {
      const { events, parser } = collect();
      parser.push(frame.slice(0, cut));
      parser.push(frame.slice(cut));
      expect(events, `cut at ${cut}`).toEqual([{ event: 'progress', data: op(10) }]);
    }
  });

  it('reads a stream fed one character at a time', () => {
    const text = `event: progress\ndata: ${op(10)}\n\nevent: done\ndata: ${op(100, 'SUCCEEDED')}\n\n`;
    const { events, parser } = collect();
    for (const c of text) parser.push(c);
    expect(events.map((e) => e.event)).toEqual(['progress', 'done']);
    expect(JSON.parse(events[1].data).percent).toBe(100);
  });

  it('reads several events in one chunk, and nothing before the blank line', () => {
    const { events, parser } = collect();
    parser.push(`event: progress\ndata: ${op(10)}\n\nevent: progress\ndata: ${op(25)}\n\nevent: progress\ndata: ${op(50)}`);
    expect(events.map((e) => JSON.parse(e.data).percent)).toEqual([10, 25]);
    parser.push('\n\n');
    expect(events.map((e) => JSON.parse(e.data).percent)).toEqual([10, 25, 50]);
  });

  it('ignores keep-alive comments, also between the lines of an event', () => {
    const { events, comments, parser } = collect();
    parser.push(': keep-alive\n\n');
    parser.push(`event: progress\n: keep-alive\ndata: ${op(70)}\n\n: keep-alive\n\n`);
    expect(events).toHaveLength(1);
    expect(events[0].event).toBe('progress');
    expect(comments).toEqual(['keep-alive', 'keep-alive', 'keep-alive']);
  });

  it('joins multiple data lines with newlines and defaults the event name', () => {
    const { events, parser } = collect();
    parser.push('data: {"a":\ndata: 1}\n\ndata:no-space\nid: 7\n\n');
    expect(events[0]).toEqual({ event: 'message', data: '{"a":\n1}' });
    expect(JSON.parse(events[0].data)).toEqual({ a: 1 });
    expect(events[1]).toEqual({ event: 'message', data: 'no-space', id: '7' });
  });

  it('accepts CRLF and CR line endings, even with CRLF cut in two', () => {
    const { events, parser } = collect();
    parser.push('event: progress\r');
    parser.push('\ndata: x\r\n\r');
    parser.push('\nevent: done\rdata: y\r\r');
    // the last \r may still be half of \r\n: the event waits for the next chunk or the end
    expect(events).toHaveLength(1);
    parser.end();
    expect(events).toEqual([
      { event: 'progress', data: 'x' },
      { event: 'done', data: 'y' },
    ]);
  });

  it('drops an event left without its blank line at the end, and events with no data', () => {
    const { events, parser } = collect();
    parser.push('event: progress\n\n');
    parser.push('event: done\ndata: cut');
    parser.end();
    expect(events).toEqual([]);
  });
});

describe('readSse', () => {
  const streamOf = (chunks: string[]) => {
    const enc = new TextEncoder();
    return new Response(
      new ReadableStream<Uint8Array>({
        start(c) {
          for (const ch of chunks) c.enqueue(enc.encode(ch));
          c.close();
        },
      }),
    );
  };

  it('decodes a byte stream with multi-byte characters cut across chunks', async () => {
    const bytes = new TextEncoder().encode('event: progress\ndata: Übernahme ✓\n\n');
    const events: SseEvent[] = [];
    const res = new Response(
      new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < bytes.length; i += 3) c.enqueue(bytes.slice(i, i + 3));
          c.close();
        },
      }),
    );
    await readSse(res, (e) => events.push(e));
    expect(events).toEqual([{ event: 'progress', data: 'Übernahme ✓' }]);
  });

  it('reads to the end of the stream', async () => {
    const events: SseEvent[] = [];
    await readSse(streamOf([': keep-alive\n\nevent: progress\nda', 'ta: 1\n\nevent: done\ndata: 2\n\n']), (e) => events.push(e));
    expect(events.map((e) => e.data)).toEqual(['1', '2']);
  });

  it('stops with an AbortError when aborted mid-stream', async () => {
    const controller = new AbortController();
    const res = new Response(new ReadableStream<Uint8Array>({ start() {} }));
    const reading = readSse(res, () => undefined, controller.signal);
    controller.abort();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });
});
