import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitForHttp, type LoggedProcess } from '../support/process';
import {
  checkNginx,
  nginxTemplates,
  renderNginx,
  startNginx,
  templateVariables,
  webImageEnv,
  type RenderedNginx,
} from '../support/nginx-config';
import { rawRequest } from '../support/nginx-request';
import { startEchoUpstream, type EchoUpstream } from '../support/nginx-upstream';
import { readRepoFile } from '../support/repo';

// The web image's nginx, rendered from its templates exactly as the container does and run by Debian's nginx
// in front of a stand-in API that records what reaches it. Only template variables differ from the image:
// the listen address (127.0.0.1 and a free port), the web root and the writable folder.

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-3f9a1c.js"></script></head></html>';
const BUNDLE = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{"id":${i},"label":"row ${i}"}`).join(',')}];\n`;
// A bundle the web build precompressed (apps/web/vite-precompress.ts writes the .gz at the highest level).
const PRECOMPRESSED = `export const big = ${JSON.stringify('precompressed '.repeat(500))};\n`;
const PRECOMPRESSED_GZ = gzipSync(PRECOMPRESSED, { level: 9 });
const uploadLimitBytes = (JSON.parse(readRepoFile('config/default.json')) as { http: { uploadLimitBytes: number } })
  .http.uploadLimitBytes;

describe('web image nginx (needs Debian nginx)', () => {
  let dir: string;
  let upstream: EchoUpstream;
  let rendered: RenderedNginx;
  let nginx: LoggedProcess;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ml-nginx-'));
    // nginx started as root runs its workers as nobody: they must be able to read the site.
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'html/assets'), { recursive: true });
    writeFileSync(join(dir, 'html/index.html'), INDEX);
    writeFileSync(join(dir, 'html/assets/index-3f9a1c.js'), BUNDLE);
    writeFileSync(join(dir, 'html/assets/vendor-9b8e7d.js'), PRECOMPRESSED);
    writeFileSync(join(dir, 'html/assets/vendor-9b8e7d.js.gz'), PRECOMPRESSED_GZ);
    upstream = await startEchoUpstream();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    rendered = renderNginx(dir, {
      API_UPSTREAM: `127.0.0.1:${upstream.port}`,
      NGINX_LISTEN: `127.0.0.1:${port}`,
      NGINX_WEB_ROOT: join(dir, 'html'),
      NGINX_TEMP_DIR: dir,
    });
    nginx = startNginx(rendered);
    await waitForHttp(`${base}/nginx-health`, nginx, 30_000);
  });

  afterAll(async () => {
    await nginx?.stop();
    await upstream?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives every template variable a default in web.Dockerfile', () => {
    const used = nginxTemplates().flatMap((t) => templateVariables(readRepoFile(t.source)));
    expect(used.length, 'the templates use variables').toBeGreaterThan(0);
    const defaults = webImageEnv();
    expect(
      used.filter((name) => !(name in defaults)),
      'a variable without a default stays literally in',
    ).toEqual([]);
    const unused = Object.keys(defaults).filter((name) => !name.startsWith('NGINX_ENVSUBST_') && !used.includes(name));
    expect(unused, 'every ENV of the image is a template variable').toEqual([]);
  });

  it('passes nginx -t as rendered', async () => {
    const check = await checkNginx(rendered);
    expect(check.code, check.output).toBe(0);
  });

  it('answers a client-side deep link with index.html, revalidated on every load, with security headers', async () => {
    const res = await rawRequest(`${base}/regimes/SPY?range=1y`);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(INDEX);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'.*connect-src 'self'/);
    expect(res.headers['strict-transport-security'], 'HSTS is for HTTPS only').toBeUndefined();
    expect(res.headers.server, 'no version in the Server header').toBe('nginx');
  });

  it('caches hashed /assets/ files for a year as immutable and 404s a missing one instead of sending the app', async () => {
    const res = await rawRequest(`${base}/assets/index-3f9a1c.js`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const missing = await rawRequest(`${base}/assets/index-000000.js`);
    expect(missing.status).toBe(404);
  });

  it('gzips text for clients that accept it and sends it plain to those that do not', async () => {
    const zipped = await rawRequest(`${base}/assets/index-3f9a1c.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/i);
    expect(zipped.body.length).toBeLessThan(BUNDLE.length / 2);
    expect(gunzipSync(zipped.body).toString()).toBe(BUNDLE);
    const plain = await rawRequest(`${base}/assets/index-3f9a1c.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(BUNDLE);
  });

  it("sends the build's own .gz of a bundle byte for byte instead of compressing it again", async () => {
    const res = await rawRequest(`${base}/assets/vendor-9b8e7d.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body.equals(PRECOMPRESSED_GZ), 'gzip_static serves the file as written').toBe(true);
    expect(gunzipSync(res.body).toString()).toBe(PRECOMPRESSED);
  });

  it('proxies /api/ unchanged with X-Forwarded-* headers and a request id', async () => {
    const res = await rawRequest(`${base}/api/v1/instruments?kind=crypto`, { headers: { host: 'markets.example' } });
    expect(res.status).toBe(200);
    const seen = upstream.seen.at(-1)!;
    expect(seen.url).toBe('/api/v1/instruments?kind=crypto');
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen.headers['x-forwarded-proto']).toBe('http');
    expect(seen.headers['x-forwarded-host']).toBe('markets.example');
    expect(seen.headers.host).toBe('markets.example');
    expect(seen.headers['x-request-id'], 'nginx makes an id when the caller sent none').toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers['x-request-id']).toBe(seen.headers['x-request-id']);

    await rawRequest(`${base}/api/docs`, { headers: { 'x-request-id': 'trace-42' } });
    expect(upstream.seen.at(-1)).toMatchObject({ url: '/api/docs', headers: { 'x-request-id': 'trace-42' } });
  });

  it('keeps /healthz, /readyz and /metrics of the server off the public site', async () => {
    const before = upstream.seen.length;
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      const res = await rawRequest(`${base}${path}`);
      expect(res.body.toString(), `${path} is the app's route, not the server's`).toBe(INDEX);
    }
    expect(upstream.seen.length, 'nothing but /api/ reaches the server').toBe(before);
  });

  it("lets an upload of the server's full limit through and answers a larger one with the server's 413 shape", async () => {
    const configured = /client_max_body_size\s+(\d+)m;/.exec(
      readFileSync(join(dir, 'marketlens/nginx-http.conf'), 'utf8'),
    );
    const nginxLimit = Number(configured?.[1]) * 1024 * 1024;
    expect(nginxLimit, 'nginx allows the server limit plus at most 1 MiB of multipart framing').toBeGreaterThan(
      uploadLimitBytes,
    );
    expect(nginxLimit).toBeLessThanOrEqual(uploadLimitBytes + 1024 * 1024);

    const full = await rawRequest(`${base}/api/v1/instruments/import`, {
      method: 'POST',
      body: Buffer.alloc(uploadLimitBytes, 0x61),
    });
    expect(full.status).toBe(200);
    expect(upstream.seen.at(-1)?.bodyBytes).toBe(uploadLimitBytes);

    const before = upstream.seen.length;
    const tooLarge = await rawRequest(`${base}/api/v1/instruments/import`, {
      method: 'POST',
      declaredLength: nginxLimit + 1,
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers['content-type']).toBe('application/json');
    expect(JSON.parse(tooLarge.body.toString())).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(upstream.seen.length, 'the oversized request never reaches the server').toBe(before);
  });
});
