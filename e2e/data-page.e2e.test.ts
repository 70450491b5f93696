import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../scripts/web-build.mjs';
import { hasChromium, launchChromium } from './browser';
import { startServerProcess, type ServerProcess } from './server-process';

const OUTPUT = fileURLToPath(new URL('../test-output/e2e', import.meta.url));

/** A small real-looking daily CSV in Yahoo's layout: 120 weekdays of a random walk. */
function yahooCsv(): string {
  const lines = ['Date,Open,High,Low,Close,Adj Close,Volume'];
  let price = 100;
  const day = Date.UTC(2024, 0, 1);
  for (let i = 0, n = 0; n < 120; i++) {
    const ts = day + i * 86_400_000;
    const weekday = new Date(ts).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const open = price;
    price = Math.max(1, price * (1 + Math.sin(i * 1.7) * 0.02));
    const high = Math.max(open, price) * 1.01;
    const low = Math.min(open, price) * 0.99;
    const date = new Date(ts).toISOString().slice(0, 10);
    lines.push(
      `${date},${open.toFixed(2)},${high.toFixed(2)},${low.toFixed(2)},${price.toFixed(2)},${price.toFixed(2)},${1000 + n}`,
    );
    n++;
  }
  return `${lines.join('\n')}\n`;
}

describe.skipIf(!hasChromium)('Data page in Chromium (needs /usr/bin/chromium)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const files = mkdtempSyncSafe();

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    ensureWebBuild();
    server = await startServerProcess();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('logs in with the printed admin login and shows the synthetic demo candles', async () => {
    await page.goto(server.url);
    await page.getByTestId('login-email').fill(server.admin.email);
    await page.getByTestId('login-password').fill(server.admin.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-data').click();
    const demoRow = page.locator('[data-testid^="instrument-row-SYN"]').first();
    await demoRow.waitFor();
    await expect(demoRow.textContent()).resolves.toMatch(/synthetic/i);
    await demoRow.click();
    const chart = page.getByTestId('price-chart');
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="price-chart"]')?.getAttribute('data-bars')) > 0,
    );
    expect(Number(await chart.getAttribute('data-bars'))).toBeGreaterThan(100);
    await page.screenshot({ path: join(OUTPUT, 'data-page-demo.png') });
  });

  it('uploads a CSV with progress and shows its chart', async () => {
    const csv = join(files, 'ACME.csv');
    writeFileSync(csv, yahooCsv());
    await page.getByTestId('upload-symbol').fill('ACME');
    await page.getByTestId('upload-file').setInputFiles(csv);
    await page.getByTestId('upload-submit').click();
    const summary = page.getByTestId('upload-summary');
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toMatch(/120/);
    await page.getByTestId('instrument-row-ACME').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="price-chart"]')?.getAttribute('data-bars') === '120',
    );
    await page.screenshot({ path: join(OUTPUT, 'data-page-upload.png') });
  });

  it('shows a failing upload its error in words, with the line number', async () => {
    const bad = join(files, 'bad.csv');
    writeFileSync(bad, 'Date,Price2\n2024-01-02,10\n');
    await page.getByTestId('upload-symbol').fill('BAD');
    await page.getByTestId('upload-file').setInputFiles(bad);
    await page.getByTestId('upload-submit').click();
    const error = page.getByTestId('upload-error');
    await error.waitFor();
    const text = (await error.textContent()) ?? '';
    expect(text).toMatch(/line 1/i);
    expect(text).toMatch(/missing/i);
    await page.screenshot({ path: join(OUTPUT, 'data-page-upload-error.png') });
    // Nothing was written for the failed file.
    const response = await page.request.get(`${server.url}/api/v1/instruments`, {
      headers: { authorization: `Bearer ${await accessToken(page, server.admin, server.url)}` },
    });
    const body = (await response.json()) as { instruments: { symbol: string }[] };
    expect(body.instruments.map((i) => i.symbol)).not.toContain('BAD');
  });
});

function mkdtempSyncSafe(): string {
  const dir = join(tmpdir(), `ml-e2e-files-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A direct API check with its own login (the web app keeps its access token in memory). */
async function accessToken(page: Page, admin: { email: string; password: string }, url: string): Promise<string> {
  const response = await page.request.post(`${url}/api/v1/auth/login`, { data: admin });
  return ((await response.json()) as { accessToken: string }).accessToken;
}
