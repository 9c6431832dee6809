/**
 * The HTTP client for Stoker's REST API. Every failure becomes an {@link ApiError} carrying the
 * RFC 9457 problem fields, so pages can show `detail` and highlight the input named by `field`.
 */

export const API_BASE = '/api/v1';

/** A failed API call, with the problem+json fields when the server sent them. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly field?: string;
  readonly type?: string;

  constructor(init: { status: number; title: string; detail: string; field?: string; type?: string }) {
    super(init.detail);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.field = init.field;
    this.type = init.type;
  }

  /** Whether the server could not be reached at all (no HTTP answer). */
  get offline(): boolean {
    return this.status === 0;
  }
}

const STATUS_HINTS: Record<number, string> = {
  400: 'The request was not accepted.',
  401: 'Your session has ended. Sign in again.',
  403: 'Your role does not allow this.',
  404: 'Not found.',
  409: 'This conflicts with the current state.',
  413: 'The request is too large.',
  429: 'Too many attempts. Wait a moment and try again.',
  500: 'Stoker hit an internal error. Check the server log (log:display in the Karaf shell).',
  502: 'Stoker is not reachable behind the proxy. Try again in a moment.',
  503: 'Stoker is starting or a service it needs is unavailable. Try again in a moment.',
  504: 'Stoker did not answer in time. Try again in a moment.',
};

function fallbackDetail(status: number, statusText: string): string {
  return STATUS_HINTS[status] ?? (statusText ? `${status} ${statusText}` : `HTTP ${status}`);
}

/** Reads an error response into an ApiError, whatever its body (problem+json, other JSON, text, none). */
export async function problemFrom(res: Response): Promise<ApiError> {
  let text = '';
  try {
    text = await res.text();
  } catch {
    // body unreadable: fall back to the status
  }
  let body: unknown;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (body && typeof body === 'object') {
    const p = body as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
    const detail = str(p.detail) ?? str(p.message) ?? str(p.title) ?? fallbackDetail(res.status, res.statusText);
    return new ApiError({
      status: typeof p.status === 'number' ? p.status : res.status,
      title: str(p.title) ?? res.statusText ?? '',
      detail,
      field: str(p.field),
      type: str(p.type),
    });
  }
  return new ApiError({
    status: res.status,
    title: res.statusText ?? '',
    detail: fallbackDetail(res.status, res.statusText),
  });
}

export interface RequestOptions {
  /** Query parameters; undefined, null and empty values are left out. */
  query?: Record<string, string | number | boolean | undefined | null>;
  /**
   * The body: sent as JSON, except a `FormData`, which goes as `multipart/form-data` (the browser sets
   * the content type with its boundary).
   */
  body?: unknown;
  /** Statuses that answer with a usable JSON body although not 2xx (e.g. 503 from /health). */
  acceptStatus?: number[];
  /** Send no Authorization header and do not treat 401 as an ended session (sign-in). */
  anonymous?: boolean;
  signal?: AbortSignal;
}

export interface ClientConfig {
  baseUrl?: string;
  getToken: () => string | null;
  /** Called when an authenticated call answers 401: the session is over. */
  onUnauthorized: (error: ApiError) => void;
  fetchImpl?: typeof fetch;
}

export function buildQuery(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.append(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface RawOptions extends RequestOptions {
  /** The Accept header, e.g. `text/plain` or `text/event-stream`. */
  accept?: string;
}

/** A downloaded file: its bytes and the name the server suggests (Content-Disposition), if any. */
export interface Download {
  blob: Blob;
  fileName: string | null;
}

/** The file name of a Content-Disposition header (`filename*=UTF-8''…` preferred over `filename=`). */
export function fileNameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall back to the plain parameter
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(disposition);
  const name = plain ? (plain[2] ?? plain[1]).trim() : '';
  // only a bare name: never let a server-given path choose the folder
  const base = name.split(/[\\/]/).pop() ?? '';
  return base && base !== '.' && base !== '..' ? base : null;
}

export interface ApiClient {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  /** A binary answer (exports, archives) as a Blob; failures are thrown as {@link ApiError}. */
  download(method: string, path: string, options?: RawOptions): Promise<Download>;
  /**
   * The successful response itself, unread: for text bodies and streams (server-sent events). Failures
   * are thrown as {@link ApiError} exactly as by `request`.
   */
  raw(method: string, path: string, options?: RawOptions): Promise<Response>;
}

export function createClient(config: ClientConfig): ApiClient {
  const base = config.baseUrl ?? API_BASE;
  const raw = async (method: string, path: string, options: RawOptions = {}): Promise<Response> => {
    const headers: Record<string, string> = { Accept: options.accept ?? 'application/json, application/problem+json' };
    const token = options.anonymous ? null : config.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    let payload: string | FormData | undefined;
    if (typeof FormData !== 'undefined' && options.body instanceof FormData) {
      // no Content-Type: fetch writes multipart/form-data with the boundary itself
      payload = options.body;
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(options.body);
    }
    const doFetch = config.fetchImpl ?? fetch;
    let res: Response;
    try {
      res = await doFetch(base + path + buildQuery(options.query), {
        method,
        headers,
        body: payload,
        signal: options.signal,
        credentials: 'same-origin',
      });
    } catch (e) {
      if ((e as { name?: string })?.name === 'AbortError') throw e;
      throw new ApiError({
        status: 0,
        title: 'Network error',
        detail: 'Cannot reach Stoker. Check your connection and that the server is running, then try again.',
      });
    }
    const accepted = res.ok || (options.acceptStatus ?? []).includes(res.status);
    if (!accepted) {
      const error = await problemFrom(res);
      if (res.status === 401 && !options.anonymous) config.onUnauthorized(error);
      throw error;
    }
    return res;
  };
  return {
    raw,
    async download(method: string, path: string, options: RawOptions = {}): Promise<Download> {
      const res = await raw(method, path, { ...options, accept: options.accept ?? 'application/octet-stream, application/zip, */*' });
      return { blob: await res.blob(), fileName: fileNameFrom(res.headers.get('Content-Disposition')) };
    },
    async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
      const res = await raw(method, path, options);
      if (res.status === 204) return undefined as T;
      const text = await res.text();
      if (!text) return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ApiError({
          status: res.status,
          title: 'Bad response',
          detail: 'Stoker answered with something that is not JSON. Is /api/v1 routed to Stoker?',
        });
      }
    },
  };
}
