import { copyFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../scripts/web-build.mjs';
import { hasChromium, launchChromium } from './browser';
import { startServerProcess, type ServerProcess } from './server-process';

const OUTPUT = fileURLToPath(new URL('../test-output/e2e', import.meta.url));
/** A symbol our stand-in Yahoo says is gone, so ingest.prices fails for a real reason, in words. */
const GONE = 'E2EGONE';
const YAHOO_SAYS = 'No data found, symbol may be delisted';
const FLAG = 'e2e.dark-launch';

interface OverviewAnswer {
  dependencies: { status: string; checks: Record<string, { ok: boolean }> };
  jobs: { name: string; waiting: number; active: number; delayed: number; failed: number }[];
  schedules: { name: string; enabled: boolean; nextRunAt: string | null }[];
}
interface RunsAnswer {
  runs: { id: string; name: string; status: string; error: string | null }[];
}

/** Yahoo's chart endpoint as it answers for a delisted symbol: 404 with an error document. */
function startGoneYahoo(): Promise<Server> {
  const yahoo = createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ chart: { result: null, error: { code: 'Not Found', description: YAHOO_SAYS } } }));
  });
  return new Promise((resolve) => yahoo.listen(0, '127.0.0.1', () => resolve(yahoo)));
}

/**
 * The Ops page as an admin sees it on a fresh server: dependencies, queue counts, a job that really fails
 * (ingest.prices against a Yahoo that says the symbol is gone) shown in words and retried, a feature flag
 * switched and found in the audit log filtered by action, and the page's fit at 1280 and 1024 px.
 */
