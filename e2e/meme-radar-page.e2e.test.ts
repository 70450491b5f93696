import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../scripts/web-build.mjs';
import { hasChromium, launchChromium } from './browser';
import { startServerProcess, type ServerProcess } from './server-process';

const OUTPUT = fileURLToPath(new URL('../test-output/e2e', import.meta.url));
const DEMO = 'SYN-MEME';
/** Flags whose evidence names transactions or bars: the ones the evidence check clicks. */
const EVIDENCE_CODES = ['WASH_CYCLE', 'PUMP_PATTERN'] as const;

interface Token {
  address: string;
  symbol: string;
  synthetic: boolean;
  riskScore: number | null;
}
interface Evidence {
  transactions: string[];
  blocks: number[];
  bars: number[];
  posts: string[];
  addresses: string[];
}
interface Assessment {
  id: string;
  flags: { code: string; level: string; message: string; evidence: Evidence }[];
  diff: { summary: string };
}
interface Timeline {
  price: unknown[];
  flags: { t: number; code: string; assessmentId: string }[];
}

/**
 * The Meme Radar on the synthetic token a fresh server seeds: the list with the API's score, the token page's
 * timeline with its flag markers, a marker's evidence against the stored assessment, what changed, posts with
 * their sentiment labels, and the fit of both pages at 1280 and 1024 px.
 */
