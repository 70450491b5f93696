import { tokenResponseSchema } from '@marketlens/contracts';
import { ApiError } from './api-error';
import { parseBody, toApiError, type Schema } from './parse-response';
import { toRawResponse, type FetchFn, type RawResponse, type Transport } from './raw-response';
import type { SessionStore } from './session-store';

export interface ApiClientOptions {
  /** Origin of the API ('' = same origin). */
  baseUrl: string;
  fetchFn: FetchFn;
  session: SessionStore;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** false for the public auth endpoints: their 401 means bad credentials, not an expired token. */
  auth?: boolean;
}

export interface ApiClient {
  /** JSON request to /api/v1<path>, answer parsed by `schema`. */
  request<T>(path: string, schema: Schema<T>, options?: RequestOptions): Promise<T>;
  /** Runs a custom transport (e.g. XHR with upload progress) with the same auth, refresh and error handling. */
  send<T>(transport: Transport, schema: Schema<T>, what: string): Promise<T>;
  /** Exchanges the stored refresh token for new tokens; concurrent callers share one exchange. */
  refresh(): Promise<boolean>;
  url(path: string, query?: RequestOptions['query']): string;
}

export function createApiClient({ baseUrl, fetchFn, session }: ApiClientOptions): ApiClient {
  let refreshing: Promise<boolean> | null = null;

  const url = (path: string, query?: RequestOptions['query']) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const search = params.size > 0 ? `?${params.toString()}` : '';
    return `${baseUrl}/api/v1${path}${search}`;
  };

  const fetchRaw = async (input: string, init: RequestInit): Promise<RawResponse> => {
    try {
      return await toRawResponse(await fetchFn(input, init));
    } catch (cause) {
      throw new ApiError(
        0,
        'NETWORK_ERROR',
        'Cannot reach the server. Check your connection and try again.',
        undefined,
        {
          cause,
        },
      );
    }
  };

  const exchange = async (): Promise<boolean> => {
    const refreshToken = session.refreshToken();
    if (!refreshToken) return false;
    const raw = await fetchRaw(url('/auth/refresh'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    if (raw.status < 200 || raw.status >= 300) return false;
    session.signIn(parseBody(raw, tokenResponseSchema, 'POST /auth/refresh'));
    return true;
  };

  const refresh = (): Promise<boolean> => {
    // The server rotates refresh tokens and revokes the family on reuse, so two parallel exchanges
    // would log the user out: every caller waits on the one in flight.
    refreshing ??= exchange()
      .catch(() => false)
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  };

  const authHeaders = (token: string | null): Record<string, string> =>
    token ? { authorization: `Bearer ${token}` } : {};

  const send = async <T>(transport: Transport, schema: Schema<T>, what: string, auth = true): Promise<T> => {
    const sentWith = auth ? session.accessToken() : null;
    let raw = await transport(authHeaders(sentWith));
    if (raw.status === 401 && auth) {
      // Another request may already have refreshed while this one was in flight.
      const current = session.accessToken();
      const renewed = current !== null && current !== sentWith ? true : await refresh();
      if (!renewed) {
        session.signOut();
        throw toApiError(raw);
      }
      raw = await transport(authHeaders(session.accessToken()));
      if (raw.status === 401) session.signOut();
    }
    if (raw.status < 200 || raw.status >= 300) throw toApiError(raw);
    return parseBody(raw, schema, what);
  };

  return {
    url,
    refresh,
    send: (transport, schema, what) => send(transport, schema, what),
    request(path, schema, options = {}) {
      const method = options.method ?? 'GET';
      const hasBody = options.body !== undefined;
      const target = url(path, options.query);
      const transport: Transport = (headers) =>
        fetchRaw(target, {
          method,
          headers: {
            accept: 'application/json',
            ...(hasBody ? { 'content-type': 'application/json' } : {}),
            ...headers,
          },
          body: hasBody ? JSON.stringify(options.body) : undefined,
        });
      return send(transport, schema, `${method} ${path}`, options.auth ?? true);
    },
  };
}
