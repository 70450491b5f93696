import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../cache/memory-cache';
import type { LocalTestServer } from '../http/local-test-server';
import { ProviderError } from '../http/provider.error';
import { createEtherscanClient, type EtherscanConfig, type EtherscanDeps } from './etherscan-client';
import { fixture, startRecordedEtherscan, TOKENTX_FIXTURE } from './etherscan-recorded-server';

const PEPE = '0x6982508145454Ce325dDbE47a25d4ec3d2311933';
const KEY = 'S3CRETKEY123';

let server: LocalTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function client(url: string, deps: EtherscanDeps = {}, config: Partial<EtherscanConfig> = {}) {
  let now = 1_700_000_000_000;
  const sleeps: number[] = [];
  const etherscan = createEtherscanClient(
    { apiKey: KEY, baseUrl: url, requestsPerSecond: 1000, timeoutMs: 2000, retries: 2, ...config },
    {
      clock: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
      random: () => 0.5,
      ...deps,
    },
  );
  return { etherscan, sleeps };
}

const paramsOf = (path: string) => new URL(path, 'http://x').searchParams;
const failure = async (promise: Promise<unknown>): Promise<ProviderError> => {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
};

describe('EtherscanClient.tokenTransfers', () => {
  it('maps tokentx rows to transfers: lower-case addresses, bigint values, block, logIndex, timestamp', async () => {
    server = await startRecordedEtherscan({ windowSize: 10_000 });
    const { etherscan } = client(server.url);
    const result = await etherscan.tokenTransfers(PEPE, { startBlock: 18_000_100 });
    expect(result.transfers).toHaveLength(7);
    expect(result.lastBlock).toBe(18_000_104);
    expect(result.requests).toBe(1);
    expect(result.transfers[0]).toEqual({
      token: '0x6982508145454ce325ddbe47a25d4ec3d2311933',
      from: '0x0000000000000000000000000000000000000000',
      to: '0x4a2c786651229175407d3a2d405d1998bcf40614',
      value: 1_000_000_000_000_000_000_000_000_000n,
      txHash: `0x${'a1'.repeat(32)}`,
      logIndex: 5,
      block: 18_000_100,
      timestamp: 1_700_000_003,
    });
    expect(result.transfers[6]?.value, 'beyond 2^53, exact').toBe(9_007_199_254_740_993_000_000n);
    const sent = paramsOf(server.requests[0] ?? '');
    expect(Object.fromEntries(sent)).toMatchObject({
      chainid: '1',
      module: 'account',
      action: 'tokentx',
      contractaddress: PEPE.toLowerCase(),
      startblock: '18000100',
      endblock: '99999999',
      page: '1',
      offset: '1000',
      sort: 'asc',
      apikey: KEY,
    });
  });

  it('pages past the page x offset cap by moving startblock to the last block and dropping repeats', async () => {
    server = await startRecordedEtherscan({ windowSize: 4 });
    const { etherscan } = client(server.url, { pageSize: 2, windowSize: 4 });
    const result = await etherscan.tokenTransfers(PEPE, { startBlock: 18_000_100, endBlock: 18_000_200 });
    const all = (fixture(TOKENTX_FIXTURE) as { result: { hash: string; logIndex: string }[] }).result;
    expect(result.transfers.map((t) => `${t.txHash}:${t.logIndex}`)).toEqual(
      all.map((row) => `${row.hash}:${row.logIndex}`),
    );
    expect(server.requests.map((path) => `${paramsOf(path).get('startblock')}/${paramsOf(path).get('page')}`)).toEqual([
      '18000100/1',
      '18000100/2',
      '18000102/1',
      '18000102/2',
      '18000103/1',
      '18000103/2',
    ]);
    expect(result.requests).toBe(6);
  });

  it('numbers transfers within their transaction when rows have no logIndex, stable across a window restart', async () => {
    const rows = (fixture(TOKENTX_FIXTURE) as { result: Record<string, string>[] }).result.map(
      ({ logIndex: _dropped, ...row }) => row,
    );
    server = await startRecordedEtherscan({ windowSize: 4, rows });
    const { etherscan } = client(server.url, { pageSize: 2, windowSize: 4 });
    const { transfers } = await etherscan.tokenTransfers(PEPE, { startBlock: 0 });
    expect(transfers.map((t) => `${t.txHash.slice(2, 4)}:${t.logIndex}`)).toEqual([
      'a1:0',
      'b2:0',
      'c3:0',
      'c3:1',
      'd4:0',
      'e5:0',
      'f6:0',
    ]);
  });

  it('refuses to loop when one block holds more transfers than a whole window', async () => {
    server = await startRecordedEtherscan({ windowSize: 2 });
    const { etherscan } = client(server.url, { pageSize: 2, windowSize: 2 });
    const error = await failure(etherscan.tokenTransfers(PEPE, { startBlock: 18_000_100 }));
    expect(error.message).toMatch(/block 18000102 holds more than 2 transfers .* cannot page past it/);
  });

  it('reads "No transactions found" as an empty range', async () => {
    server = await startRecordedEtherscan({ windowSize: 10_000 });
    const { etherscan } = client(server.url);
    expect(await etherscan.tokenTransfers(PEPE, { startBlock: 19_000_000 })).toEqual({
      transfers: [],
      lastBlock: null,
      requests: 1,
    });
  });

  it('retries "Max rate limit reached" after a pause, and quota() is clear again once answered', async () => {
    server = await startRecordedEtherscan({
      windowSize: 10_000,
      override: (_params, nth) => (nth === 1 ? { status: 200, body: fixture('max-rate-limit.json') } : undefined),
    });
    const { etherscan, sleeps } = client(server.url);
    const result = await etherscan.tokenTransfers(PEPE, { startBlock: 0 });
    expect(result.transfers).toHaveLength(7);
    expect(result.requests).toBe(2);
    expect(sleeps).toEqual([500]);
    expect(etherscan.quota()).toEqual({ limit: 1000, remaining: null, resetAt: null });
  });

  it('gives up on a rate limit that does not lift, saying so', async () => {
    server = await startRecordedEtherscan({
      windowSize: 10_000,
      override: () => ({ status: 200, body: fixture('max-rate-limit.json') }),
    });
    const { etherscan } = client(server.url, {}, { retries: 1 });
    const error = await failure(etherscan.tokenTransfers(PEPE, { startBlock: 0 }));
    expect(error.message).toBe('etherscan: rate limit reached (Max rate limit reached), gave up after 2 attempts');
    expect(etherscan.quota().remaining).toBe(0);
  });

  it('says an invalid key is invalid without echoing it', async () => {
    server = await startRecordedEtherscan({
      windowSize: 10_000,
      override: () => ({ status: 200, body: fixture('invalid-api-key.json') }),
    });
    const { etherscan } = client(server.url);
    const error = await failure(etherscan.tokenTransfers(PEPE, { startBlock: 0 }));
    expect(error.message).toMatch(/the API key was refused \(Invalid API Key\)/);
    expect(`${error.message} ${error.url}`).not.toContain(KEY);
    expect(server.requests, 'a bad key is not retried').toHaveLength(1);
  });

  it('reports other NOTOK answers in Etherscan words', async () => {
    server = await startRecordedEtherscan({
      windowSize: 10_000,
      override: () => ({ status: 200, body: fixture('result-window-too-large.json') }),
    });
    const { etherscan } = client(server.url);
    const error = await failure(etherscan.tokenTransfers(PEPE, { startBlock: 0 }));
    expect(error.message).toBe(
      'etherscan: account/tokentx refused: Result window is too large, PageNo x Offset size must be less than or equal to 10000',
    );
  });

  it('refuses to call without a key, and rejects a malformed contract address', async () => {
    const { etherscan } = client('http://127.0.0.1:9', {}, { apiKey: '' });
    await expect(etherscan.tokenTransfers(PEPE, { startBlock: 0 })).rejects.toThrow(
      /MARKETLENS_PROVIDERS__ETHERSCAN__API_KEY/,
    );
    await expect(etherscan.tokenInfo('0x123')).rejects.toThrow(/not a 0x contract address/);
  });
});

