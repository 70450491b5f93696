import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../scripts/web-build.mjs';
import { hasChromium, launchChromium } from './browser';
import { startServerProcess, type ServerProcess } from './server-process';

const OUTPUT = fileURLToPath(new URL('../test-output/e2e', import.meta.url));
const PRESET = 'momentum-leaders';
const TYPO = 'ret3m > 10% and rsi41 < 70';
const FIXED = 'ret3m > 10% and rsi14 < 70';
const SAVED = 'Momentum, RSI under 70';
/** The sort the table is left in by the sorting test: three clicks on the 1M return. */
const SORT = '-ret1m';
const WATCHLIST = 'E2E picks';
const UNIVERSE = 'E2E small caps';

/**
 * A Nasdaq companylist.csv of six rows under rules with a $3B maximum: the two demo symbols given are members
 * (they have bars, so the universe can be screened), three rows fail a rule (cap, price, ETF) and one has no symbol.
 */
const listingCsv = ([first, second]: string[]) =>
  [
    '"Symbol","Name","LastSale","MarketCap","IPOyear","Sector","Industry","Summary Quote",',
    `"${first}","First member","12.5","$500M","2010","Technology","Semiconductors","",`,
    `"${second}","Second member","3.10","$1.2B","n/a","Health Care","Major Pharmaceuticals","",`,
    '"BIGCO","Too Big Corp","80","$25B","1999","Finance","Major Banks","",',
    '"PENNY","Penny Stock Inc","0.50","$400M","2015","Energy","Oil & Gas Production","",',
    '"IDXF","Small Index ETF","25","$900M","n/a","n/a","n/a","",',
    '"","Nameless row","10","$500M","n/a","Finance","Major Banks","",',
  ].join('\n') + '\n';

interface ScreenAnswer {
  total: number;
  fields: string[];
  rows: Record<string, string | number | null>[];
}

/**
 * The Screener on the demo universe a fresh server seeds (synthetic small caps with weekly snapshots): a preset,
 * a filter typed with a mistake and fixed, sorting, the stock drawer, saving, CSV export, the Changes view, and
 * the page's fit at 1280 and 1024 px. Every figure on screen is checked against the API's own answer.
 */
