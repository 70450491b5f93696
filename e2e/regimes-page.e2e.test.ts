import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../scripts/web-build.mjs';
import { hasChromium, launchChromium } from './browser';
import { startServerProcess, type ServerProcess } from './server-process';

const OUTPUT = fileURLToPath(new URL('../test-output/e2e', import.meta.url));
const DEMO = 'SYN-EQ';

describe.skipIf(!hasChromium)('Regimes page in Chromium (needs /usr/bin/chromium)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    ensureWebBuild();
    // A low inline limit sends the demo fit through the job queue, so the page has to poll a queued fit.
    server = await startServerProcess({ MARKETLENS_REGIMES__INLINE_MAX_WORK: '1000' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('fits 3 regimes on the synthetic demo equity and shows the shaded chart, stats, matrix and current probabilities', async () => {
    await page.goto(server.url);
    await page.getByTestId('login-email').fill(server.admin.email);
    await page.getByTestId('login-password').fill(server.admin.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-regimes').click();
    const symbol = page.getByTestId('regimes-symbol');
    await symbol.waitFor();
    await expect(symbol.textContent()).resolves.toContain(`${DEMO} (synthetic)`);
    await symbol.selectOption(DEMO);
    await page.getByTestId('regimes-states').selectOption('3');
    await page.evaluate(() => {
      // Records every phase the progress bar shows; the fit may finish between two polls of the test.
      const seen: string[] = [];
      (window as unknown as { progressPhases: string[] }).progressPhases = seen;
      new MutationObserver(() => {
        const phase = document.querySelector('[data-testid="regimes-progress"]')?.getAttribute('data-phase');
        if (phase && seen.at(-1) !== phase) seen.push(phase);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await page.getByTestId('regimes-run').click();

    const chart = page.locator('[data-testid="regime-chart"][data-states="3"]');
    await chart.waitFor({ timeout: 90_000 });
    expect(Number(await chart.getAttribute('data-points')), 'one point per feature row').toBeGreaterThan(1000);
    const phases = await page.evaluate(() => (window as unknown as { progressPhases: string[] }).progressPhases);
    expect(phases, 'the queued job showed its progress').toContain('queued');
    await expect(page.getByTestId('regimes-progress').count(), 'the bar goes away when the fit is done').resolves.toBe(
      0,
    );
    await expect(page.getByTestId('chart-synthetic-label').textContent()).resolves.toMatch(/synthetic/i);

    const statRows = page.locator('[data-testid^="regime-stat-row-"]');
    expect(await statRows.count()).toBe(3);
    const names = await page.getByTestId('regime-stat-name').allTextContents();
    expect(names).toHaveLength(3);
    for (const name of names) expect(name, 'every regime is named (e.g. "bull / low vol")').toMatch(/vol/i);
    // Annualised mean and volatility come out as percentages.
    await expect(statRows.first().textContent()).resolves.toMatch(/%/);

    const transmat = page.getByTestId('regime-transmat');
    expect(await transmat.locator('tbody tr').count()).toBe(3);
    for (let i = 0; i < 3; i++) expect(await transmat.locator('tbody tr').nth(i).locator('td').count()).toBe(3);

    const probs = await page
      .locator('[data-testid^="regime-current-"]')
      .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-prob'))));
    expect(probs).toHaveLength(3);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);

    // Price and probabilities share one time axis: both start on the fit's first row and end on its last.
    await page.getByTestId('regime-probs-readout').waitFor();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="regime-chart"]')?.hasAttribute('data-visible-to'),
    );
    const axis = await chart.evaluate((el) => ({ ...(el as HTMLElement).dataset }));
    expect(axis.visibleFrom, 'the chart starts on the first row of the fit').toBe(axis.first);
    expect(axis.visibleTo, 'the chart ends on the last row of the fit').toBe(axis.last);
    // Sticky nav would be drawn mid-page in a full-page shot taken while scrolled.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(OUTPUT, 'regimes-page.png'), fullPage: true });
  });

  it('exports the path and the probabilities of every row as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('regime-export-csv').click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8')
      .trimEnd()
      .split('\n');
    expect(csv[0]).toMatch(/^date,close,state,state_name,p_0 [^,]+,p_1 [^,]+,p_2 [^,]+$/);
    const points = Number(await page.getByTestId('regime-chart').getAttribute('data-points'));
    expect(csv.length - 1, 'every feature row, not the downsampled chart').toBeGreaterThanOrEqual(points);
    const probs = csv[1]!.split(',').slice(4).map(Number);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('exports the model as JSON', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('regime-export-model').click(),
    ]);
    const model = JSON.parse(readFileSync(await download.path(), 'utf8')) as Record<string, unknown>;
    expect(typeof model, 'a JSON object').toBe('object');
    expect(Object.keys(model).length).toBeGreaterThan(0);
  });

  it('explains in words why a date range with too few rows for K cannot be fitted', async () => {
    const last = await lastBarDate(page, server, DEMO);
    const from = new Date(Date.parse(last) - 10 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('regimes-from').fill(from);
    await page.getByTestId('regimes-to').fill(last.slice(0, 10));
    await page.getByTestId('regimes-states').selectOption('3');
    await page.getByTestId('regimes-run').click();
    const error = page.getByTestId('regime-error');
    await error.waitFor({ timeout: 60_000 });
    const text = (await error.textContent()) ?? '';
    expect(text).toMatch(/rows|bars|too few|insufficient/i);
    expect(text, 'no raw codes or stack traces').not.toMatch(/\bat \w+ \(|INTERNAL/);
    await error.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT, 'regimes-page-error.png') });
  });
});

/** The demo series' last bar, read through the API with its own login (the app keeps its token in memory). */
async function lastBarDate(page: Page, server: ServerProcess, symbol: string): Promise<string> {
  const login = await page.request.post(`${server.url}/api/v1/auth/login`, { data: server.admin });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const response = await page.request.get(`${server.url}/api/v1/instruments`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const body = (await response.json()) as {
    instruments: { symbol: string; timeframes: { timeframe: string; last: string }[] }[];
  };
  const last = body.instruments.find((i) => i.symbol === symbol)?.timeframes.find((t) => t.timeframe === '1d')?.last;
  if (!last) throw new Error(`${symbol} has no daily bars`);
  return last;
}