describe('EtherscanClient.tokenInfo', () => {
  it('reads tokeninfo when the key may use it, and caches the answer', async () => {
    server = await startRecordedEtherscan({
      windowSize: 10_000,
      override: (params) =>
        params.get('action') === 'tokeninfo' ? { status: 200, body: fixture('tokeninfo-pepe.json') } : undefined,
    });
    const cache = new MemoryCache({ maxEntries: 10, defaultTtlSeconds: 60 });
    const { etherscan } = client(server.url, { cache });
    const expected = {
      name: 'Pepe',
      symbol: 'PEPE',
      decimals: 18,
      totalSupply: 420_690_000_000_000_000_000_000_000_000_000n,
    };
    expect(await etherscan.tokenInfo(PEPE)).toEqual(expected);
    expect(await etherscan.tokenInfo(PEPE)).toEqual(expected);
    expect(server.requests).toHaveLength(1);
  });

  it('falls back to tokensupply and the first transfer when tokeninfo is API Pro only', async () => {
    server = await startRecordedEtherscan({
      windowSize: 10_000,
      override: (params) => {
        if (params.get('action') === 'tokeninfo') return { status: 200, body: fixture('tokeninfo-pro-only.json') };
        if (params.get('action') === 'tokensupply') return { status: 200, body: fixture('tokensupply-pepe.json') };
        return undefined;
      },
    });
    const { etherscan } = client(server.url);
    expect(await etherscan.tokenInfo(PEPE)).toEqual({
      name: 'Pepe',
      symbol: 'PEPE',
      decimals: 18,
      totalSupply: 420_690_000_000_000_000_000_000_000_000_000n,
    });
    expect(server.requests.map((path) => paramsOf(path).get('action'))).toEqual([
      'tokeninfo',
      'tokensupply',
      'tokentx',
    ]);
    expect(paramsOf(server.requests[2] ?? '').get('offset')).toBe('1');
  });
});
