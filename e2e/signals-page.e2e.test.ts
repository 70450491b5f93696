import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../scripts/web-build.mjs';
import { hasChromium, launchChromium } from './browser';
import { startServerProcess, type ServerProcess } from './server-process';

const OUTPUT = fileURLToPath(new URL('../test-output/e2e', import.meta.url));
const DEMO = 'SYN-BTC';
const LIVE = 'E2E-LIVE';
const NAME = 'ema-cross-e2e';
const ENTRY = 'crosses_above(ema(close, 5), sma(close, 20))';
const EXIT = 'crosses_below(ema(close, 5), sma(close, 20))';
const TYPO = 'crosses_above(ema(close, 5), smaa(close, 20))';

/**
 * A daily series whose fast EMA crosses its slow SMA every few weeks (a slow sine on a drift): stored whole as
 * the replay's source, and its first half as the live instrument the engine warms up on; POST /replays then
 * streams the second half into the live instrument.
 */
function liveCsvParts(): [string, string] {
  const header = 'Date,Open,High,Low,Close,Volume';
  const rows: string[] = [];
  const level = (i: number) => 100 + 10 * Math.sin(i / 6) + i * 0.05;
  for (let i = 0; i < 200; i++) {
    const [open, close] = [level(i - 1), level(i)];
    const date = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const high = (Math.max(open, close) * 1.01).toFixed(2);
    const low = (Math.min(open, close) * 0.99).toFixed(2);
    rows.push(`${date},${open.toFixed(2)},${high},${low},${close.toFixed(2)},1000`);
  }
  return [`${[header, ...rows.slice(0, 100)].join('\n')}\n`, `${[header, ...rows].join('\n')}\n`];
}

