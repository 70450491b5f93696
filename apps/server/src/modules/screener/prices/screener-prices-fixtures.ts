import { readFileSync } from 'node:fs';
import type { AppConfig } from '../../../config/config.schema';
import { deepMerge, loadConfig } from '../../../config/load-config';
import type { AppContext } from '../../../context';
import { universeListings, universes, users, watchlists, watchlistSymbols } from '../../../db/schema';
import type { JobContext } from '../../../jobs/job-queue';
import { startLocalTestServer, type LocalTestServer, type Reply } from '../../../providers/http/local-test-server';

// Test-only: a loopback Alpha Vantage that counts what reaches it per budget day, a loopback Yahoo, config for
// both, and a seeded universe + watchlist.

const avFixture = (name: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(new URL(`../../../providers/alphavantage/fixtures/${name}`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
const yahooFixture = JSON.parse(
  readFileSync(new URL('../../../providers/yahoo/fixtures/spy-daily-2017-10.json', import.meta.url), 'utf8'),
) as unknown;

export interface AvRequest {
  day: string;
  fn: string;
  symbol: string;
}

export interface FakeAlphaVantage {
  server: LocalTestServer;
  requests: AvRequest[];
  /** Answer with this limit message once the day has had `after` requests (its own count, as Alpha Vantage keeps). */
  limit: { after: number; answer: 'limit-information-daily.json' | 'limit-note-per-minute.json' } | null;
  onDay(day: string): AvRequest[];
}

/** The loopback Alpha Vantage; `today` tells it the budget day each request arrives on (the tests' clock). */
export async function startFakeAlphaVantage(today: () => string): Promise<FakeAlphaVantage> {
  const fake: FakeAlphaVantage = {
    server: undefined as unknown as LocalTestServer,
    requests: [],
    limit: null,
    onDay: (day) => fake.requests.filter((r) => r.day === day),
  };
  fake.server = await startLocalTestServer((req): Reply => {
    const q = new URL(req.url ?? '', 'http://x').searchParams;
    const request = { day: today(), fn: q.get('function') ?? '', symbol: q.get('symbol') ?? '' };
    fake.requests.push(request);
    if (fake.limit && fake.onDay(request.day).length > fake.limit.after) {
      return { status: 200, body: avFixture(fake.limit.answer) };
    }
    if (request.symbol === 'NOPE') {
      return {
        status: 200,
        body: request.fn.startsWith('TIME_SERIES') ? avFixture('unknown-symbol-daily-error.json') : {},
      };
    }
    const body =
      request.fn === 'OVERVIEW'
        ? { ...avFixture('gff-overview.json'), Symbol: request.symbol }
        : request.fn === 'EARNINGS'
          ? { ...avFixture('gff-earnings.json'), symbol: request.symbol }
          : request.fn === 'TIME_SERIES_DAILY_ADJUSTED'
            ? avFixture('clh-daily-adjusted.json')
            : avFixture('gff-daily.json');
    return { status: 200, body };
  });
  return fake;
}

/** The loopback Yahoo: the SPY chart for any symbol. */
export function startFakeYahoo(): Promise<LocalTestServer> {
  return startLocalTestServer(() => ({ status: 200, body: yahooFixture }));
}

export function pricesTestConfig(options: {
  databaseUrl?: string;
  avUrl: string;
  yahooUrl: string;
  apiKey?: string;
}): AppConfig {
  return loadConfig({
    env: {} as NodeJS.ProcessEnv,
    overrides: deepMerge(
      {
        database: { url: options.databaseUrl ?? '', dataDir: 'memory://' },
        redis: { url: '' },
        log: { level: 'silent' },
        auth: { jwtSecret: 'test-secret-that-is-long-enough-for-hs256-0123456789' },
        demo: { enabled: false },
      },
      {
        providers: {
          alphavantage: { apiKey: options.apiKey ?? 'test-key', baseUrl: options.avUrl, dailyQuota: 25, perMinute: 5 },
          yahoo: { baseUrl: options.yahooUrl, requestsPerMinute: 6000, retries: 0, cacheTtlSeconds: 0 },
        },
      },
    ),
  });
}

export const jobContext = (): JobContext => ({
  runId: 'test',
  attempt: 1,
  signal: new AbortController().signal,
  log: () => {},
});

/** A universe of `members` included symbols (plus two excluded ones) and a watchlist. */
export async function seedUniverse(ctx: AppContext, members: readonly string[], watchlisted: readonly string[]) {
  const orm = ctx.db.orm;
  const [user] = await orm
    .insert(users)
    .values({ email: 'prices@test', passwordHash: 'x', role: 'analyst' })
    .returning({ id: users.id });
  const [universe] = await orm
    .insert(universes)
    .values({ name: 'small caps', source: 'test.csv', rules: {} })
    .returning({ id: universes.id });
  await orm.insert(universeListings).values([
    ...members.map((symbol) => ({ universeId: universe!.id, symbol, included: true })),
    ...['BIG1', 'BIG2'].map((symbol) => ({
      universeId: universe!.id,
      symbol,
      included: false,
      excludedBy: 'market_cap_above',
    })),
  ]);
  const [list] = await orm
    .insert(watchlists)
    .values({ userId: user!.id, name: 'mine' })
    .returning({ id: watchlists.id });
  await orm.insert(watchlistSymbols).values(watchlisted.map((symbol) => ({ watchlistId: list!.id, symbol })));
}
