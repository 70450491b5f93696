import { instrumentListSchema, okResponseSchema, type TokenResponse } from '@marketlens/contracts';
import { describe, expect, it } from 'vitest';
import { createApiClient } from './api-client';
import { ApiError } from './api-error';
import { noContentSchema } from './parse-response';
import { REFRESH_TOKEN_KEY, createSessionStore } from './session-store';

const user = {
  id: '0b6a1f6e-5d43-4c3e-9a55-7a1c2b3d4e5f',
  email: 'ana@example.com',
  role: 'analyst' as const,
  disabled: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  lastLoginAt: null,
};

function tokens(n: number): TokenResponse {
  return { accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresIn: 900, user };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

interface Call {
  url: string;
  method: string;
  authorization: string | null;
  body: string | null;
}

/** A scripted server: `handle` decides the answer; every call is recorded for assertions. */
function fakeFetch(handle: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchFn = async (url: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const call = {
      url,
      method: init?.method ?? 'GET',
      authorization: headers.get('authorization'),
      body: typeof init?.body === 'string' ? init.body : null,
    };
    calls.push(call);
    return handle(call);
  };
  return { calls, fetchFn };
}

function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

function signedInClient(handle: (call: Call) => Response | Promise<Response>) {
  const storage = memoryStorage();
  const session = createSessionStore(storage);
  session.signIn(tokens(1));
  const fake = fakeFetch(handle);
  const client = createApiClient({ baseUrl: 'http://api.test', fetchFn: fake.fetchFn, session });
  return { client, session, storage, calls: fake.calls };
}

const emptyInstruments = { instruments: [] };

describe('api client error mapping', () => {
  it('turns the API error shape into an ApiError carrying status, code, message and details', async () => {
    const { client } = signedInClient(() =>
      json(400, { error: { code: 'CSV_FORMAT', message: 'Line 1: missing columns close', details: { line: 1 } } }),
    );
    const error = await client.request('/instruments', instrumentListSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('CSV_FORMAT');
    expect(apiError.message).toBe('Line 1: missing columns close');
    expect(apiError.details).toEqual({ line: 1 });
  });

  it('describes a non-JSON 502 from a proxy in words instead of showing the HTML', async () => {
    const { client } = signedInClient(
      () => new Response('<html><body>502 Bad Gateway</body></html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    const error = (await client.request('/instruments', instrumentListSchema).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.code).toBe('HTTP_502');
    expect(error.message).toMatch(/unreachable/i);
    expect(error.message).toContain('HTTP 502');
    expect(error.message).not.toContain('<html>');
  });

  it('reports a network failure as a readable NETWORK_ERROR', async () => {
    const { client } = signedInClient(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = (await client.request('/instruments', instrumentListSchema).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toMatch(/cannot reach the server/i);
  });

  it('rejects a 200 answer that breaks the contract, naming the field', async () => {
    const { client } = signedInClient(() => json(200, { instruments: [{ symbol: 42 }] }));
    const error = (await client.request('/instruments', instrumentListSchema).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toContain('GET /instruments');
    expect(error.message).toContain('instruments.0');
  });

  it('reads a 204 No Content answer as null', async () => {
    const { client } = signedInClient(() => new Response(null, { status: 204 }));
    await expect(client.request('/things/1', noContentSchema, { method: 'DELETE' })).resolves.toBeNull();
  });

  it('builds the URL from base, /api/v1, path and non-empty query values', async () => {
    const { client, calls } = signedInClient(() => json(200, emptyInstruments));
    await client.request('/instruments', instrumentListSchema, { query: { a: 'x y', b: undefined, c: 3 } });
    expect(calls[0]?.url).toBe('http://api.test/api/v1/instruments?a=x+y&c=3');
    expect(calls[0]?.authorization).toBe('Bearer access-1');
  });
});

describe('api client refresh on 401', () => {
  it('refreshes once with the stored refresh token and retries with the new access token', async () => {
    const { client, session, storage, calls } = signedInClient((call) => {
      if (call.url.endsWith('/auth/refresh')) return json(200, tokens(2));
      return call.authorization === 'Bearer access-2'
        ? json(200, emptyInstruments)
        : json(401, { error: { code: 'UNAUTHORIZED', message: 'expired' } });
    });
    await expect(client.request('/instruments', instrumentListSchema)).resolves.toEqual(emptyInstruments);
    expect(calls.map((c) => c.url.replace('http://api.test/api/v1', ''))).toEqual([
      '/instruments',
      '/auth/refresh',
      '/instruments',
    ]);
    expect(JSON.parse(calls[1]?.body ?? '{}')).toEqual({ refreshToken: 'refresh-1' });
    expect(session.accessToken()).toBe('access-2');
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-2');
  });

  it('shares one refresh between concurrent 401s, because a second exchange would reuse a rotated token', async () => {
    let releaseRefresh: () => void = () => {};
    const refreshGate = new Promise<void>((resolve) => (releaseRefresh = resolve));
    const { client, calls } = signedInClient(async (call) => {
      if (call.url.endsWith('/auth/refresh')) {
        await refreshGate;
        return json(200, tokens(2));
      }
      return call.authorization === 'Bearer access-2'
        ? json(200, { ok: true })
        : json(401, { error: { code: 'UNAUTHORIZED', message: 'expired' } });
    });
    const pending = [
      client.request('/a', okResponseSchema),
      client.request('/b', okResponseSchema),
      client.request('/c', okResponseSchema),
    ];
    // Let all three reach their 401 before the refresh answers.
    await new Promise((resolve) => setTimeout(resolve, 0));
    releaseRefresh();
    await expect(Promise.all(pending)).resolves.toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(calls.filter((c) => c.url.endsWith('/auth/refresh'))).toHaveLength(1);
  });

  it('logs out and throws the original 401 when the refresh is refused', async () => {
    const { client, session, storage, calls } = signedInClient((call) =>
      call.url.endsWith('/auth/refresh')
        ? json(401, { error: { code: 'INVALID_REFRESH_TOKEN', message: 'revoked' } })
        : json(401, { error: { code: 'UNAUTHORIZED', message: 'Your session has expired.' } }),
    );
    const error = (await client.request('/instruments', instrumentListSchema).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(401);
    expect(error.message).toBe('Your session has expired.');
    expect(session.getState().status).toBe('anonymous');
    expect(session.accessToken()).toBeNull();
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    expect(
      calls.filter((c) => c.url.endsWith('/instruments')),
      'no second retry after a failed refresh',
    ).toHaveLength(1);
  });

  it('does not refresh again when the retried request is still unauthorised', async () => {
    const { client, session, calls } = signedInClient((call) =>
      call.url.endsWith('/auth/refresh')
        ? json(200, tokens(2))
        : json(401, { error: { code: 'UNAUTHORIZED', message: 'no' } }),
    );
    await expect(client.request('/instruments', instrumentListSchema)).rejects.toMatchObject({ status: 401 });
    expect(calls).toHaveLength(3);
    expect(session.getState().status).toBe('anonymous');
  });

  it('treats 401 from public auth endpoints as an answer, not an expired session', async () => {
    const { client, calls } = signedInClient(() =>
      json(401, { error: { code: 'INVALID_CREDENTIALS', message: 'Wrong email or password.' } }),
    );
    await expect(
      client.request('/auth/login', okResponseSchema, { method: 'POST', body: {}, auth: false }),
    ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Wrong email or password.' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.authorization).toBeNull();
  });
});
