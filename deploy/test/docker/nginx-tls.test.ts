import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentOf, loadCompose } from '../support/compose-file';
import { freePort, waitForHttp, type LoggedProcess } from '../support/process';
import { checkNginx, renderNginx, startNginx, type RenderedNginx } from '../support/nginx-config';
import { rawRequest } from '../support/nginx-request';
import { startEchoUpstream, type EchoUpstream } from '../support/nginx-upstream';

// The web container as deploy/compose.prod.yaml runs it: its command (nginx-tls.conf) and environment, with a
// self-signed certificate made here by openssl where the host's real one would be mounted.

const INDEX = '<!doctype html><title>MarketLens</title>';
const prodWeb = loadCompose('deploy/compose.prod.yaml', { MARKETLENS_TAG: 'test' }).model.services.web!;

function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'tls/tls.crt');
  const key = join(dir, 'tls/tls.key');
  mkdirSync(join(dir, 'tls'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost'].concat([
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ]),
      { stdio: 'pipe' },
    );
  } catch (err) {
    throw new Error(`openssl failed (Debian package "openssl"): ${(err as Error).message}`);
  }
  // Workers run as nobody when the tests run as root; in the image the key is readable by uid 101.
  chmodSync(key, 0o644);
  return { cert, key };
}

describe('web image nginx behind TLS, as compose.prod.yaml runs it (needs Debian nginx and openssl)', () => {
  let dir: string;
  let upstream: EchoUpstream;
  let rendered: RenderedNginx;
  let nginx: LoggedProcess;
  let http: string;
  let https: string;
  let ca: string;
  let tls: { cert: string; key: string };

  const render = (outDir: string, overrides: Record<string, string>) =>
    renderNginx(outDir, { ...environmentOf(prodWeb), ...overrides }, undefined, prodWeb.command as string[]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ml-nginx-tls-'));
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'html'));
    writeFileSync(join(dir, 'html/index.html'), INDEX);
    tls = selfSignedCertificate(dir);
    ca = readFileSync(tls.cert, 'utf8');
    upstream = await startEchoUpstream();
    const [httpPort, httpsPort] = [await freePort(), await freePort()];
    http = `http://127.0.0.1:${httpPort}`;
    https = `https://127.0.0.1:${httpsPort}`;
    rendered = render(join(dir, 'run'), {
      API_UPSTREAM: `127.0.0.1:${upstream.port}`,
      NGINX_LISTEN: `127.0.0.1:${httpPort}`,
      NGINX_TLS_LISTEN: `127.0.0.1:${httpsPort}`,
      NGINX_TLS_CERT: tls.cert,
      NGINX_TLS_KEY: tls.key,
      NGINX_WEB_ROOT: join(dir, 'html'),
      NGINX_TEMP_DIR: join(dir, 'run'),
    });
    nginx = startNginx(rendered);
    await waitForHttp(`${http}/nginx-health`, nginx, 30_000);
  });

  afterAll(async () => {
    await nginx?.stop();
    await upstream?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('passes nginx -t with the certificate, and fails it when the certificate is missing', async () => {
    const check = await checkNginx(rendered);
    expect(check.code, check.output).toBe(0);
    expect(rendered.args.join(' ')).toMatch(/nginx-tls\.conf/);

    const broken = render(join(dir, 'broken'), { ...rendered.env, NGINX_TLS_CERT: join(dir, 'tls/missing.crt') });
    const failed = await checkNginx(broken);
    expect(failed.code).not.toBe(0);
    expect(failed.output).toMatch(/missing\.crt/);
  });

  it('serves the app over HTTPS with HSTS and the security headers', async () => {
    const res = await rawRequest(`${https}/forecasts/BTC`, { ca });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(INDEX);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  });

  it('tells the API the request came over HTTPS', async () => {
    const res = await rawRequest(`${https}/api/v1/auth/me`, { ca });
    expect(res.status).toBe(200);
    expect(upstream.seen.at(-1)).toMatchObject({ url: '/api/v1/auth/me', headers: { 'x-forwarded-proto': 'https' } });
  });

  it('redirects plain HTTP to HTTPS, keeping host, path and query, but answers the container probe', async () => {
    const res = await rawRequest(`${http}/regimes/SPY?range=1y`, { headers: { host: 'markets.example' } });
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('https://markets.example/regimes/SPY?range=1y');
    const probe = await rawRequest(`${http}/nginx-health`);
    expect(probe.status).toBe(200);
  });
});
