import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../scripts/web-build.mjs';
import { hasChromium, launchChromium } from './browser';
import { startServerProcess, type ServerProcess } from './server-process';

const OUTPUT = fileURLToPath(new URL('../test-output/e2e', import.meta.url));
const DEMO = 'SYN-BTC';
const EXPERIMENT = `forecasts/${DEMO}/1`;
const MODEL = `forecast-${DEMO}-h1`;

describe.skipIf(!hasChromium)('Forecasts and Models pages in Chromium (needs /usr/bin/chromium)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  /** The Directional accuracy cells of the compare table, read on Models and looked for on Forecasts. */
  let compareAccuracy: (string | null)[] = [];

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    ensureWebBuild();
    // The default inline limit trains ridge inside the request (201) and sends gbdt (40x the work) through
    // the job queue (202), so the page has to follow a queued training too.
    server = await startServerProcess();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.getByTestId('login-email').fill(server.admin.email);
    await page.getByTestId('login-password').fill(server.admin.password);
    await page.getByTestId('login-submit').click();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function train(model: string) {
    await page.getByTestId('forecast-model-select').selectOption(model);
    await page.getByTestId('forecast-train').click();
    // The button is disabled while the training (inline or queued) runs, and enabled again when it is done.
    await page.locator('[data-testid="forecast-train"]:disabled').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="forecast-train"]:enabled').waitFor({ timeout: 110_000 });
    await expect(page.getByTestId('forecast-train-error').count(), 'the training succeeded').resolves.toBe(0);
    // The first version is the champion and stays so until a promotion.
    await page.locator('[data-testid="forecast-current"][data-model-version="1"]').waitFor({ timeout: 20_000 });
  }

  it('trains ridge then gbdt on the synthetic demo BTC from the Forecasts page', async () => {
    await page.getByTestId('nav-forecasts').click();
    const symbol = page.getByTestId('forecast-symbol');
    await symbol.waitFor();
    await symbol.selectOption(DEMO);
    await page.getByTestId('forecast-horizon').fill('1');
    await expect(page.getByTestId('forecast-error').textContent()).resolves.toMatch(/train a model/i);

    await train('ridge');
    await expect(page.getByTestId('forecast-metrics').textContent()).resolves.toMatch(/baseline/i);

    await page.evaluate(() => {
      // Records each phase the progress shows; a stage may pass between two polls of the test.
      const seen: string[] = [];
      (window as unknown as { trainPhases: string[] }).trainPhases = seen;
      new MutationObserver(() => {
        const phase = document.querySelector('[data-testid="forecast-train-progress"]')?.getAttribute('data-phase');
        if (phase && seen.at(-1) !== phase) seen.push(phase);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await train('gbdt');
    const phases = await page.evaluate(() => (window as unknown as { trainPhases: string[] }).trainPhases);
    expect(phases, 'gbdt went through the job queue and the page followed it').toEqual(
      expect.arrayContaining(['training']),
    );
    expect(
      phases.some((p) => p === 'queued' || p === 'running'),
      `phases seen: ${phases.join(', ')}`,
    ).toBe(true);
  });

  it('compares both runs on the Models page and promotes version 2 to champion with a reason', async () => {
    await page.getByTestId('nav-models').click();
    await page.getByTestId(`models-experiment-row-${EXPERIMENT}`).click();
    const rows = page.locator('[data-testid^="models-run-row-"]');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2);
    const ids = await rows.evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-testid')!.replace('models-run-row-', '')),
    );
    // A run's detail: params, source fingerprint and its model artifact.
    await rows.first().click();
    const detail = page.getByTestId('models-run-detail');
    await detail.waitFor();
    await expect(detail.textContent()).resolves.toMatch(/sha256[\s\S]*model\.json/);
    for (const id of ids) await page.getByTestId(`models-run-checkbox-${id}`).check();
    await page.getByTestId('models-compare').click();
    const table = page.locator('[data-testid="models-compare-table"][data-runs="2"]');
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('ridge h1');
    expect(text).toContain('gbdt h1');
    expect(text, 'metrics side by side, by name').toContain('RMSE');
    expect(text, 'no raw metric keys').not.toMatch(/directionalAccuracy|baseline\.n\b/i);
    expect(text).toContain('Baseline rows');
    const accuracyRow = page.getByTestId('models-compare-metric-directionalAccuracy');
    await expect(accuracyRow.locator('td').first().textContent()).resolves.toBe('Directional accuracy');
    compareAccuracy = await accuracyRow.locator('td').evaluateAll((cells) => cells.slice(1).map((c) => c.textContent));
    for (const cell of compareAccuracy) expect(cell, 'a share, as a percentage').toMatch(/^\d{1,3}\.\d%$/);
    await page.locator('[data-testid="models-metric-chart"] .recharts-line').first().waitFor();

    await page.getByTestId(`models-model-row-${MODEL}`).click();
    await page.getByTestId('models-version-row-2').waitFor();
    await expect(page.getByTestId('models-alias-champion').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('models-alias-challenger').textContent()).resolves.toBe('2');
    await page.getByTestId('models-promote-2').click();
    // No reason, no change: the dialog says why.
    await page.getByTestId('models-confirm').click();
    await expect(page.getByRole('dialog').textContent()).resolves.toMatch(/say why/i);
    await page.getByTestId('models-reason').fill('gbdt version for the browser test');
    await page.getByTestId('models-confirm').click();
    await expect.poll(() => page.getByTestId('models-alias-champion').textContent()).toBe('2');
    await expect(page.getByTestId('models-history').textContent()).resolves.toContain(
      'gbdt version for the browser test',
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(OUTPUT, 'models-page.png'), fullPage: true });
  });

  it('shows the new champion on the Forecasts page', async () => {
    await page.getByTestId('nav-forecasts').click();
    await page.getByTestId('forecast-symbol').selectOption(DEMO);
    const current = page.locator('[data-testid="forecast-current"][data-model-version="2"]');
    await current.waitFor({ timeout: 20_000 });
    await expect(current.textContent()).resolves.toContain('gbdt');
    await page.locator('[data-testid="forecast-chart"][data-fan="yes"]').waitFor();
    await page.getByTestId('forecast-metrics').waitFor();
    const accuracy = page.getByTestId('forecast-metric-directionalAccuracy').locator('td');
    await expect(accuracy.first().textContent()).resolves.toMatch(/^Directional accuracy/);
    expect(compareAccuracy, 'Models and Forecasts show the same figure the same way').toContain(
      await accuracy.nth(1).textContent(),
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(OUTPUT, 'forecasts-page.png'), fullPage: true });
  });

  it('explains in words that a horizon beyond 30 bars is not supported', async () => {
    await page.getByTestId('forecast-horizon').fill('31');
    const error = page.getByTestId('forecast-error');
    await error.waitFor({ timeout: 20_000 });
    const text = (await error.textContent()) ?? '';
    expect(text).toMatch(/horizon/i);
    expect(text, 'no raw codes or stack traces').not.toMatch(/VALIDATION_FAILED|\bat \w+ \(/);
    await page.getByTestId('forecast-train').click();
    const trainError = page.getByTestId('forecast-train-error');
    await trainError.waitFor({ timeout: 20_000 });
    await expect(trainError.textContent()).resolves.toMatch(/horizon/i);
    await page.screenshot({ path: join(OUTPUT, 'forecasts-page-error.png') });
  });
});
