import { createServer, type Server } from 'node:http';

/**
 * A stand-in for Yahoo Finance's chart endpoint on 127.0.0.1, so the ingest.prices job can be made to fail
 * and then succeed (feeding the provider, ingestion and job-failure metrics) without leaving the machine.
 */
export interface FakeYahoo {
  baseUrl: string;
  /** `failing`: every symbol is unknown (404, as Yahoo answers); `ok`: the last three days of bars. */
  setMode(mode: 'ok' | 'failing'): void;
  close(): Promise<void>;
}

const DAY_S = 86_400;

function chart(symbol: string, nowSeconds: number) {
  const today = Math.floor(nowSeconds / DAY_S) * DAY_S;
  // 14:30 UTC: the New York open, inside the same trading date.
  const timestamp = [3, 2, 1].map((daysAgo) => today - daysAgo * DAY_S + 14.5 * 3600);
  const close = [101, 102, 103];
  return {
    chart: {
      result: [
        {
          meta: { symbol, gmtoffset: -18000, exchangeTimezoneName: 'America/New_York', dataGranularity: '1d' },
          timestamp,
          indicators: {
            quote: [
              { open: [100, 101, 102], high: [102, 103, 104], low: [99, 100, 101], close, volume: [1e6, 1e6, 1e6] },
            ],
          },
        },
      ],
      error: null,
    },
  };
}

export async function startFakeYahoo(): Promise<FakeYahoo> {
  let mode: 'ok' | 'failing' = 'ok';
  const server: Server = createServer((request, response) => {
    const symbol = /\/v8\/finance\/chart\/([^/?]+)/.exec(request.url ?? '')?.[1];
    response.setHeader('content-type', 'application/json');
    if (!symbol || mode === 'failing') {
      response.statusCode = 404;
      response.end(
        JSON.stringify({ chart: { result: null, error: { code: 'Not Found', description: 'No data found' } } }),
      );
      return;
    }
    response.end(JSON.stringify(chart(decodeURIComponent(symbol), Date.now() / 1000)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('fake Yahoo has no address');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    setMode: (next) => (mode = next),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
