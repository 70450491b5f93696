import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureUser } from './auth-fixtures';
import { hostileString, queryValue, shapedBy, type JsonSchemaNode } from './fuzz-arbitraries';
import { csvFile, randomBytes } from './fuzz-csv-files';
import { knownGapOf } from './fuzz-known-gaps';
import { assertParameters, brief, fuzzSettings, reportFuzz, runsAt } from './fuzz-settings';
import { multipartFile } from './multipart';
import { createTestApp, type TestApp } from './test-app';

// A bounded sample of generated requests through the real app (app.inject), as an admin so that every route
// gets past its access check: every operation of the OpenAPI document with generated path parameters, query
// strings and JSON bodies (or raw, broken, oversized ones), and generated CSV files with path-traversal names
// to every upload route. Whatever is sent: no 5xx, and every 4xx is `{ error: { code, message } }` with no
// stack trace or source path in it.

const settings = fuzzSettings();
const RUNS = { json: 1_500, upload: 300 };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: JsonSchemaNode;
}
interface Operation {
  method: string;
  path: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchemaNode }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
}
type OpenApiDoc = JsonSchemaNode & { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>> };

const PLACEHOLDERS: Record<string, string> = {
  id: '00000000-0000-4000-8000-000000000000',
  universeId: '00000000-0000-4000-8000-000000000000',
  symbol: 'FUZZ',
  address: '0x1111111111111111111111111111111111111111',
};
/** Leaks an error answer must never contain: a stack frame, a source path, a module path. */
const LEAK = /\n\s+at |\bat [\w.<>]+ \(|node_modules|\.[cm]?[jt]s:\d+|\/(?:work|srv|home|app)\//;

/** encodeURIComponent throws on a lone surrogate; a client would send U+FFFD's bytes instead. */
const encode = (text: string) => encodeURIComponent(text.replace(/[\ud800-\udfff]/gu, '\ufffd'));

function operationsOf(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })),
  );
}
/** Server-sent event streams stay open by design; they are not request-answer routes to fuzz. */
const isStream = (op: Operation) =>
  Object.values(op.responses ?? {}).some((r) => Object.keys(r.content ?? {}).includes('text/event-stream'));
const jsonBodyOf = (op: Operation) => op.requestBody?.content['application/json']?.schema;

/**
 * A path parameter: a placeholder that reaches the handler, a schema-shaped value, or a hostile string.
 * `mostlyValid` keeps to the placeholder three times in four, so that request bodies (files) get looked at.
 */
function pathValue(param: Parameter, doc: OpenApiDoc, mostlyValid: boolean): fc.Arbitrary<string> {
  const shaped = param.schema
    ? queryValue(param.schema, doc).map((v) => (Array.isArray(v) ? v.join(',') : v))
    : hostileString;
  return fc.oneof(
    { weight: mostlyValid ? 9 : 1, arbitrary: fc.constant(PLACEHOLDERS[param.name] ?? 'fuzz') },
    shaped.map(encode),
    hostileString.map(encode),
    fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%2e%2e', '..', '%00', '%E0%A4%A', 'a%2Fb'),
  );
}

function urlFor(op: Operation, doc: OpenApiDoc, mostlyValid = false): fc.Arbitrary<string> {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const path = fc
    .tuple(...pathParams.map((p) => pathValue(p, doc, mostlyValid)))
    .map((values) => pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, values[i] ?? ''), op.path));
  const hostileQuery = fc.record(
    Object.fromEntries([
      ...queryParams.map((p) => [p.name, queryValue(p.schema ?? {}, doc)] as const),
      ['__proto__', fc.constant('x')] as const,
    ]),
    { requiredKeys: [] },
  );
  // Defaults and optional keys: leaving the query out is what a well-behaved client mostly does.
  const query = mostlyValid ? fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, hostileQuery) : hostileQuery;
  return fc.tuple(path, query).map(([p, q]) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) for (const one of [v ?? []].flat()) search.append(k, one);
    const text = search.toString();
    return text ? `${p}?${text}` : p;
  });
}

