// The one door to idtrail's public HTTP API. Requests are origin-relative so the app works behind
// any host idtrail is served from; a bearer token (API key) is sent when the user gave one.

const TOKEN_KEY = 'idtrail.token';

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** A failed API call, carrying the Graph error code so pages can tell "not available" from "bad filter". */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }

  /** The endpoint does not exist on this server (not merged yet, or disabled). */
  get notAvailable(): boolean {
    return this.status === 404 || this.status === 405 || (this.status === 400 && /segment/i.test(this.message)) || this.status === 501;
  }

  get unauthenticated(): boolean {
    return this.status === 401;
  }
}

/** Graph's nextLink is absolute (it names the server's public URL); keep the path so the app stays same-origin. */
export function toRelative(link: string): string {
  try {
    const u = new URL(link, location.origin);
    return `${u.pathname}${u.search}`;
  } catch {
    return link;
  }
}

export async function apiFetch(path: string, init: RequestInit = {}, signal?: AbortSignal): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  // Operators read the values Entra recorded: without this, Graph-shaped answers show enum members
  // declared after `unknownFutureValue` as that sentinel (spec 3.9), and downloads would too.
  headers.set('prefer', 'include-unknown-enum-members');
  const token = getToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  let res = await fetch(toRelative(path), { ...init, headers, signal: signal ?? init.signal ?? null });
  // Throttled (servers with --rate-limit): wait as told and retry, so long downloads finish.
  for (let attempt = 0; res.status === 429 && attempt < 5; attempt++) {
    const wait = Math.min(30, Number(res.headers.get('retry-after')) || 2 ** attempt);
    await new Promise((r) => setTimeout(r, wait * 1000));
    res = await fetch(toRelative(path), { ...init, headers, signal: signal ?? init.signal ?? null });
  }
  if (!res.ok) {
    let code = `HTTP${res.status}`;
    let message = res.statusText || `HTTP ${res.status}`;
    try {
      const body = (await res.json()) as { error?: { code?: string; message?: string } };
      if (body.error?.code) code = body.error.code;
      if (body.error?.message) message = body.error.message;
    } catch {
      // Not JSON (a proxy error page): the status text is all there is.
    }
    throw new ApiCallError(res.status, code, message);
  }
  return res;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await apiFetch(path, {}, signal)).json() as Promise<T>;
}

export async function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const res = await apiFetch(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }, signal);
  return res.json() as Promise<T>;
}

export interface GraphPage<T> {
  readonly value: T[];
  readonly '@odata.nextLink'?: string;
  readonly '@odata.count'?: number;
}

/** Walk every page of a Graph collection, handing each page to `onPage`; stops when `signal` aborts. */
export async function forEachPage<T>(first: string, onPage: (rows: T[], page: number) => void | Promise<void>, signal?: AbortSignal): Promise<void> {
  let next: string | undefined = first;
  let n = 0;
  while (next) {
    const page: GraphPage<T> = await getJson<GraphPage<T>>(next, signal);
    await onPage(page.value, n++);
    next = page['@odata.nextLink'];
  }
}

export function errorText(e: unknown): string {
  if (e instanceof ApiCallError) return `${e.code}: ${e.message}`;
  if (e instanceof Error) return e.message;
  return String(e);
}
