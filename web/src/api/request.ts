/** The one request wrapper (style.md §8): cookies, CSRF on writes, JSON, typed errors. Pages never call fetch. */

export interface RuleFailure {
  ruleId: string;
  code: string;
  message?: string;
  message_en?: string;
  params?: Record<string, unknown>;
}
export interface ApiErrorBody {
  code: string;
  message_zh: string;
  message_en: string;
  details?: { failures?: RuleFailure[]; [k: string]: unknown };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly message_zh: string;
  readonly message_en: string;
  readonly details: ApiErrorBody['details'];
  constructor(status: number, body: ApiErrorBody) {
    super(body.message_en || body.code);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.message_zh = body.message_zh;
    this.message_en = body.message_en;
    this.details = body.details ?? {};
  }
  get failures(): RuleFailure[] {
    return this.details?.failures ?? [];
  }
}

const CSRF_KEY = 'shuyun.csrf';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// 401s that mean "prove it again" rather than "log in again".
const NO_REDIRECT_401 = new Set(['MFA_REQUIRED', 'TOTP_INVALID', 'TOTP_REPLAY', 'LOGIN_FAILED']);

// The CSRF token from the login answer. It lives in localStorage, not sessionStorage: the session
// cookie outlives a closed tab, and the server demands the token on every cookie-authenticated
// write *including login and logout*, so a new tab without it could neither write nor log in again.
// Any same-origin script could read either storage, so this costs no CSRF protection.
export const csrf = {
  get: () => localStorage.getItem(CSRF_KEY) ?? sessionStorage.getItem(CSRF_KEY),
  set: (t: string) => {
    localStorage.setItem(CSRF_KEY, t);
    sessionStorage.setItem(CSRF_KEY, t);
  },
  clear: () => {
    localStorage.removeItem(CSRF_KEY);
    sessionStorage.removeItem(CSRF_KEY);
  },
};

// Step-up (401 MFA_REQUIRED on an approval): the app layout registers a prompt that asks for a TOTP
// code; when it succeeds the request is sent once more.
let mfaHandler: (() => Promise<boolean>) | null = null;
export function setMfaHandler(fn: (() => Promise<boolean>) | null) {
  mfaHandler = fn;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Login and TOTP handle their own 401s. */
  redirectOn401?: boolean;
  signal?: AbortSignal;
  /** Set on the retry after a step-up, so a second MFA_REQUIRED is returned to the caller. */
  noStepUp?: boolean;
}

/** Sends the browser to the login page, remembering where the user was. */
export function redirectToLogin() {
  const here = window.location.pathname + window.location.search;
  // Public pages never need a login; a 401 there is shown as an error instead.
  if (window.location.pathname.startsWith('/login') || window.location.pathname.startsWith('/public/')) return;
  csrf.clear();
  window.location.assign(`/login?from=${encodeURIComponent(here)}`);
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const url = path.startsWith('/api/') ? path : `/api/v1${path.startsWith('/') ? '' : '/'}${path}`;
  if (!query) return url;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${url}?${s}` : url;
}

/** `request<T>('/orgs', {query})` → parsed JSON; throws ApiError on non-2xx. Paths are relative to /api/v1. */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? (opts.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined || WRITES.has(method)) headers['content-type'] = 'application/json';
  if (WRITES.has(method)) {
    const token = csrf.get();
    if (token) headers['x-csrf-token'] = token;
    // Without the token no write can succeed (LGN-05, 403 CSRF), so log in again; login itself goes ahead.
    // Public writes (an objection on /public/…) come from visitors with no session, so no token either.
    else if (!isLoginPath(path) && !path.startsWith('/public/')) {
      if (opts.redirectOn401 !== false) redirectToLogin();
      throw new ApiError(403, {
        code: 'CSRF',
        message_zh: '登录已失效，请重新登录',
        message_en: 'Session expired; log in again',
      });
    }
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      signal: opts.signal,
      body: opts.body === undefined ? (WRITES.has(method) ? '{}' : undefined) : JSON.stringify(opts.body),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, {
      code: 'NETWORK',
      message_zh: '网络错误，请稍后重试',
      message_en: 'Network error; please try again',
    });
  }
  const text = await res.text();
  const data = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const body: ApiErrorBody = (data as { error?: ApiErrorBody })?.error ?? {
      code: `HTTP_${res.status}`,
      message_zh: `请求失败（${res.status}）`,
      message_en: `Request failed (${res.status})`,
    };
    const err = new ApiError(res.status, body);
    if (
      res.status === 401 &&
      err.code === 'MFA_REQUIRED' &&
      mfaHandler &&
      !opts.noStepUp &&
      !isAuthPath(path) &&
      (await mfaHandler())
    ) {
      return request<T>(path, { ...opts, noStepUp: true });
    }
    if (res.status === 401 && opts.redirectOn401 !== false && !NO_REDIRECT_401.has(err.code)) redirectToLogin();
    throw err;
  }
  return data as T;
}

function isAuthPath(path: string) {
  return /^(\/api\/v1)?\/auth\//.test(path);
}

// Login and invitation acceptance start a new identity: the server ignores any old cookie there, so no CSRF token is needed.
function isLoginPath(path: string) {
  return ['/auth/login', '/auth/invitations/accept'].includes(path.replace(/^\/api\/v1/, ''));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {
      error: {
        code: 'BAD_RESPONSE',
        message_zh: '服务器返回了无法解析的内容',
        message_en: 'Unparseable server response',
      },
    };
  }
}