/** A JSON body shaped by the schema, or raw text that is broken, deeply nested or over the body limit. */
function bodyFor(schema: JsonSchemaNode, doc: OpenApiDoc): fc.Arbitrary<{ payload: string; contentType: string }> {
  const json = shapedBy(schema, doc, true).map((v) => ({
    payload: JSON.stringify(v) ?? 'null',
    contentType: 'application/json',
  }));
  const raw = fc.oneof(
    fc.constantFrom(
      '{"a":',
      '{"__proto__":{"admin":true}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '',
      'null',
      '[]',
      '\u0000',
    ),
    fc.integer({ min: 1_000, max: 100_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
    fc.constant(`{"a":"${'x'.repeat(1_100_000)}"}`),
    hostileString,
  );
  const rawBody = fc
    .tuple(raw, fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'))
    .map(([payload, contentType]) => ({ payload, contentType }));
  return fc.oneof({ weight: 6, arbitrary: json }, { weight: 1, arbitrary: rawBody });
}

/** Undefined when the answer is acceptable, else what is wrong with it. */
function problemWith(res: LightMyRequestResponse): string | undefined {
  if (res.statusCode >= 500) return `${res.statusCode} ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return undefined;
  if (LEAK.test(res.body)) return `${res.statusCode} answer leaks internals: ${res.body.slice(0, 300)}`;
  // Pages a browser opens from an email (verify-email) answer in HTML by design; the API answers in JSON.
  if (String(res.headers['content-type']).startsWith('text/html')) return undefined;
  let body: unknown;
  try {
    body = res.json();
  } catch {
    return `${res.statusCode} answer is not JSON: ${res.body.slice(0, 200)}`;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
  if (typeof error?.code !== 'string' || error.code === '' || typeof error.message !== 'string') {
    return `${res.statusCode} answer is not { error: { code, message } }: ${res.body.slice(0, 200)}`;
  }
  return undefined;
}

describe('fuzz: generated requests through the real app', () => {
  let testApp: TestApp;
  let doc: OpenApiDoc;
  let admin: Record<string, string>;
  const statuses = new Map<number, number>();
  let sent = 0;
  const knownGaps = new Map<string, number>();
  let unexpected5xx = 0;
  const codes = new Map<string, number>();
  let ip = 0;

  beforeAll(async () => {
    testApp = await createTestApp({ database: 'pglite' });
    admin = (await createFixtureUser(testApp.ctx, 'admin')).authorization;
    doc = (await testApp.app.inject({ url: '/api/docs/json' })).json<OpenApiDoc>();
  });
  afterAll(async () => {
    await testApp?.close();
  });

  async function send(options: InjectOptions): Promise<void> {
    ip += 1;
    const res = await testApp.app.inject({ ...options, remoteAddress: `10.88.${(ip >> 8) & 255}.${ip & 255}` });
    sent += 1;
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    const code = res.statusCode >= 400 ? /"code":"([A-Z_]+)"/.exec(res.body)?.[1] : undefined;
    if (code) codes.set(code, (codes.get(code) ?? 0) + 1);
    const gap = knownGapOf(String(options.url), res);
    if (gap) knownGaps.set(gap, (knownGaps.get(gap) ?? 0) + 1);
    if (!gap && res.statusCode >= 500) unexpected5xx += 1;
    const problem = gap ? undefined : problemWith(res);
    if (problem) throw new Error(`${options.method} ${String(options.url).slice(0, 200)}: ${problem}`);
  }

  async function check(what: string, arbitrary: fc.Arbitrary<InjectOptions>, numRuns: number): Promise<void> {
    try {
      await fc.assert(fc.asyncProperty(arbitrary, send), assertParameters(settings, numRuns));
    } catch (err) {
      throw new Error(`${what} (replay with FUZZ_SEED=${settings.seed}): ${brief(err)}`);
    }
  }

  it(
    'answers every generated path, query and JSON body without a 5xx, in the error shape',
    async () => {
      const ops = operationsOf(doc).filter((op) => !isStream(op));
      expect(ops.length, 'the OpenAPI document lists the operations').toBeGreaterThan(50);
      const request = fc.oneof(
        ...ops.map((op) => {
          const schema = jsonBodyOf(op);
          const body = schema ? bodyFor(schema, doc) : fc.constant(undefined);
          return fc.tuple(urlFor(op, doc), body).map(([url, b]): InjectOptions => ({
            method: op.method as InjectOptions['method'],
            url,
            headers: { ...admin, ...(b ? { 'content-type': b.contentType } : {}) },
            ...(b ? { payload: b.payload } : {}),
          }));
        }),
      );
      await check('JSON routes', request, runsAt(settings, RUNS.json));
    },
    120_000 * settings.scale,
  );

  it(
    'answers every generated upload (CSV files, path-traversal names) without a 5xx, in the error shape',
    async () => {
      const uploads = operationsOf(doc).filter((op) => op.method === 'POST' && /multipart/.test(op.description ?? ''));
      expect(uploads.map((op) => op.path)).toContain('/api/v1/instruments/{symbol}/import');
      const filename = fc.oneof(
        fc.constant('bars.csv'),
        fc.constantFrom(
          '../../../../etc/passwd',
          '..\\..\\boot.ini',
          '/etc/shadow',
          'a"; name="file',
          'x\r\nX-Injected: 1',
        ),
        hostileString.filter((s) => s.length < 300),
      );
      const request = fc
        .tuple(
          fc.oneof(...uploads.map((op) => urlFor(op, doc, true))),
          fc.oneof({ weight: 4, arbitrary: csvFile }, randomBytes),
          filename,
        )
        .map(([url, file, name]): InjectOptions => {
          const { payload, headers } = multipartFile(Buffer.from(file.bytes), name);
          return { method: 'POST', url, headers: { ...admin, ...headers }, payload };
        });
      await check('upload routes', request, runsAt(settings, RUNS.upload));
    },
    120_000 * settings.scale,
  );

  // Was a 500 after the bars were committed (PostgreSQL text cannot hold NUL); names are cleaned on arrival now.
  it('answers an upload whose file name holds a NUL without a 5xx, storing the name without it', async () => {
    const { payload, headers } = multipartFile('Date,Close\n2024-01-02,5\n', 'bars\u0000.csv');
    const res = await testApp.app.inject({
      method: 'POST',
      url: '/api/v1/instruments/NUL/import',
      headers: { ...admin, ...headers },
      payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    const uploads = await testApp.app.inject({ url: '/api/v1/uploads', headers: admin });
    const mine = uploads.json().uploads.find((u: { symbol: string | null }) => u.symbol === 'NUL');
    expect(mine.filename).toBe('bars.csv');
  });

  // Was a 500 (the query failed on int4); the contract caps versions now.
  it('answers a strategy version above int4 with a 400 naming the parameter', async () => {
    const res = await testApp.app.inject({
      url: '/api/v1/strategies/00000000-0000-4000-8000-000000000000/versions/2147483648',
      headers: admin,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toMatch(/version/);
  });

  afterAll(() => {
    const byClass = [...statuses].reduce<Record<string, number>>((acc, [status, n]) => {
      const key = `${Math.floor(status / 100)}xx`;
      acc[key] = (acc[key] ?? 0) + n;
      return acc;
    }, {});
    reportFuzz('HTTP', settings, {
      requests: sent,
      ...byClass,
      '5xx': byClass['5xx'] ?? 0,
      unexpected5xx,
      ...Object.fromEntries([...knownGaps].map(([name, n]) => [`knownGap.${name}`, n])),
    });
    const top = [...codes].sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.info(`fuzz HTTP: most frequent error codes ${top.map(([c, n]) => `${c}=${n}`).join(' ')}`);
  });
});