describe.skipIf(!hasChromium)('Meme Radar pages in Chromium (needs /usr/bin/chromium)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let token: string;
  let demo: Token;

  const api = async <T>(path: string): Promise<T> => {
    const response = await page.request.get(`${server.url}/api/v1${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.ok(), `GET ${path}: ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  };
  const values = (testId: string) =>
    page.getByTestId(testId).evaluateAll((items) => items.map((i) => i.getAttribute('data-value')));
  const shot = async (name: string) => {
    const path = join(OUTPUT, name);
    await page.mouse.move(0, 0);
    await page.screenshot({ path, fullPage: true });
    copyFileSync(path, join('/tmp', name));
  };
  const pageFits = () =>
    page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    ensureWebBuild();
    server = await startServerProcess();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const login = await page.request.post(`${server.url}/api/v1/auth/login`, { data: server.admin });
    token = ((await login.json()) as { accessToken: string }).accessToken;
    // The demo token is seeded at start-up; its assessments may still be being written.
    const deadline = Date.now() + 90_000;
    let found: Token | undefined;
    while (found?.riskScore == null && Date.now() < deadline) {
      const { tokens } = await api<{ tokens: Token[] }>('/memecoins/tokens');
      found = tokens.find((t) => t.symbol === DEMO);
      if (found?.riskScore == null) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    if (found?.riskScore == null) throw new Error(`${DEMO} was not seeded and assessed within 90 s`);
    demo = found;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the synthetic demo token with the score the API gives it', async () => {
    await page.goto(server.url);
    await page.getByTestId('login-email').fill(server.admin.email);
    await page.getByTestId('login-password').fill(server.admin.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-memecoins').click();
    const row = page.locator(`[data-testid="token-row"][data-symbol="${DEMO}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(demo.synthetic, 'the demo token is marked synthetic by the API').toBe(true);
    expect(await row.getByTestId('synthetic-badge').count(), 'and on the page').toBe(1);
    expect(await row.getByTestId('risk-score').getAttribute('data-score')).toBe(String(demo.riskScore));
    const { collectors } = await api<{ collectors: unknown[] }>('/memecoins/collectors');
    await expect
      .poll(() => page.getByTestId('collector').count(), { message: 'every collector listed' })
      .toBe(collectors.length);
    expect(await page.getByTestId('add-token-form').count(), 'the admin may add tokens').toBe(1);
    await shot('meme-radar-list.png');
  });

  it('opens the token: one timeline with the price and a marker per flag and time', async () => {
    await page.locator(`[data-testid="token-row"][data-symbol="${DEMO}"]`).getByTestId('token-link').click();
    await expect.poll(() => page.getByTestId('token-symbol').textContent()).toBe(DEMO);
    expect(await page.getByTestId('token-address').getAttribute('data-value')).toBe(demo.address);
    const timeline = await api<Timeline>(`/memecoins/tokens/${demo.address}/timeline`);
    const chart = page.getByTestId('meme-timeline');
    await expect
      .poll(() => chart.getAttribute('data-price-points'), { timeout: 30_000 })
      .toBe(String(timeline.price.length));
    expect(
      await page.getByTestId('meme-timeline-chart').locator('canvas').count(),
      'the chart is drawn',
    ).toBeGreaterThan(0);
    // One marker per flag code and time: assessments repeating a flag at the same evidence time share it.
    const distinct = new Set(timeline.flags.map((f) => `${f.code}@${f.t}`)).size;
    expect(distinct, 'the demo timeline has flags').toBeGreaterThan(0);
    expect(await chart.getAttribute('data-markers')).toBe(String(distinct));
    await expect.poll(() => page.getByTestId('flag-marker').count()).toBe(distinct);
  });

  it("shows a clicked marker's evidence exactly as the assessment stores it", async () => {
    let checked = 0;
    for (const code of EVIDENCE_CODES) {
      const marker = page.locator(`[data-testid="flag-marker"][data-code="${code}"]`).first();
      if ((await marker.count()) === 0) continue;
      const assessmentId = (await marker.getAttribute('data-assessment-id'))!;
      await marker.click();
      const panel = page.getByTestId('flag-evidence');
      await expect.poll(() => panel.getAttribute('data-code')).toBe(code);
      const assessment = await api<Assessment>(`/memecoins/assessments/${assessmentId}`);
      const flag = assessment.flags.find((f) => f.code === code)!;
      expect(flag, `${code} is in the assessment the marker names`).toBeTruthy();
      await expect.poll(() => page.getByTestId('flag-evidence-message').textContent()).toBe(flag.message);
      expect(await values('evidence-tx'), `${code}: the same transactions, in order`).toEqual(
        flag.evidence.transactions,
      );
      expect(await values('evidence-bar'), `${code}: the same bars`).toEqual(flag.evidence.bars.map(String));
      expect(await values('evidence-block')).toEqual(flag.evidence.blocks.map(String));
      expect(await values('evidence-address')).toEqual(flag.evidence.addresses);
      if (flag.evidence.transactions.length > 0) {
        const first = page.getByTestId('evidence-tx').first();
        expect(await first.getAttribute('href'), 'synthetic hashes are not linked to Etherscan').toBeNull();
        expect(await first.getAttribute('title')).toBe(flag.evidence.transactions[0]);
      }
      await shot(`meme-token-evidence-${code.toLowerCase()}.png`);
      checked += 1;
    }
    expect(checked, 'the demo timeline has a PUMP_PATTERN or WASH_CYCLE marker').toBeGreaterThan(0);
  });

  it("says what changed with the latest assessment's own summary", async () => {
    const { latest } = await api<{ latest: Assessment | null }>(`/memecoins/tokens/${demo.address}`);
    expect(latest, 'the demo token has a latest assessment').not.toBeNull();
    await expect.poll(() => page.getByTestId('diff-summary').textContent()).toBe(latest!.diff.summary);
    expect(await page.getByTestId('current-flag').count()).toBe(latest!.flags.length);
  });

  it('labels the recent posts with their sentiment', async () => {
    const { posts } = await api<{ posts: { id: string; label: string }[] }>(
      `/memecoins/tokens/${demo.address}/posts?limit=30`,
    );
    expect(posts.length, 'the demo token has posts').toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('post').count()).toBe(posts.length);
    const shown = await page
      .getByTestId('post')
      .evaluateAll((items) => items.map((i) => [i.getAttribute('data-id'), i.getAttribute('data-label')]));
    expect(shown).toEqual(posts.map((p) => [p.id, p.label]));
    const labels = await page.getByTestId('post-label').allTextContents();
    expect(labels.every((l) => ['positive', 'negative', 'neutral'].includes(l))).toBe(true);
  });

  it('fits 1280 and 1024 px without scrolling the page sideways', async () => {
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForLoadState('networkidle');
      const fit = await pageFits();
      expect(fit.scroll, `token page at ${width} px: no sideways page scroll`).toBeLessThanOrEqual(fit.client);
      await shot(`meme-token-${width}.png`);
    }
    await page.getByTestId('nav-memecoins').click();
    await page.locator(`[data-testid="token-row"][data-symbol="${DEMO}"]`).waitFor();
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForLoadState('networkidle');
      const fit = await pageFits();
      expect(fit.scroll, `list page at ${width} px: no sideways page scroll`).toBeLessThanOrEqual(fit.client);
      await shot(`meme-radar-${width}.png`);
    }
  });
});
