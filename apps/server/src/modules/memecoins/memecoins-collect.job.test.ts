import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { startRecordedEtherscan } from '../../providers/etherscan/etherscan-recorded-server';
import { startLocalTestServer, type LocalTestServer, type Reply } from '../../providers/http/local-test-server';
import { waitForJobRun } from './memecoins-fixtures';

// memecoins.collect end to end against recorded Etherscan and X answers served on loopback: transfers and posts
// stored once, cursors moved (next block, since_id), supply filled from token info, quota from X's headers,
// an assessment queued per token, and one collector failing (X refusing the token) leaves the others working.

const PEPE = '0x6982508145454ce325ddbe47a25d4ec3d2311933';
const xFixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../providers/x/fixtures/${name}`, import.meta.url), 'utf8'));
const etherscanFixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../providers/etherscan/fixtures/${name}`, import.meta.url), 'utf8'));
const RESET_S = 1_900_000_000;
const rateWindow = (remaining: number) => ({
  'x-rate-limit-limit': '450',
  'x-rate-limit-remaining': String(remaining),
  'x-rate-limit-reset': String(RESET_S),
});

describe('memecoins.collect against recorded Etherscan and X answers', () => {
  let etherscan: LocalTestServer;
  let x: LocalTestServer;
  let xAnswer: (url: URL, nth: number) => Reply;
  let testApp: TestApp;
  let analyst: FixtureUser;

  beforeAll(async () => {
    etherscan = await startRecordedEtherscan({
      windowSize: 10_000,
      override: (params) =>
        params.get('action') === 'tokeninfo'
          ? { status: 200, body: etherscanFixture('tokeninfo-pepe.json') }
          : undefined,
    });
    x = await startLocalTestServer((req, nth) => xAnswer(new URL(req.url ?? '/', 'http://x'), nth));
    testApp = await createTestApp({
      config: {
        providers: {
          etherscan: { apiKey: 'recorded-key', baseUrl: etherscan.url, requestsPerSecond: 50 },
          x: { bearerToken: 'recorded-bearer', baseUrl: x.url },
        },
      },
    });
    await testApp.ctx.jobs.start();
    analyst = await createFixtureUser(testApp.ctx, 'analyst');
  });
  afterAll(async () => {
    await testApp?.close();
    await etherscan?.close();
    await x?.close();
  });

  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    testApp.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: analyst.authorization,
      ...(payload === undefined ? {} : { payload }),
    });
  const collect = async () => {
    const queued = await call('POST', '/memecoins/collect', { address: PEPE });
    expect(queued.statusCode, queued.body).toBe(202);
    const run = await waitForJobRun(testApp.ctx, queued.json().jobId);
    expect(run.status, String(run.error)).toBe('succeeded');
    return run.result as { assessJobs: string[]; tokens: { collectors: Record<string, string> }[] };
  };

  it('stores transfers and posts, moves the cursors, fills the supply and queues an assessment', async () => {
    xAnswer = (url) =>
      url.searchParams.get('next_token')
        ? { status: 200, body: xFixture('search-page-2.json'), headers: rateWindow(448) }
        : { status: 200, body: xFixture('search-page-1.json'), headers: rateWindow(449) };
    const created = await call('POST', '/memecoins/tokens', { address: PEPE, symbol: 'PEPE' });
    expect(created.statusCode, created.body).toBe(201);

    const result = await collect();
    expect(result.tokens[0]!.collectors).toMatchObject({ etherscan: 'ok (7)', x: 'ok (3)' });
    const search = new URL(x.requests[0]!, 'http://x').searchParams;
    expect(search.get('query')).toBe('$PEPE');
    expect(search.get('since_id')).toBeNull();

    const assessed = await waitForJobRun(testApp.ctx, result.assessJobs[0]!);
    expect(assessed.status, String(assessed.error)).toBe('succeeded');
    const detail = (await call('GET', `/memecoins/tokens/${PEPE}`)).json();
    expect(detail.token).toMatchObject({
      name: 'Pepe',
      totalSupply: '420690000000000000000000000000000',
      transferCount: 7,
      postCount: 3,
    });
    expect(detail.latest).toMatchObject({ trigger: 'collect', metrics: { transfers: 7, posts: 3 } });

    const collectors = (await call('GET', '/memecoins/collectors')).json().collectors;
    const byName = Object.fromEntries(collectors.map((c: { name: string }) => [c.name, c]));
    expect(byName.x).toMatchObject({ configured: true, lastStatus: 'ok', itemsLastRun: 3, lastError: null });
    expect(byName.x.quota).toEqual({ limit: 450, remaining: 448, resetAt: new Date(RESET_S * 1000).toISOString() });
    expect(byName.etherscan).toMatchObject({ configured: true, lastStatus: 'ok', itemsLastRun: 7 });
  });

  it('resumes from the cursors: nothing twice, and X asked only for newer posts', async () => {
    const before = x.requests.length;
    xAnswer = () => ({ status: 200, body: xFixture('search-empty.json'), headers: rateWindow(447) });
    const result = await collect();
    expect(result.tokens[0]!.collectors).toMatchObject({ etherscan: 'ok (0)', x: 'ok (0)' });
    const search = new URL(x.requests[before]!, 'http://x').searchParams;
    expect(search.get('since_id')).toBe('1863000000000000003');
    const startBlocks = etherscan.requests
      .map((r) => new URL(r, 'http://e').searchParams)
      .filter((p) => p.get('action') === 'tokentx')
      .map((p) => p.get('startblock'));
    expect(startBlocks.at(-1), 'the last block is read again: it may have grown').toBe('18000104');
    const detail = (await call('GET', `/memecoins/tokens/${PEPE}`)).json();
    expect(detail.token).toMatchObject({ transferCount: 7, postCount: 3 });
  });

  it('records a refused X token as an error in words while Etherscan still collects', async () => {
    xAnswer = () => ({ status: 401, body: xFixture('unauthorized-401.json') });
    const result = await collect();
    expect(result.tokens[0]!.collectors.etherscan).toBe('ok (0)');
    expect(result.tokens[0]!.collectors.x).toMatch(/^error: /);
    const xStatus = (await call('GET', '/memecoins/collectors'))
      .json()
      .collectors.find((c: { name: string }) => c.name === 'x');
    expect(xStatus.lastStatus).toBe('error');
    expect(xStatus.lastError).toMatch(/bearer token/i);
    expect(xStatus.lastError).not.toContain('recorded-bearer');
  });
});