describe.skipIf(!hasChromium)('Ops page in Chromium (needs /usr/bin/chromium)', () => {
  let yahoo: Server;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let token: string;

  const api = async <T>(path: string, as = token): Promise<T> => {
    const response = await page.request.get(`${server.url}/api/v1${path}`, {
      headers: { authorization: `Bearer ${as}` },
    });
    expect(response.ok(), `GET ${path}: ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  };
  const ingestRuns = async () => (await api<RunsAnswer>('/jobs/runs?name=ingest.prices')).runs;
  const shot = async (name: string) => {
    const path = join(OUTPUT, name);
    await page.mouse.move(0, 0);
    await page.screenshot({ path, fullPage: true });
    copyFileSync(path, join('/tmp', name));
  };

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    ensureWebBuild();
    yahoo = await startGoneYahoo();
    server = await startServerProcess({
      MARKETLENS_INGEST__SYMBOLS: JSON.stringify([{ symbol: GONE }]),
      MARKETLENS_PROVIDERS__YAHOO__BASE_URL: `http://127.0.0.1:${(yahoo.address() as AddressInfo).port}`,
      MARKETLENS_PROVIDERS__YAHOO__RETRIES: '0',
      // One attempt: the run is failed as soon as Yahoo answers, not after the backoff of three retries.
      MARKETLENS_JOBS__ATTEMPTS: '1',
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const login = await page.request.post(`${server.url}/api/v1/auth/login`, { data: server.admin });
    token = ((await login.json()) as { accessToken: string }).accessToken;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => yahoo?.close(resolve));
  });

  it('shows the dependencies ready, the queue counts of every job and the schedules with their next run', async () => {
    await page.goto(server.url);
    await page.getByTestId('login-email').fill(server.admin.email);
    await page.getByTestId('login-password').fill(server.admin.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-ops').click();
    await page.getByTestId('ops-dependencies').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('ops-dependencies').getAttribute('data-status')).toBe('ok');
    const deps = page.getByTestId('ops-dependency');
    expect(await deps.evaluateAll((els) => els.map((e) => `${e.dataset.name}:${e.dataset.ok}`))).toEqual([
      'database:true',
      'cache:true',
      'queue:true',
    ]);

    const overview = await api<OverviewAnswer>('/ops/overview');
    const rows = page.getByTestId('ops-queue-row');
    await expect.poll(() => rows.count()).toBe(overview.jobs.length);
    expect(await rows.evaluateAll((els) => els.map((e) => e.dataset.name))).toEqual(overview.jobs.map((j) => j.name));
    const ingest = page.locator('[data-testid="ops-queue-row"][data-name="ingest.prices"]');
    for (const state of ['waiting', 'active', 'delayed', 'failed']) {
      expect(await ingest.getAttribute(`data-${state}`), `ingest.prices ${state} before any run`).toBe('0');
    }

    const scheduled = overview.schedules.find((s) => s.enabled && s.nextRunAt)!;
    const schedule = page.locator(`[data-testid="ops-schedule-row"][data-name="${scheduled.name}"]`);
    expect(await schedule.getAttribute('data-next-run')).toBe(scheduled.nextRunAt);
    await expect(schedule.textContent()).resolves.toMatch(/on.*\(in (less than a minute|\d+ (min|h|days))/);
  });

  it('runs ingest.prices, shows why it failed in words and retries it as a new run', async () => {
    await page.getByRole('button', { name: 'Run ingest.prices now' }).click();
    const failed = page.locator('[data-testid="ops-run-row"][data-name="ingest.prices"][data-status="failed"]');
    await failed.first().waitFor({ timeout: 30_000 });
    const [run] = await ingestRuns();
    expect(run?.status).toBe('failed');
    expect(run?.error, 'the provider said why').toContain(YAHOO_SAYS);
    await expect(failed.first().getByTestId('ops-run-error').textContent()).resolves.toBe(run!.error);
    await expect
      .poll(() => page.locator('[data-testid="ops-queue-row"][data-name="ingest.prices"]').getAttribute('data-failed'))
      .toBe('1');

    await failed.first().getByTestId('ops-run-retry').click();
    await expect.poll(async () => (await ingestRuns()).length, { message: 'the retry is a new run' }).toBe(2);
    const [retry, original] = await ingestRuns();
    expect(original?.id).toBe(run!.id);
    await expect
      .poll(() => failed.count(), { timeout: 30_000, message: 'it fails again: Yahoo still says so' })
      .toBe(2);
    expect((await ingestRuns())[0]?.error).toContain(YAHOO_SAYS);
    expect(await page.getByTestId('ops-run-row').first().getAttribute('data-id')).toBe(retry!.id);

    await page.getByTestId('ops-runs-status').selectOption('failed');
    await expect
      .poll(() => page.getByTestId('ops-run-row').evaluateAll((els) => els.map((e) => e.dataset.status)))
      .toEqual(['failed', 'failed']);
    await shot('ops-failed-run.png');
  });

  it('switches a feature flag and finds the switch in the audit log filtered by action', async () => {
    await page.getByTestId('ops-flag-key').fill(FLAG);
    await page.getByTestId('ops-flag-description').fill('E2E: a flag switched from the Ops page');
    await page.getByTestId('ops-flag-create').click();
    const flag = page.locator(`[data-testid="ops-flag"][data-key="${FLAG}"]`);
    await flag.waitFor();
    expect(await flag.getAttribute('data-enabled'), 'a new flag starts off').toBe('false');
    await flag.getByTestId('ops-flag-toggle').click();
    await expect.poll(() => flag.getAttribute('data-enabled')).toBe('true');
    const flags = await api<{ flags: { key: string; enabled: boolean }[] }>('/ops/flags');
    expect(flags.flags.find((f) => f.key === FLAG)?.enabled, 'the server has it on').toBe(true);

    await page.getByTestId('ops-audit-action').selectOption('flags.update');
    const auditRows = page.getByTestId('ops-audit-row');
    await expect
      .poll(() => auditRows.evaluateAll((els) => els.map((e) => `${e.dataset.action} ${e.dataset.target}`)))
      .toEqual([`flags.update ${FLAG}`]);
    await expect(auditRows.first().getByTestId('ops-audit-actor-cell').textContent()).resolves.toBe(server.admin.email);
    // jsonb keeps its own key order, so each detail is looked for on its own.
    const details = await auditRows.first().textContent();
    expect(details).toContain('enabled true');
    expect(details).toContain('was false');

    await page.getByTestId('ops-audit-action').selectOption('jobs.');
    await expect
      .poll(() => auditRows.evaluateAll((els) => els.map((e) => e.dataset.action)))
      .toEqual(['jobs.retry', 'jobs.run']);
    await page.getByTestId('ops-audit-action').selectOption('flags.update');
    await shot('ops-audit.png');
  });

  it('is for admins only: an analyst gets no Ops link and a 403 from its API', async () => {
    const email = 'e2e-analyst@example.com';
    const password = 'an-analyst-password-123';
    const created = await page.request.post(`${server.url}/api/v1/users`, {
      headers: { authorization: `Bearer ${token}` },
      data: { email, password, role: 'analyst' },
    });
    expect(created.ok(), await created.text()).toBe(true);
    const login = await page.request.post(`${server.url}/api/v1/auth/login`, { data: { email, password } });
    const analyst = ((await login.json()) as { accessToken: string }).accessToken;
    const refused = await page.request.get(`${server.url}/api/v1/ops/overview`, {
      headers: { authorization: `Bearer ${analyst}` },
    });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const theirs = await context.newPage();
      await theirs.goto(server.url);
      await theirs.getByTestId('login-email').fill(email);
      await theirs.getByTestId('login-password').fill(password);
      await theirs.getByTestId('login-submit').click();
      await theirs.getByTestId('nav-data').waitFor();
      expect(await theirs.getByTestId('nav-ops').count(), 'no Ops link for an analyst').toBe(0);
      await theirs.goto(`${server.url}/ops`);
      await expect.poll(() => new URL(theirs.url()).pathname, { message: 'sent back to Data' }).toBe('/data');
    } finally {
      await context.close();
    }
  });

  it('fits 1280 and 1024 px without scrolling the page sideways', async () => {
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(300);
      const fit = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
        widest: Math.max(
          ...Array.from(document.querySelectorAll('main section'), (el) => el.getBoundingClientRect().right),
        ),
      }));
      expect(fit.scroll, `${width} px: no sideways page scroll`).toBeLessThanOrEqual(fit.client);
      expect(
        fit.widest,
        `${width} px: every panel ends inside the page (wide tables scroll in their own box)`,
      ).toBeLessThanOrEqual(fit.client);
      await shot(`ops-${width}.png`);
    }
  });
});