describe.skipIf(!hasChromium)('Signals pages in Chromium (needs /usr/bin/chromium)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let trades = 0;
  const files = join(tmpdir(), `ml-e2e-signals-${process.pid}`);
  const [firstPart, wholeSeries] = liveCsvParts();

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    mkdirSync(files, { recursive: true });
    ensureWebBuild();
    server = await startServerProcess();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a typo in a rule at its column, then creates the strategy', async () => {
    await page.goto(server.url);
    await page.getByTestId('login-email').fill(server.admin.email);
    await page.getByTestId('login-password').fill(server.admin.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-signals').click();
    await page.getByTestId('strategy-new').click();
    await page.getByTestId('strategy-name').fill(NAME);
    await page.getByTestId('strategy-timeframe').selectOption('1d');
    await page.getByTestId('strategy-entry').fill(TYPO);
    await page.getByTestId('strategy-exit').fill(EXIT);

    const column = TYPO.indexOf('smaa');
    const mark = page.getByTestId('rule-error-mark-entry');
    await mark.waitFor();
    expect(await mark.getAttribute('data-position'), 'the 0-based column of the unknown name').toBe(String(column));
    expect(await mark.textContent(), 'the unknown name itself is underlined').toBe('smaa');
    await expect(page.getByTestId('rule-error-entry').textContent()).resolves.toMatch(
      new RegExp(`column ${column + 1}: unknown indicator 'smaa'`, 'i'),
    );
    // On screen too: the underline starts where the text before it ends in the textarea's own font.
    const offset = await page.evaluate(
      ({ prefix }) => {
        const area = document.querySelector<HTMLTextAreaElement>('[data-testid="strategy-entry"]')!;
        const marked = document.querySelector('[data-testid="rule-error-mark-entry"]')!;
        const style = getComputedStyle(area);
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const textLeft =
          area.getBoundingClientRect().left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
        return { drawn: marked.getBoundingClientRect().left - textLeft, expected: context.measureText(prefix).width };
      },
      { prefix: TYPO.slice(0, column) },
    );
    expect(Math.abs(offset.drawn - offset.expected), 'the mark sits under the typo').toBeLessThan(2);
    expect(await page.getByTestId('rule-error-mark-exit').count(), 'the exit rule is fine').toBe(0);
    await page.screenshot({ path: join(OUTPUT, 'signals-strategy-error.png') });

    await page.getByTestId('strategy-entry').fill(ENTRY);
    await expect.poll(() => page.getByTestId('strategy-check').textContent()).toMatch(/^Valid/);
    expect(await mark.count(), 'the mark goes away with the typo').toBe(0);
    await page.getByTestId('strategy-save').click();
    await page.waitForURL(/\/signals\/strategies\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: NAME }).waitFor();
    await expect(page.getByTestId('strategy-saved').textContent()).resolves.toBe('Saved as version 1.');
  });

  it('backtests it on the demo daily series and marks every entry and exit on the candles', async () => {
    await page.getByTestId('backtest-symbol').selectOption(DEMO);
    await page.getByTestId('backtest-run').click();
    await page.waitForURL(/\/signals\/backtests\/[0-9a-f-]{36}$/);
    const chart = page.locator('[data-testid="trade-chart"][data-markers]');
    await chart.waitFor({ timeout: 90_000 });
    trades = Number(await page.getByTestId('trade-table').getAttribute('data-trades'));
    expect(trades, 'the EMA/SMA cross trades on the demo series').toBeGreaterThan(10);
    expect(Number(await chart.getAttribute('data-markers')), 'an entry and an exit per trade').toBe(2 * trades);
    expect(Number(await chart.getAttribute('data-bars')), 'the demo has ten years of daily bars').toBeGreaterThan(3000);
    await expect(page.getByTestId('backtest-verdict').textContent()).resolves.toMatch(/buy-and-hold's [+-][\d,.]+%/);
    await expect(page.getByTestId('backtest-metric-totalReturn').textContent()).resolves.toMatch(/%.*%/);
    expect(Number(await page.getByTestId('equity-chart').getAttribute('data-points'))).toBeGreaterThan(100);
    await page.getByTestId('drawdown-chart').locator('svg path').first().waitFor();
    // Away from the charts, so no tooltip covers them in the pictures.
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(OUTPUT, 'signals-backtest.png') });
    await page.locator('section', { has: chart }).screenshot({ path: join(OUTPUT, 'signals-backtest-chart.png') });
    await page.screenshot({ path: join(OUTPUT, 'signals-backtest-full.png'), fullPage: true });
  });

  it('sorts the trade table by any column and downloads it as CSV in that order', async () => {
    const returns = () =>
      page.getByTestId('trade-row').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-return'))));
    await page.getByTestId('trades-sort-returnPct').click();
    const best = await returns();
    expect(best, 'every trade is listed').toHaveLength(trades);
    expect(best, 'best first').toEqual([...best].sort((a, b) => b - a));
    await page.getByTestId('trades-sort-returnPct').click();
    const worst = await returns();
    expect(worst, 'a second click reverses it').toEqual([...best].sort((a, b) => a - b));
    await page.getByTestId('trades-sort-bars').click();
    const bars = await page
      .getByTestId('trade-row')
      .evaluateAll((rows) => rows.map((row) => Number((row as HTMLTableRowElement).cells[7]?.textContent)));
    expect(bars).toEqual([...bars].sort((a, b) => a - b));
    await page.getByTestId('trades-sort-returnPct').click();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('trades-export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${DEMO}-${NAME}-v1-trades-.*\\.csv$`));
    const lines = readFileSync(await download.path(), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe('trade,side,signal_time,entry_time,entry_price,exit_time,exit_price,return,bars,exit_reason');
    expect(lines, 'a header and one row per trade').toHaveLength(trades + 1);
    const csvReturns = lines.slice(1).map((line) => Number(line.split(',')[7]));
    expect(csvReturns, 'the rows in the order shown, at full precision').toEqual(await returns());
    await page.getByTestId('trade-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT, 'signals-trades-sorted.png') });
  });

  it('enables it live on a new instrument, switches it off and on, and shows replayed signals without a reload', async () => {
    // The anchor: the new series' first part, uploaded on the Data page.
    const first = join(files, `${LIVE}.csv`);
    writeFileSync(first, firstPart);
    await page.getByTestId('nav-data').click();
    await page.getByTestId('upload-symbol').fill(LIVE);
    await page.getByTestId('upload-file').setInputFiles(first);
    await page.getByTestId('upload-submit').click();
    await expect(page.getByTestId('upload-summary').textContent()).resolves.toMatch(/100/);

    await page.getByTestId('nav-signals').click();
    await page.getByTestId(`strategy-row-${NAME}`).getByRole('link').click();
    // An edit is a new version; the live run takes the one on screen.
    await page.getByTestId('strategy-feePct').fill('0.2');
    await page.getByTestId('strategy-save').click();
    await expect(page.getByTestId('strategy-saved').textContent()).resolves.toBe('Saved as version 2.');
    expect(await page.getByTestId('strategy-versions').getByRole('button').count()).toBe(2);
    await page.getByTestId('deploy-symbol').selectOption(LIVE);
    await page.getByTestId('deploy-submit').click();
    await page.getByTestId('deploy-done').waitFor();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(OUTPUT, 'signals-strategy.png'), fullPage: true });
    const row = page.getByTestId(`deployment-row-${LIVE}`);
    await expect.poll(() => row.getAttribute('data-enabled')).toBe('true');
    await page.getByTestId(`deployment-toggle-${LIVE}`).click();
    await expect.poll(() => row.getAttribute('data-enabled'), { message: 'disabled' }).toBe('false');
    await page.getByTestId(`deployment-toggle-${LIVE}`).click();
    await expect.poll(() => row.getAttribute('data-enabled'), { message: 'enabled again' }).toBe('true');

    await page.getByTestId('nav-signals').click();
    await page.locator('[data-testid="signal-stream-status"][data-status="open"]').waitFor();
    const feed = page.getByTestId('signal-feed');
    const before = Number(await feed.getAttribute('data-count'));
    // Survives only if the page is never reloaded.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    // Replay: the second half of the source series streams into the live instrument, 25 bars a second, as
    // closed bars written one by one; the engine wakes on each.
    const token = await accessToken(page, server);
    const headers = { authorization: `Bearer ${token}` };
    const source = await page.request.post(
      `${server.url}/api/v1/instruments/${LIVE}-SRC/import?timeframe=1d&timezone=UTC`,
      {
        headers,
        multipart: { file: { name: `${LIVE}-SRC.csv`, mimeType: 'text/csv', buffer: Buffer.from(wholeSeries) } },
      },
    );
    expect(source.status(), await source.text()).toBe(200);
    const replay = await page.request.post(`${server.url}/api/v1/replays`, {
      headers,
      data: { symbol: `${LIVE}-SRC`, timeframe: '1d', from: '2024-04-10T00:00:00Z', storeAs: LIVE, speed: 25 * 86_400 },
    });
    expect(replay.status(), await replay.text()).toBe(202);

    await expect
      .poll(async () => Number(await feed.getAttribute('data-count')), {
        message: 'signals arrive over the stream',
        timeout: 30_000,
      })
      .toBeGreaterThan(before);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    const fresh = page.locator('[data-testid="signal-item"][data-fresh="yes"]');
    expect(await fresh.count(), 'the new signals came through the stream').toBeGreaterThan(0);

    await fresh.first().getByRole('button').click();
    const evidence = page.getByTestId('signal-evidence');
    await evidence.waitFor();
    expect([ENTRY, EXIT]).toContain(await evidence.getByTestId('signal-evidence-rule').textContent());
    const indicators = await evidence.getByTestId('signal-evidence-indicator').allTextContents();
    expect(indicators.join(' | '), 'the values the rule compared').toMatch(/ema\(close, 5\)\d/);
    expect(indicators.join(' | ')).toMatch(/sma\(close, 20\)\d/);
    await expect(row.count(), 'the paper account is listed on the Signals page').resolves.toBe(1);
    await expect
      .poll(() => row.getAttribute('data-last-bar'), {
        message: 'the engine processed the replayed bars',
        timeout: 30_000,
      })
      .toBe('2024-07-18T00:00:00.000Z');
    await page.getByTestId(`deployment-trades-${LIVE}`).click();
    await expect
      .poll(() => page.getByTestId('paper-trades').locator('tbody tr').count(), { message: 'closed paper trades' })
      .toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(OUTPUT, 'signals-live-feed.png') });

    const all = Number(await feed.getAttribute('data-count'));
    await page.getByTestId('signal-filter-action').selectOption('enter_long');
    await expect.poll(() => feed.getAttribute('data-count').then(Number)).toBeLessThan(all);
    const labels = await page.getByTestId('signal-item').getByRole('button').allTextContents();
    for (const label of labels) expect(label, 'only entries are left').toMatch(/^Enter long/);
    await page.getByTestId('signal-filter-action').selectOption('');
    await expect.poll(() => feed.getAttribute('data-count').then(Number)).toBe(all);
  });

  it('shows a viewer the same pages read-only: no saving, backtesting or switching', async () => {
    const viewer = { email: 'viewer@e2e.test', password: 'viewer-password-1' };
    const created = await page.request.post(`${server.url}/api/v1/users`, {
      headers: { authorization: `Bearer ${await accessToken(page, server)}` },
      data: { ...viewer, role: 'viewer' },
    });
    expect(created.ok(), await created.text()).toBe(true);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const viewerPage = await context.newPage();
    try {
      await viewerPage.goto(server.url);
      await viewerPage.getByTestId('login-email').fill(viewer.email);
      await viewerPage.getByTestId('login-password').fill(viewer.password);
      await viewerPage.getByTestId('login-submit').click();
      await viewerPage.getByTestId('nav-signals').click();
      await viewerPage.getByTestId(`deployment-row-${LIVE}`).waitFor();
      expect(await viewerPage.getByTestId('strategy-new').count(), 'no New strategy').toBe(0);
      expect(await viewerPage.getByTestId(`deployment-toggle-${LIVE}`).count(), 'no switch').toBe(0);
      expect(Number(await viewerPage.getByTestId('signal-feed').getAttribute('data-count'))).toBeGreaterThan(0);
      await viewerPage.getByTestId(`strategy-row-${NAME}`).getByRole('link').click();
      await viewerPage.getByTestId('strategy-entry').waitFor();
      expect(await viewerPage.getByTestId('strategy-entry').getAttribute('readonly')).not.toBeNull();
      expect(await viewerPage.getByTestId('strategy-save').count(), 'no save').toBe(0);
      expect(await viewerPage.getByTestId('backtest-run').count(), 'no backtest form').toBe(0);
      expect(await viewerPage.getByTestId('deploy-submit').count(), 'no enabling').toBe(0);
      await viewerPage.getByTestId('backtest-list').getByRole('link').first().click();
      await viewerPage.locator('[data-testid="trade-chart"][data-markers]').waitFor({ timeout: 30_000 });
      await viewerPage.mouse.move(0, 0);
      await viewerPage.screenshot({ path: join(OUTPUT, 'signals-viewer-backtest.png') });
    } finally {
      await context.close();
    }
  });
});

/** A direct API call with its own login (the web app keeps its access token in memory). */
async function accessToken(page: Page, server: ServerProcess): Promise<string> {
  const response = await page.request.post(`${server.url}/api/v1/auth/login`, { data: server.admin });
  return ((await response.json()) as { accessToken: string }).accessToken;
}
