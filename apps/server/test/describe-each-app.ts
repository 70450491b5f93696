import { afterAll, beforeAll, describe } from 'vitest';
import { createTestApp, type TestApp } from './test-app';
import { testDatabaseUrl } from './test-databases';

/**
 * Runs a route suite against the full app on PGlite and on PostgreSQL (skipped, saying why, without
 * TEST_DATABASE_URL). Each run gets its own fresh database. Test-only helper.
 */
export function describeEachApp(
  title: string,
  body: (getApp: () => TestApp) => void,
  config?: Record<string, unknown>,
): void {
  for (const database of ['pglite', 'postgres'] as const) {
    const skip = database === 'postgres' && !testDatabaseUrl;
    describe.skipIf(skip)(`${title} on ${database}${skip ? ' (skipped: needs TEST_DATABASE_URL)' : ''}`, () => {
      let testApp: TestApp | undefined;
      beforeAll(async () => {
        testApp = await createTestApp({ database, ...(config ? { config } : {}) });
      });
      afterAll(async () => {
        await testApp?.close();
      });
      body(() => {
        if (!testApp) throw new Error(`the ${database} test app did not start (beforeAll failed?)`);
        return testApp;
      });
    });
  }
}

let ipCounter = 0;
/** A distinct client address per call, so per-IP rate limits of one test do not spill into another. */
export function nextClientIp(): string {
  ipCounter += 1;
  return `10.9.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}
