/** Answers of the fake Stoker: JSON, RFC 9457 problems, no content. */

export function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

export function problem(status: number, detail: string, field?: string): Response {
  const title = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 502: 'Bad Gateway', 503: 'Service Unavailable' }[status] ?? 'Error';
  return json(status, { type: `https://stoker.dev/problems/${title.toLowerCase().replace(/ /g, '-')}`, title, status, detail, field }, 'application/problem+json');
}

export const noContent = () => new Response(null, { status: 204 });
