import { z } from 'zod';

// The one schema for every setting. Values come from config/default.json <- config/local.json <-
// MARKETLENS_* env (with __ for nesting) <- DATABASE_URL / REDIS_URL / PORT (see load-config.ts).
// Env values arrive as strings, so numbers and booleans are coerced here.

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();
const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);
const stringList = z.union([
  z.array(z.string()),
  z.string().transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ),
]);

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const scheduleSchema = z.object({ cron: z.string().min(1), enabled: bool });

export const ingestSymbolSchema = z.object({
  symbol: z.string().min(1),
  providerSymbol: z.string().min(1).optional(),
  provider: z.literal('yahoo').default('yahoo'),
  timeframe: z.enum(['1m', '5m', '15m', '1h', '1d']).default('1d'),
});

/** ccxt exchange ids are lower-case letters and digits (binance, binanceus, kraken, okx ...). */
const exchangeId = z.string().regex(/^[a-z][a-z0-9]*$/, 'a ccxt exchange id such as binance');
/** One series the ingest.intraday job keeps current from an exchange (through ccxt). */
export const intradaySymbolSchema = z.object({
  /** Our instrument symbol, e.g. BTCUSDT. */
  symbol: z.string().min(1),
  /** ccxt exchange id; default providers.exchange.id. */
  exchange: exchangeId.optional(),
  /** The exchange's unified market symbol, e.g. BTC/USDT. */
  market: z.string().regex(/^[A-Za-z0-9._-]+\/[A-Za-z0-9._:-]+$/, 'a ccxt market symbol such as BTC/USDT'),
  timeframe: z.enum(['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w']).default('1m'),
  /** First fetch of an empty series starts here (ISO date-time); default: a few days back (see the job). */
  start: z.iso.datetime({ offset: true }).optional(),
  /** Refetch missing bars inside the lookback window: for 24/7 markets, where every bar should exist. */
  fillGaps: z.boolean().default(false),
  gapLookbackDays: z.number().int().positive().max(3650).default(7),
});

