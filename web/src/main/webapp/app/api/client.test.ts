import { describe, expect, it, vi } from 'vitest';
import { ApiError, buildQuery, createClient, fileNameFrom, problemFrom } from './client';

const res = (status: number, body?: string, type = 'application/json') =>
  new Response(body ?? null, { status, statusText: status === 404 ? 'Not Found' : '', headers: { 'Content-Type': type } });

describe('problemFrom', () => {
  it('reads an RFC 9457 problem with its field', async () => {
    const e = await problemFrom(
      res(400, JSON.stringify({ type: 't', title: 'Bad Request', status: 400, detail: 'username: 2-64 characters', field: 'username' }), 'application/problem+json'),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.detail).toBe('username: 2-64 characters');
    expect(e.field).toBe('username');
    expect(e.title).toBe('Bad Request');
    expect(e.message).toBe(e.detail);
  });

  it('falls back to a helpful sentence for HTML or empty bodies', async () => {
    const html = await problemFrom(res(502, '<html>Bad gateway</html>', 'text/html'));
    expect(html.status).toBe(502);
    expect(html.detail).toMatch(/proxy/);
    expect(html.field).toBeUndefined();
    const empty = await problemFrom(res(503));
    expect(empty.detail).toMatch(/starting/);
    const unknown = await problemFrom(res(418));
    expect(unknown.detail).toBe('HTTP 418');
  });

  it('uses title when a problem has no detail, and ignores blank fields', async () => {
    const e = await problemFrom(res(403, JSON.stringify({ title: 'Forbidden', status: 403, field: '  ' })));
    expect(e.detail).toBe('Forbidden');
    expect(e.field).toBeUndefined();
  });
});

describe('buildQuery', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(buildQuery({ a: 'x y', b: undefined, c: '', d: null, e: 0, f: false })).toBe('?a=x+y&e=0&f=false');
    expect(buildQuery({})).toBe('');
    expect(buildQuery(undefined)).toBe('');
  });
});

describe('createClient', () => {
  const setup = (answer: Response | Error, token: string | null = 'abc') => {
    const fetchImpl = vi.fn(async () => {
      if (answer instanceof Error) throw answer;
      return answer;
    });
    const onUnauthorized = vi.fn();
    const client = createClient({ getToken: () => token, onUnauthorized, fetchImpl: fetchImpl as unknown as typeof fetch });
    return { client, fetchImpl, onUnauthorized };
  };

  it('sends the bearer token, JSON body and query', async () => {
    const { client, fetchImpl } = setup(res(200, '{"ok":true}'));
    await expect(client.request('POST', '/users', { body: { a: 1 }, query: { offset: 0 } })).resolves.toEqual({ ok: true });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/users?offset=0');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"a":1}');
    const headers = init.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer abc');
    expect(headers['Content-Type']).toBe('application/json');
  });

  it('signals an ended session on 401 and throws the problem', async () => {
    const { client, onUnauthorized } = setup(res(401, JSON.stringify({ status: 401, detail: 'token expired' })));
    await expect(client.request('GET', '/auth/me')).rejects.toMatchObject({ status: 401, detail: 'token expired' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('does not treat a failed sign-in (anonymous 401) as an ended session, and sends no token', async () => {
    const { client, onUnauthorized, fetchImpl } = setup(res(401, JSON.stringify({ status: 401, detail: 'invalid credentials' })));
    await expect(client.request('POST', '/auth/token', { anonymous: true, body: {} })).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).not.toHaveBeenCalled();
    const init = (fetchImpl.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it('does not call onUnauthorized for 403', async () => {
    const { client, onUnauthorized } = setup(res(403, JSON.stringify({ status: 403, detail: 'needs role admin' })));
    await expect(client.request('GET', '/users')).rejects.toMatchObject({ status: 403, detail: 'needs role admin' });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('turns a network failure into an offline error that says what to do', async () => {
    const { client } = setup(new TypeError('Failed to fetch'));
    const e = await client.request('GET', '/health').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).offline).toBe(true);
    expect((e as ApiError).detail).toMatch(/Cannot reach Stoker/);
  });

  it('accepts listed non-2xx statuses with a body (503 health)', async () => {
    const { client } = setup(res(503, '{"status":"DOWN","components":[]}'));
    await expect(client.request('GET', '/health', { acceptStatus: [503] })).resolves.toEqual({ status: 'DOWN', components: [] });
  });

  it('returns undefined for 204 and reports non-JSON success bodies', async () => {
    await expect(setup(new Response(null, { status: 204 })).client.request('DELETE', '/users/x')).resolves.toBeUndefined();
    await expect(setup(res(200, '<html>', 'text/html')).client.request('GET', '/x')).rejects.toMatchObject({ detail: expect.stringMatching(/not JSON/) });
  });

  it('rethrows aborts untouched', async () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    await expect(setup(abort).client.request('GET', '/x')).rejects.toBe(abort);
  });

  it('sends FormData as multipart: the body untouched and no JSON content type', async () => {
    const { client, fetchImpl } = setup(res(201, '{"id":"abc"}'));
    const form = new FormData();
    form.append('project', new Blob(['zip bytes'], { type: 'application/zip' }), 'p.zip');
    await expect(client.request('POST', '/projects/p/imports', { body: form, query: { branch: 'main' } })).resolves.toEqual({ id: 'abc' });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/projects/p/imports?branch=main');
    expect(init.body).toBe(form);
    const headers = init.headers as Record<string, string>;
    expect(headers['Content-Type']).toBeUndefined();
    expect(headers.Authorization).toBe('Bearer abc');
  });

  it('downloads a binary answer as a Blob with the suggested file name', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4, 0, 255]);
    const { client, fetchImpl } = setup(
      new Response(bytes, { status: 200, headers: { 'Content-Type': 'application/zip', 'Content-Disposition': 'attachment; filename="line3-v1.zip"' } }),
    );
    const d = await client.download('GET', '/projects/line3/export', { query: { rev: 'v1' } });
    expect(d.fileName).toBe('line3-v1.zip');
    expect(new Uint8Array(await d.blob.arrayBuffer())).toEqual(bytes);
    const init = (fetchImpl.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer abc');
  });

  it('throws the problem of a failed download', async () => {
    const { client, onUnauthorized } = setup(res(404, JSON.stringify({ status: 404, detail: 'revision has no tags' }), 'application/problem+json'));
    await expect(client.download('GET', '/projects/p/export/tags')).rejects.toMatchObject({ status: 404, detail: 'revision has no tags' });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});

describe('fileNameFrom', () => {
  it('reads plain, quoted and RFC 5987 names and refuses paths', () => {
    expect(fileNameFrom('attachment; filename=a.zip')).toBe('a.zip');
    expect(fileNameFrom('attachment; filename="my file.zip"')).toBe('my file.zip');
    expect(fileNameFrom(`attachment; filename="x.zip"; filename*=UTF-8''r%C3%A9sum%C3%A9.zip`)).toBe('résumé.zip');
    expect(fileNameFrom('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(fileNameFrom('attachment; filename=".."')).toBeNull();
    expect(fileNameFrom('attachment')).toBeNull();
    expect(fileNameFrom(null)).toBeNull();
  });
});
