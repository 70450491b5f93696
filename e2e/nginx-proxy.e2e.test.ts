import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitForHttp, type LoggedProcess } from '../deploy/test/support/process';
import { NGINX_BINARY, renderNginx, startNginx } from '../deploy/test/support/nginx-config';
import { ensureWebBuild, webDist } from '../scripts/web-build.mjs';
import { hasChromium, launchChromium } from './browser';
import { startServerProcess, type ServerProcess } from './server-process';

// The distributed-mode front door in a real browser: the web image's nginx (rendered from
// deploy/docker/nginx*.conf as the container does) serves the built app and proxies /api to a real server.
// The app must log in and load its data through nginx alone, with nginx's Content-Security-Policy in force.

const OUTPUT = fileURLToPath(new URL('../test-output/e2e', import.meta.url));
const reason = !hasChromium ? ' (skipped: needs /usr/bin/chromium)' : '';

describe.skipIf(!hasChromium)(`the app behind the web image's nginx${reason}`, () => {
  let server: ServerProcess;
  let nginx: LoggedProcess;
  let browser: Browser;
  let page: Page;
  let dir: string;
  let site: string;
  const problems: string[] = [];
  const apiCalls: { url: string; status: number }[] = [];

  beforeAll(async () => {
    if (!NGINX_BINARY) throw new Error('nginx is not installed: apt-get install -y nginx (Debian package "nginx")');
    mkdirSync(OUTPUT, { recursive: true });
    ensureWebBuild();
    server = await startServerProcess();
    dir = mkdtempSync(join(tmpdir(), 'ml-e2e-nginx-'));
    // nginx started as root serves as nobody: a world-readable copy of the build, like the image's own copy.
    chmodSync(dir, 0o755);
    cpSync(webDist, join(dir, 'html'), { recursive: true });
    const port = await freePort();
    site = `http://127.0.0.1:${port}`;
    nginx = startNginx(
      renderNginx(join(dir, 'run'), {
        API_UPSTREAM: new URL(server.url).host,
        NGINX_LISTEN: `127.0.0.1:${port}`,
        NGINX_WEB_ROOT: join(dir, 'html'),
        NGINX_TEMP_DIR: join(dir, 'run'),
      }),
    );
    await waitForHttp(`${site}/nginx-health`, nginx, 30_000);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(msg.text());
    });
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('response', (res) => {
      if (new URL(res.url()).pathname.startsWith('/api/')) apiCalls.push({ url: res.url(), status: res.status() });
    });
  });

  afterAll(async () => {
    await browser?.close();
    await nginx?.stop();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens a deep link, logs in with the printed admin login and shows the demo instruments', async () => {
    await page.goto(`${site}/data`);
    await page.getByTestId('login-email').fill(server.admin.email);
    await page.getByTestId('login-password').fill(server.admin.password);
    await page.getByTestId('login-submit').click();
    const demoRow = page.locator('[data-testid^="instrument-row-SYN"]').first();
    await demoRow.waitFor();
    await expect(demoRow.textContent()).resolves.toMatch(/synthetic/i);
    await page.screenshot({ path: join(OUTPUT, 'nginx-proxy-data-page.png') });

    const login = apiCalls.find((c) => c.url.endsWith('/api/v1/auth/login'));
    expect(login, 'the login went through nginx').toEqual({ url: `${site}/api/v1/auth/login`, status: 200 });
    expect(
      apiCalls.every((c) => c.url.startsWith(site)),
      'every API call used the nginx origin',
    ).toBe(true);
    expect(problems, 'no CSP violation or page error').toEqual([]);
  });

  it('keeps the session when a deep link is reloaded (history fallback + refresh through the proxy)', async () => {
    await page.goto(`${site}/regimes`);
    await page.getByTestId('nav-data').waitFor();
    expect(new URL(page.url()).pathname).toBe('/regimes');
    await expect(page.getByTestId('login-email').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });
});