export const configSchema = z
  .object({
    server: z.object({
      host: z.string().min(1),
      port,
      trustProxy: bool,
      serveWeb: bool,
    }),
    database: z.object({
      url: z.union([z.literal(''), z.url({ protocol: /^postgres(ql)?$/ })]),
      dataDir: z.string().min(1),
      poolMax: positiveInt,
    }),
    redis: z.object({
      url: z.union([z.literal(''), z.url({ protocol: /^rediss?$/ })]),
      /** Namespaces cache keys and queues, so several deployments (or test runs) can share one Redis. */
      keyPrefix: z
        .string()
        .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only')
        .optional(),
    }),
    auth: z.object({
      jwtSecret: z.union([z.literal(''), z.string().min(32, 'must be at least 32 characters')]),
      accessTokenTtlSeconds: positiveInt,
      refreshTokenTtlDays: positiveInt,
      loginRateLimitPerMinute: positiveInt,
      /** Failed sign-ins one account (email) may collect in the window before its sign-ins get 429. */
      loginFailuresPerAccount: positiveInt,
      loginFailureWindowMinutes: positiveInt,
    }),
    http: z.object({
      corsOrigins: stringList,
      rateLimitPerMinute: positiveInt,
      uploadLimitBytes: positiveInt,
      bodyLimitBytes: positiveInt,
    }),
    log: z.object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) }),
    cache: z.object({ maxEntries: positiveInt, defaultTtlSeconds: positiveInt }),
    jobs: z.object({
      concurrency: positiveInt,
      attempts: positiveInt,
      backoffMs: positiveInt,
      /** Times a job's worker may die under it (lock lost) before BullMQ gives the job up; distributed mode only. */
      maxStalls: z.coerce.number().int().min(0),
      schedules: z.record(z.string(), scheduleSchema),
    }),
    compute: z.object({
      /** Worker threads for CPU-heavy work (trainings, regime fits, backtests); "auto" = cores - 1, at least 1. */
      poolSize: z.union([z.literal('auto'), positiveInt]),
    }),
    signals: z.object({
      engine: z.object({
        /** How often the engine checks enabled deployments for bars stored by other processes. */
        pollMs: positiveInt,
        /** Bars a new deployment's indicators warm up on before its first live bar. */
        warmupBars: positiveInt,
        /** Bars one committed pass processes; a longer backlog takes several passes. */
        maxBarsPerPass: positiveInt,
      }),
    }),
    providers: z.object({
      yahoo: z.object({
        baseUrl: z.url(),
        requestsPerMinute: positiveInt,
        timeoutMs: positiveInt,
        retries: z.coerce.number().int().min(0),
        cacheTtlSeconds: z.coerce.number().int().min(0),
      }),
      /** Crypto exchanges through ccxt (ingest.intraday). */
      exchange: z.object({
        /** Exchange of intraday entries that name none. */
        id: exchangeId,
        /** Replaces scheme and host of every API URL of exchange `id` (paths kept): a mirror, a proxy, tests. */
        baseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
        timeoutMs: positiveInt,
        /** Extra attempts after a network error, 429 or 5xx (ccxt's NetworkError family). */
        retries: z.coerce.number().int().min(0),
        /** Candles asked per request (exchanges cap it: binance 1000). */
        pageLimit: positiveInt,
        /** Milliseconds between requests for ccxt's rate limiter; 0 = the exchange's own published limit. */
        rateLimitMs: z.coerce.number().int().min(0),
        /** ccxt options per exchange id, JSON: {"binance":{"fetchMarkets":{"types":["spot"]}}}. */
        options: z.record(exchangeId, z.record(z.string(), z.unknown())),
      }),
      /** Alpha Vantage (screener.prices): daily bars, company overview and earnings under a daily request quota. */
      alphavantage: z.object({
        /** A secret, from the environment only; empty: no Alpha Vantage requests, prices come from Yahoo. */
        apiKey: z.string(),
        baseUrl: z.url({ protocol: /^https?$/ }),
        /** Requests per budget day, shared by every replica (the free key allows 25). */
        dailyQuota: positiveInt,
        /** Requests per minute, spaced evenly (the free key allows 5). */
        perMinute: positiveInt,
        /** IANA zone whose calendar day the quota counts in. */
        timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as UTC or America/New_York'),
        /** TIME_SERIES_DAILY_ADJUSTED (split/dividend-adjusted) instead of TIME_SERIES_DAILY. */
        adjusted: bool,
      }),
      /** X (Twitter) API v2 recent search (Meme Radar social posts). */
      x: z.object({
        /** A secret, from the environment only; empty: no X requests (posts come from uploaded files). */
        bearerToken: z.string(),
        baseUrl: z.url({ protocol: /^https?$/ }),
        /** Requests per minute we send; X's own 15-minute window (x-rate-limit-* headers) stops a run on top. */
        requestsPerMinute: positiveInt,
        /** Result pages (100 posts each) one search follows through next_token. */
        maxPagesPerRun: positiveInt,
        timeoutMs: positiveInt,
        /** Extra attempts after a network error or 5xx (a 429 is not retried: X's window is 15 minutes). */
        retries: z.coerce.number().int().min(0),
      }),
      /** Etherscan API V2 (Meme Radar ERC-20 transfers and token info). */
      etherscan: z.object({
        /** A secret, from the environment only; empty: no Etherscan requests (transfers come from CSV uploads). */
        apiKey: z.string(),
        baseUrl: z.url({ protocol: /^https?$/ }),
        /** Requests per second, spaced evenly (the free key allows 5). */
        requestsPerSecond: positiveInt,
        timeoutMs: positiveInt,
        /** Extra attempts after a network error, 5xx or "Max rate limit reached". */
        retries: z.coerce.number().int().min(0),
      }),
      /** A listings page scraped for new tokens (Meme Radar), politely: robots.txt and a minimum interval. */
      scrape: z.object({
        /** Empty: no scraping. */
        url: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
        /** CSS selector of one listing; the others are looked up inside it. */
        rowSelector: z.string().min(1),
        symbolSelector: z.string().min(1),
        /** Optional selectors: empty means the page does not show it. */
        nameSelector: z.string(),
        /** An element whose text or href holds the token's 0x address. */
        addressSelector: z.string(),
        /** An element whose href links to the listing's own page. */
        linkSelector: z.string(),
        userAgent: z.string().min(1),
        /** Minimum time between two requests to the same host (robots.txt included). */
        minIntervalMs: z.coerce.number().int().min(0),
      }),
    }),
    ingest: z.object({
      symbols: z.array(ingestSymbolSchema),
      intradaySymbols: z.array(intradaySymbolSchema),
    }),
    demo: z.object({ enabled: bool, seed: z.coerce.number().int() }),
    storage: z.object({
      /** local: files under artifactDir; s3: the S3-compatible bucket below (MinIO, AWS, ...). */
      backend: z.enum(['local', 's3']),
      artifactDir: z.string().min(1),
    }),
    s3: z.object({
      /** Empty for AWS itself; e.g. http://minio:9000 for a compatible server. */
      endpoint: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
      bucket: z.string(),
      region: z.string().min(1),
      /** Object keys go under this prefix in the bucket (several deployments can share one). */
      prefix: z.string().regex(/^([A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*)?$/, 'segments of letters, digits, . _ - only'),
      accessKeyId: z.string(),
      secretAccessKey: z.string(),
      forcePathStyle: bool,
    }),
    regimes: z.object({
      /** Fits up to this much work (feature rows x candidate K x restarts) run inside the request; more runs as a job. */
      inlineMaxWork: positiveInt,
    }),
    notify: z.object({
      /** How often the dispatcher looks for events to route and deliveries that are due. */
      pollMs: positiveInt,
      /** Deliveries claimed per round (sent one at a time: a crash can repeat at most the one in flight). */
      batchSize: positiveInt,
      /** A claimed delivery whose dispatcher died is taken over after this long. */
      leaseMs: positiveInt,
      /** Attempts before a delivery is dead-lettered (visible on the Ops page, retried by an admin). */
      maxAttempts: positiveInt,
      /** Retry delay after attempt n: backoffMs x 2^(n-1), with jitter, at most maxBackoffMs. */
      backoffMs: positiveInt,
      maxBackoffMs: positiveInt,
      /** Where the web app is reached, for links in messages. */
      publicUrl: z.url({ protocol: /^https?$/ }),
    }),
    telegram: z.object({
      /** From @BotFather; empty: no Telegram channel and no bot role. */
      botToken: z.string(),
      /** Telegram's Bot API, or a local imitation in tests. */
      apiRoot: z.url({ protocol: /^https?$/ }),
      mode: z.enum(['polling', 'webhook']),
      /** Webhook mode: the public HTTPS URL Telegram posts updates to. */
      webhookUrl: z.union([z.literal(''), z.url({ protocol: /^https$/ })]),
      timeoutMs: positiveInt,
    }),
    email: z.object({
      /** smtp(s)://user:pass@host:port; empty: no email channel. */
      smtpUrl: z.union([z.literal(''), z.url({ protocol: /^smtps?$/ })]),
      from: z.string().min(3),
      timeoutMs: positiveInt,
    }),
    webhooks: z.object({
      timeoutMs: positiveInt,
      /** Loopback, link-local and private targets (SSRF): "auto" allows them in embedded mode only. */
      allowPrivateTargets: z.union([z.literal('auto'), bool]),
    }),
    forecasts: z.object({
      /** Trainings up to this much work (feature rows x (folds + 1) x model weight) run inside the request; more runs as a job. */
      inlineMaxWork: positiveInt,
      /** Promote a retrained challenger to champion when it beats the champion on promoteMetric. */
      autoPromote: bool,
      promoteMetric: z.enum(['rmse', 'mae', 'directionalAccuracy', 'logLoss', 'brier', 'sharpe']),
      /** Realised predictions the rolling accuracy gauge averages over. */
      accuracyWindow: positiveInt,
      /** Alert rules fire when marketlens_forecast_rolling_accuracy stays below this (deploy/ wires Alertmanager). */
      accuracyAlertBelow: z.coerce.number().min(0).max(1),
    }),
  })
  .superRefine((config, ctx) => {
    // The S3 settings matter only when that backend is chosen; then each one is required by name.
    if (config.storage.backend !== 's3') return;
    for (const key of ['bucket', 'accessKeyId', 'secretAccessKey'] as const) {
      if (!config.s3[key]) {
        ctx.addIssue({ code: 'custom', path: ['s3', key], message: 'is required when storage.backend is s3' });
      }
    }
  });

export type AppConfig = z.infer<typeof configSchema>;