describe.skipIf(!hasChromium)('Screener page in Chromium (needs /usr/bin/chromium)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let token: string;

  const api = async <T>(method: 'GET' | 'POST', path: string, data?: object): Promise<T> => {
    const response = await page.request.fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
      ...(data ? { data } : {}),
    });
    expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  };
  const screenOf = (filter: string, sort: string, view: string) =>
    api<ScreenAnswer>('POST', '/screener/screen', { filter, sort, view, limit: 5000 });
  const drawnSymbols = () =>
    page.getByTestId('screen-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-symbol')));
  const total = () => page.getByTestId('screen-total').getAttribute('data-total').then(Number);
  const shot = async (name: string) => {
    const path = join(OUTPUT, name);
    await page.mouse.move(0, 0);
    await page.screenshot({ path });
    copyFileSync(path, join('/tmp', name));
  };

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    ensureWebBuild();
    server = await startServerProcess();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const login = await page.request.post(`${server.url}/api/v1/auth/login`, { data: server.admin });
    token = ((await login.json()) as { accessToken: string }).accessToken;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens on the synthetic demo universe with every member, a sparkline per row', async () => {
    await page.goto(server.url);
    await page.getByTestId('login-email').fill(server.admin.email);
    await page.getByTestId('login-password').fill(server.admin.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-screener').click();
    await page.getByTestId('screen-row').first().waitFor({ timeout: 60_000 });
    const all = await screenOf('', '-score', 'overview');
    expect(all.total, 'the demo universe has a snapshot with members').toBeGreaterThan(50);
    await expect.poll(total).toBe(all.total);
    await expect(page.getByTestId('screen-status').textContent()).resolves.toMatch(/SYNTHETIC UNIVERSE/);
    expect(await drawnSymbols(), 'best composite score first').toEqual(
      all.rows.slice(0, (await drawnSymbols()).length).map((r) => r.symbol),
    );
    const drawn = await page.getByTestId('screen-table').getAttribute('data-drawn');
    expect(Number(drawn), 'only the rows in view are drawn').toBeLessThan(all.total);
    await expect
      .poll(() => page.getByTestId('sparkline').count(), { message: 'the sparklines arrive in one batch' })
      .toBeGreaterThan(10);
    expect(Number(await page.getByTestId('sparkline').first().getAttribute('data-points'))).toBe(60);

    const quota = await api<{ remaining: number; configured: boolean }>('GET', '/screener/quota');
    const badge = page.getByTestId('quota-status');
    await expect
      .poll(() => badge.getAttribute('data-remaining'), { message: 'the budget is on the page' })
      .toBe(String(quota.remaining));
    // A fresh server has no Alpha Vantage key: prices come from Yahoo and the badge says so.
    await expect(badge.textContent()).resolves.toMatch(quota.configured ? /requests left|limit reached/ : /no API key/);
  });

  it('applies a preset: its filter, sort and columns', async () => {
    const preset = (
      await api<{ presets: { id: string; filter: string; sort: string; view: string }[] }>('GET', '/screener/fields')
    ).presets.find((p) => p.id === PRESET)!;
    await page.getByTestId('screen-preset').selectOption(PRESET);
    await expect.poll(() => page.getByTestId('screen-filter').inputValue()).toBe(preset.filter);
    const expected = await screenOf(preset.filter, preset.sort, preset.view);
    expect(expected.total, 'the preset finds momentum leaders in the demo').toBeGreaterThan(0);
    await expect.poll(total).toBe(expected.total);
    expect(await page.getByTestId(`view-${preset.view}`).getAttribute('aria-checked')).toBe('true');
    expect(await page.getByTestId('sort-ret1w').count(), 'the performance columns').toBe(1);
    await expect.poll(drawnSymbols).toEqual(expected.rows.map((r) => r.symbol));
    await shot('screener-preset.png');
  });

  it('underlines a mistake in the filter at its position, then runs the fixed filter', async () => {
    const before = await total();
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), '/ focuses the filter').toBe(
      'screen-filter',
    );
    await page.getByTestId('screen-filter').fill(TYPO);
    const mark = page.getByTestId('filter-error-mark');
    await mark.waitFor();
    const refused = await page.request.post(`${server.url}/api/v1/screener/screen`, {
      headers: { authorization: `Bearer ${token}` },
      data: { filter: TYPO },
    });
    expect(refused.status()).toBe(400);
    const { details } = ((await refused.json()) as { error: { details: { position: number } } }).error;
    expect(details.position, 'the server places the mistake at the unknown name').toBe(TYPO.indexOf('rsi41'));
    expect(await mark.getAttribute('data-position'), 'the page marks where the server does').toBe(
      String(details.position),
    );
    expect(await mark.textContent()).toBe('rsi41');
    await expect(page.getByTestId('filter-error').textContent()).resolves.toMatch(/^Column 17: expected a field name/);
    // On screen: the underline starts where the text before it ends in the textarea's own font.
    const offset = await page.evaluate(
      (prefix) => {
        const area = document.querySelector<HTMLTextAreaElement>('[data-testid="screen-filter"]')!;
        const marked = document.querySelector('[data-testid="filter-error-mark"]')!;
        const style = getComputedStyle(area);
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const left =
          area.getBoundingClientRect().left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
        return { drawn: marked.getBoundingClientRect().left - left, expected: context.measureText(prefix).width };
      },
      TYPO.slice(0, details.position),
    );
    expect(Math.abs(offset.drawn - offset.expected), 'the mark sits under the mistake').toBeLessThan(2);
    expect(await total(), 'the last good rows stay while the filter is wrong').toBe(before);
    await shot('screener-filter-error.png');

    await page.getByTestId('screen-filter').fill(FIXED);
    await page.getByTestId('screen-filter').press('Enter');
    expect(await mark.count(), 'the mark goes with the mistake').toBe(0);
    const fixed = await screenOf(FIXED, '-score', 'performance');
    await expect.poll(total).toBe(fixed.total);
    await expect.poll(() => page.url()).toContain(`f=${encodeURIComponent(FIXED).replace(/%20/g, '+')}`);
  });

  it('sorts on the server by a column header, biggest first, then reversed', async () => {
    await page.getByTestId('sort-ret1m').click();
    await expect.poll(() => page.getByTestId('sort-ret1m').locator('..').getAttribute('aria-sort')).toBe('descending');
    const down = await screenOf(FIXED, '-ret1m', 'performance');
    await expect.poll(drawnSymbols).toEqual(down.rows.slice(0, (await drawnSymbols()).length).map((r) => r.symbol));
    const values = await page.locator('[data-testid="screen-row"] [data-field="ret1m"]').evaluateAll((cells) =>
      cells
        .map((c) => c.getAttribute('data-value'))
        .filter((v) => v !== '')
        .map(Number),
    );
    expect(values, 'biggest 1M return first').toEqual([...values].sort((a, b) => b - a));
    await page.getByTestId('sort-ret1m').click();
    const up = await screenOf(FIXED, 'ret1m', 'performance');
    await expect
      .poll(drawnSymbols, { message: 'a second click reverses it' })
      .toEqual(up.rows.slice(0, (await drawnSymbols()).length).map((r) => r.symbol));
    await page.getByTestId('sort-ret1m').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('s')).toBe(SORT);
    // The URL changes before React commits the new order: the next test reads the rows, so wait for them.
    await expect
      .poll(drawnSymbols, { message: 'a third click sorts biggest first again' })
      .toEqual(down.rows.slice(0, (await drawnSymbols()).length).map((r) => r.symbol));
  });

  it('opens a stock drawer with its price chart, metrics and regime, by mouse and by keyboard', async () => {
    const first = page.getByTestId('screen-row').first();
    const symbol = (await first.getAttribute('data-symbol'))!;
    await first.click();
    const drawer = page.getByTestId('stock-drawer');
    await expect.poll(() => drawer.getAttribute('data-symbol')).toBe(symbol);
    const chart = page.locator('[data-testid="drawer-price-chart"][data-bars]');
    await chart.waitFor({ timeout: 30_000 });
    expect(Number(await chart.getAttribute('data-bars')), 'a year of daily closes').toBeGreaterThan(200);
    await expect(page.getByTestId('drawer-metric-ret3m').textContent()).resolves.toMatch(/^[+-]?\d[\d,.]*%$/);
    await expect(page.getByTestId('drawer-metric-marketCap').textContent()).resolves.toMatch(/^\$\d[\d.]*[BM]$/);
    await expect(page.getByTestId('drawer-regime').textContent()).resolves.toMatch(/^Regime(.+)$/);
    await expect(page.getByTestId('score-weights').first().textContent()).resolves.toMatch(/3M return \d+%/);
    await shot('screener-drawer.png');
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.count(), { message: 'Escape closes the drawer' }).toBe(0);

    const second = (await drawnSymbols())[1];
    await page.getByTestId('screen-table').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => drawer.getAttribute('data-symbol'), { message: 'arrows and Enter open a row' })
      .toBe(second);
    await page.getByTestId('drawer-close').click();
  });

  it('saves the screen and exports it as CSV in the order shown', async () => {
    await page.getByTestId('saved-screen-save').click();
    await page.getByTestId('saved-screen-name').fill(SAVED);
    await page.getByTestId('saved-screen-submit').click();
    await expect.poll(() => page.url()).toMatch(/saved=[0-9a-f-]{36}/);
    const select = page.getByTestId('saved-screen-select');
    await expect.poll(() => select.locator('option:checked').textContent()).toBe(SAVED);
    const { screens } = await api<{ screens: { name: string; filter: string; sort: string | null; view: string }[] }>(
      'GET',
      '/screener/screens',
    );
    expect(screens.find((s) => s.name === SAVED)).toMatchObject({ filter: FIXED, sort: SORT, view: 'performance' });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('screen-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^screen-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8')
      .trimEnd()
      .split('\n');
    const expected = await screenOf(FIXED, SORT, 'performance');
    expect(lines[0], 'the columns of the view').toBe(expected.fields.join(','));
    expect(lines, 'a header and one line per match').toHaveLength(expected.total + 1);
    const csvSymbols = lines.slice(1).map((l) => l.split(',')[0]);
    expect(csvSymbols, 'in the order of the table').toEqual(expected.rows.map((r) => r.symbol));
    expect(csvSymbols.slice(0, (await drawnSymbols()).length)).toEqual(await drawnSymbols());
  });

  it('shows the Changes between snapshots for the saved screen', async () => {
    await page.getByTestId('screener-tab-changes').click();
    await page.getByTestId('diff-view').waitFor({ timeout: 30_000 });
    const screenId = new URL(page.url()).searchParams.get('saved');
    expect(screenId, 'the tab keeps the saved screen').toBeTruthy();
    expect(await page.getByTestId('changes-screen').inputValue()).toBe(screenId);
    const diff = await api<{ from: string; to: string; entered: unknown[]; left: unknown[]; movers: unknown[] }>(
      'GET',
      `/screener/diffs?screenId=${screenId}&movers=25`,
    );
    await expect(page.getByTestId('diff-summary').textContent()).resolves.toContain(`${diff.from} → ${diff.to}`);
    expect(Number(await page.getByTestId('diff-entered').getAttribute('data-count'))).toBe(diff.entered.length);
    expect(Number(await page.getByTestId('diff-left').getAttribute('data-count'))).toBe(diff.left.length);
    expect(Number(await page.getByTestId('diff-movers').getAttribute('data-count'))).toBe(diff.movers.length);
    expect(diff.entered.length + diff.left.length + diff.movers.length, 'a week changes something').toBeGreaterThan(0);

    const dates = await page.getByTestId('changes-from').locator('option').allTextContents();
    const earliest = dates.at(-1)!;
    await page.getByTestId('changes-from').selectOption(earliest);
    await expect.poll(() => page.getByTestId('diff-summary').textContent()).toContain(`${earliest} → ${diff.to}`);
    await shot('screener-changes.png');
  });

  it('keeps 5,000 rows to a screenful of DOM rows while scrolling to the end', async () => {
    await page.getByTestId('screener-tab-screen').click();
    await page.getByTestId('screen-row').first().waitFor();
    // The demo has a few hundred members: the answer of a 5,000-member universe is made here, in the API's shape.
    const big = await screenOf('', '-score', 'overview');
    const template = big.rows[0]!;
    const rows = Array.from({ length: 5000 }, (_, i) => ({ ...template, symbol: `BIG${String(i).padStart(4, '0')}` }));
    let answered = 0;
    await page.route('**/api/v1/screener/screen', (route) => {
      answered++;
      return route.fulfill({ json: { ...big, total: rows.length, limit: 5000, rows } });
    });
    // Unrouted whatever happens: a failure here must not hand 5,000 made-up rows to the tests after it.
    try {
      await page.getByTestId('view-overview').click();
      await expect
        .poll(() => page.getByTestId('view-overview').getAttribute('aria-checked'), { message: 'Overview is chosen' })
        .toBe('true');
      await expect.poll(() => answered, { message: 'the page asked for the Overview screen' }).toBeGreaterThan(0);
      const table = page.getByTestId('screen-table');
      await expect.poll(() => table.getAttribute('data-rows')).toBe('5000');
      const drawnAtTop = await page.getByTestId('screen-row').count();
      expect(drawnAtTop, 'a screenful plus overscan is drawn, not 5,000').toBeLessThan(60);
      await table.focus();
      await page.keyboard.press('End');
      await expect.poll(() => page.getByTestId('screen-row').last().getAttribute('data-symbol')).toBe('BIG4999');
      expect(await page.getByTestId('screen-row').count(), 'still a screenful at the end').toBeLessThan(60);
      const box = await table.evaluate((el) => ({ top: el.scrollTop, height: el.scrollHeight }));
      expect(box.height, 'the box is as tall as 5,000 rows').toBeGreaterThan(5000 * 25);
      await page.keyboard.press('Home');
      await expect.poll(() => page.getByTestId('screen-row').first().getAttribute('data-symbol')).toBe('BIG0000');
    } finally {
      await page.unroute('**/api/v1/screener/screen');
    }
    await page.getByTestId('view-performance').click();
    await page.getByTestId('screen-row').first().waitFor();
  });

  it('fits 1280 and 1024 px without scrolling the page sideways', async () => {
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      for (const tab of ['screener-tab-changes', 'screener-tab-screen']) {
        await page.getByTestId(tab).click();
        await page.waitForLoadState('networkidle');
        const fit = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
          table: document.querySelector('[data-testid="screen-table"]')?.getBoundingClientRect().right ?? 0,
        }));
        expect(fit.scroll, `${tab} at ${width} px: no sideways page scroll`).toBeLessThanOrEqual(fit.client);
        expect(fit.table, `${tab} at ${width} px: the table box ends inside the page`).toBeLessThanOrEqual(fit.client);
      }
      await shot(`screener-${width}.png`);
    }
  });
  it('adds the stock in the drawer to a new watchlist, lists it in the Watchlists panel and removes it', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const symbol = (await drawnSymbols())[0]!;
    await page.getByTestId('screen-row').first().click();
    const drawer = page.getByTestId('stock-drawer');
    await expect.poll(() => drawer.getAttribute('data-symbol')).toBe(symbol);
    await expect.poll(() => page.getByTestId('watchlist-target').inputValue(), { message: 'no list yet' }).toBe('new');
    await page.getByTestId('watchlist-new-name').fill(WATCHLIST);
    await page.getByTestId('watchlist-add').click();
    await expect(page.getByTestId('watchlist-added').textContent()).resolves.toBe(`Added ${symbol} to “${WATCHLIST}”.`);
    const { watchlists } = await api<{ watchlists: { name: string; symbols: { symbol: string }[] }[] }>(
      'GET',
      '/screener/watchlists',
    );
    expect(watchlists.find((w) => w.name === WATCHLIST)?.symbols.map((s) => s.symbol)).toEqual([symbol]);
    await expect(page.getByTestId('drawer-watchlists-holding').textContent()).resolves.toBe(`On “${WATCHLIST}”`);
    await page.getByTestId('drawer-close').click();

    const list = page.locator(`[data-testid="watchlist"][data-name="${WATCHLIST}"]`);
    await expect
      .poll(() => list.getByTestId('watchlist-symbol').evaluateAll((l) => l.map((s) => s.getAttribute('data-symbol'))))
      .toEqual([symbol]);
    await list.scrollIntoViewIfNeeded();
    await shot('screener-watchlists.png');
    await list.getByRole('button', { name: `Remove ${symbol} from ${WATCHLIST}` }).click();
    await expect.poll(() => list.getAttribute('data-count'), { message: 'the symbol leaves the list' }).toBe('0');
    const after = await api<{ watchlists: { name: string; symbols: unknown[] }[] }>('GET', '/screener/watchlists');
    expect(after.watchlists.find((w) => w.name === WATCHLIST)?.symbols).toEqual([]);
  });

  it('imports a listing through the page, shows what it included and left out, and screens the new universe', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ml-e2e-listing-'));
    const members = (await screenOf('', '-score', 'overview')).rows.slice(0, 2).map((r) => String(r.symbol));
    const listing = join(folder, 'companylist.csv');
    writeFileSync(listing, listingCsv(members));
    const prices = join(folder, 'prices.csv');
    writeFileSync(prices, 'Date,Close\n2025-01-02,10\n');
    // The filter the earlier tests left would hide the new universe's two members: screen everything.
    await page.getByTestId('screen-filter').fill('');
    await page.getByTestId('screen-filter').press('Enter');

    await page.getByTestId('universe-import-open').click();
    await page.getByTestId('universe-import-file').setInputFiles(prices);
    await page.getByTestId('universe-import-name').fill(UNIVERSE);
    await page.getByTestId('universe-import-submit').click();
    await expect(page.getByTestId('universe-import-error').textContent()).resolves.toContain(
      'Line 1: no Symbol column in the header (Date, Close)',
    );

    await page.getByTestId('universe-import-file').setInputFiles(listing);
    await page.getByTestId('universe-import-maxMarketCap').fill('3B');
    await page.getByTestId('universe-import-submit').click();
    await page.getByTestId('universe-import-summary').waitFor();
    expect(await page.getByTestId('universe-import-error').count(), 'the old error is gone').toBe(0);
    const { universes } = await api<{ universes: { id: string; name: string; members: number; rejected: number }[] }>(
      'GET',
      '/screener/universes',
    );
    const created = universes.find((u) => u.name === UNIVERSE)!;
    const detail = await api<{ rules: { maxMarketCap: number }; listing: { symbol: string }[] }>(
      'GET',
      `/screener/universes/${created.id}`,
    );
    expect(detail.rules.maxMarketCap, 'the rule typed on the page').toBe(3e9);
    expect(detail.listing.map((r) => r.symbol).sort()).toEqual([...members].sort());
    const stat = (name: string) => page.getByTestId(`universe-import-${name}`).getAttribute('data-value');
    expect(await stat('rows')).toBe('6');
    expect(await stat('included')).toBe(String(created.members));
    expect(await stat('rejected'), 'cap, price and ETF rules').toBe(String(created.rejected));
    expect(created.rejected).toBe(3);
    expect(await stat('skipped'), 'the row without a symbol').toBe('1');
    await shot('screener-universe-import.png');

    // An imported universe is screened once a snapshot is taken (nightly, or on request as here).
    await api('POST', `/screener/universes/${created.id}/snapshots`, {});
    const picker = page.getByTestId('screener-universe');
    await expect.poll(() => picker.locator(`option[value="${created.id}"]`).count()).toBe(1);
    await picker.selectOption(created.id);
    await expect.poll(() => new URL(page.url()).searchParams.get('u')).toBe(created.id);
    await expect.poll(total, { message: 'the screen runs on the new universe' }).toBe(2);
    expect([...(await drawnSymbols())].sort()).toEqual([...members].sort());
  });
});
