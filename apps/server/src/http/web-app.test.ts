import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { HASHED_ASSET_CACHE, isServerPath, REVALIDATE_CACHE } from './web-app';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-3f9a1c2b.js"></script></head></html>';
const BUNDLE = `console.log(${JSON.stringify('x'.repeat(4000))});\n`;

describe('isServerPath', () => {
  it('claims /api/... and the probes, and leaves pages whose names start with "api" to the web app', () => {
    for (const path of ['/api', '/api/', '/api/v1/system', '/api/docs', '/healthz', '/readyz', '/metrics']) {
      expect(isServerPath(path), path).toBe(true);
    }
    for (const path of ['/api-keys', '/apis', '/apiary/x', '/', '/regimes', '/metrics-page']) {
      expect(isServerPath(path), path).toBe(false);
    }
  });
});

describe('serving the built web app', () => {
  let dir: string;
  let t: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'marketlens-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets/index-3f9a1c2b.js'), BUNDLE);
    writeFileSync(join(dir, 'assets/index-3f9a1c2b.js.gz'), gzipSync(BUNDLE));
    writeFileSync(join(dir, 'assets/index-3f9a1c2b.js.br'), brotliCompressSync(BUNDLE));
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await createTestApp({ webDistDir: dir });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the app for /api-keys (a page, not the API), on first load and on refresh', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api-keys', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toBe(INDEX);
    expect(res.headers['cache-control'], 'the entry page must be revalidated').toBe(REVALIDATE_CACHE);
  });

  it('answers unknown /api/ paths with the JSON 404, never the app', async () => {
    for (const url of ['/api/v1/no-such-route', '/api/nothing', '/api']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json<{ error: { code: string } }>().error.code, url).toBe('NOT_FOUND');
    }
  });

  it('sends the brotli copy of a hashed bundle to a client that accepts br, cached a year as immutable', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/assets/index-3f9a1c2b.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe(HASHED_ASSET_CACHE);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(BUNDLE);
  });

  it('sends the gzip copy to a gzip-only client and the plain file to a client that accepts neither', async () => {
    const zipped = await t.app.inject({
      method: 'GET',
      url: '/assets/index-3f9a1c2b.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(BUNDLE);

    const plain = await t.app.inject({
      method: 'GET',
      url: '/assets/index-3f9a1c2b.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(BUNDLE);
    expect(plain.headers['cache-control']).toBe(HASHED_ASSET_CACHE);
  });

  it('revalidates files outside assets/ (their names carry no hash)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe(REVALIDATE_CACHE);
  });

  it('404s a missing bundle instead of answering with the app', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-00000000.js' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/json/);
  });
});
