// Test support: Binance's public spot API on loopback, answering from the recorded fixtures (see fixtures/README.md).
import { readFileSync } from 'node:fs';
import { startLocalTestServer, type LocalTestServer, type Reply } from '../http/local-test-server';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

export const EXCHANGE_INFO = fixture('binance-exchange-info.json');
/** 2023-03-10 00:00-05:59 UTC, BTCUSDT 1m, as Binance sends klines. */
export const BTCUSDT_1M_KLINES = fixture('binance-btcusdt-1m-2023-03-10.json') as [number, ...unknown[]][];
export const FIRST_KLINE_TS = Date.parse('2023-03-10T00:00:00Z');

/** Binance's documented error replies. */
export const TOO_MANY_REQUESTS: Reply = {
  status: 429,
  headers: { 'retry-after': '2' },
  body: {
    code: -1003,
    msg: 'Too many requests; current limit of IP(127.0.0.1) is 6000 requests per minute. Please use WebSocket Streams for live updates to avoid polling the API.',
  },
};
export const SERVER_BUSY: Reply = {
  status: 503,
  body: { code: -1008, msg: 'Server is currently overloaded with other requests. Please try again in a few minutes.' },
};

export interface BinanceRecordedServer extends LocalTestServer {
  /** Replies given to the next kline requests instead of data, in order. */
  failNext(...replies: Reply[]): void;
  /** Open times (inclusive from, exclusive to) the exchange "lost": left out of kline answers. Empty = none. */
  hidden: { from: number; to: number }[];
  /** Arrival time (performance.now) of every request. */
  arrivals: number[];
}

/**
 * Serves exchangeInfo and klines the way Binance does: klines from `startTime` on (to `endTime`), at most
 * `limit` (default 500, max 1000), none opening after `now()`; the candle holding `now()` is served as well,
 * as the exchange serves its forming candle.
 */
export async function startBinanceRecordedServer(now: () => number): Promise<BinanceRecordedServer> {
  const failures: Reply[] = [];
  const hidden: { from: number; to: number }[] = [];
  const arrivals: number[] = [];
  const server = await startLocalTestServer((req) => {
    arrivals.push(performance.now());
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/v3/exchangeInfo') return { status: 200, body: EXCHANGE_INFO };
    if (url.pathname !== '/api/v3/klines') return { status: 404, body: { code: -1, msg: 'not recorded' } };
    const failure = failures.shift();
    if (failure) return failure;
    const q = url.searchParams;
    if (q.get('symbol') !== 'BTCUSDT') return { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } };
    if (q.get('interval') !== '1m') return { status: 400, body: { code: -1120, msg: 'Invalid interval.' } };
    const start = Number(q.get('startTime') ?? 0);
    const endTime = Number(q.get('endTime') ?? Infinity);
    const limit = Math.min(Number(q.get('limit') ?? 500), 1000);
    const rows = BTCUSDT_1M_KLINES.filter(
      ([ts]) => ts >= start && ts <= endTime && ts <= now() && !hidden.some((h) => ts >= h.from && ts < h.to),
    );
    return { status: 200, body: rows.slice(0, limit) };
  });
  return Object.assign(server, { failNext: (...replies: Reply[]) => void failures.push(...replies), hidden, arrivals });
}
