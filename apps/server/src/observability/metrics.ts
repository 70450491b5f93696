import { channelKindSchema } from '@marketlens/contracts';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Providers with a daily request budget (marketlens_provider_quota_*). */
const QUOTA_PROVIDERS = ['alphavantage'] as const;

/**
 * Every Prometheus metric the server exports, defined once. One registry per process
 * (tests create their own so parallel apps do not collide).
 */
export function createMetrics(registry = new Registry()) {
  collectDefaultMetrics({ register: registry, prefix: 'marketlens_' });
  const metrics = {
    registry,
    httpDuration: new Histogram({
      name: 'marketlens_http_request_duration_seconds',
      help: 'HTTP request latency by route template, method and status code.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'marketlens_job_duration_seconds',
      help: 'Job run time by job name and outcome.',
      labelNames: ['job', 'status'] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [registry],
    }),
    jobFailures: new Counter({
      name: 'marketlens_job_failures_total',
      help: 'Failed job attempts by job name.',
      labelNames: ['job'] as const,
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'marketlens_queue_depth',
      help: 'Jobs waiting to run.',
      labelNames: ['queue'] as const,
      registers: [registry],
    }),
    cacheRequests: new Counter({
      name: 'marketlens_cache_requests_total',
      help: 'Cache lookups by cache kind and result (hit, miss, error).',
      labelNames: ['cache', 'result'] as const,
      registers: [registry],
    }),
    providerRequests: new Counter({
      name: 'marketlens_provider_requests_total',
      help: 'Outbound provider HTTP requests by provider and outcome (ok, cached, retry, error).',
      labelNames: ['provider', 'outcome'] as const,
      registers: [registry],
    }),
    barsIngested: new Counter({
      name: 'marketlens_bars_ingested_total',
      help: 'Bars written by source (csv, provider, synthetic) and result (inserted, updated).',
      labelNames: ['source', 'result'] as const,
      registers: [registry],
    }),
    lastIngestTimestamp: new Gauge({
      name: 'marketlens_ingest_last_success_timestamp_seconds',
      help: 'Unix time of the last successful ingestion per source (csv, provider), read from the database at scrape.',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
    regimeFitDuration: new Histogram({
      name: 'marketlens_regime_fit_duration_seconds',
      help: 'Regime (HMM) fit time by mode (inline in the request, or job) and outcome.',
      labelNames: ['mode', 'status'] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 15, 60, 300],
      registers: [registry],
    }),
    regimeFitsFailed: new Counter({
      name: 'marketlens_regime_fits_failed_total',
      help: 'Regime fits that failed after they were accepted (a rejected request is not counted).',
      labelNames: ['mode'] as const,
      registers: [registry],
    }),
    forecastRollingAccuracy: new Gauge({
      name: 'marketlens_forecast_rolling_accuracy',
      help: 'Directional accuracy of the serving forecast model over its last realised predictions.',
      labelNames: ['symbol', 'horizon'] as const,
      registers: [registry],
    }),
    forecastAccuracySamples: new Gauge({
      name: 'marketlens_forecast_accuracy_samples',
      help: 'Realised predictions behind marketlens_forecast_rolling_accuracy (at most forecasts.accuracyWindow).',
      labelNames: ['symbol', 'horizon'] as const,
      registers: [registry],
    }),
    modelVersionInProduction: new Gauge({
      name: 'marketlens_model_version_in_production',
      help: 'Registry version of the champion (serving) model, by registered model name.',
      labelNames: ['model'] as const,
      registers: [registry],
    }),
    forecastTrainDuration: new Histogram({
      name: 'marketlens_forecast_train_duration_seconds',
      help: 'Forecast training (walk-forward + final fit) time by mode (inline, job) and outcome.',
      labelNames: ['mode', 'status'] as const,
      buckets: [0.05, 0.1, 0.5, 1, 2.5, 5, 15, 60, 300],
      registers: [registry],
    }),
    dependencyUp: new Gauge({
      name: 'marketlens_dependency_up',
      help: 'Whether a dependency (database, cache, queue) answered its check at the last scrape (1) or not (0).',
      labelNames: ['dependency'] as const,
      registers: [registry],
    }),
    dbPoolConnections: new Gauge({
      name: 'marketlens_db_pool_connections',
      help: 'PostgreSQL pool connections by state (total, idle, waiting = queries queued for a connection).',
      labelNames: ['state'] as const,
      registers: [registry],
    }),
    buildInfo: new Gauge({
      name: 'marketlens_build_info',
      help: 'Always 1; labels carry the running version and the role of this process.',
      labelNames: ['version', 'role'] as const,
      registers: [registry],
    }),
    signalsGenerated: new Counter({
      name: 'marketlens_signals_generated_total',
      help: 'Signals written by the live engine',
      labelNames: ['strategy', 'action'],
      registers: [registry],
    }),
    signalBarsProcessed: new Counter({
      name: 'marketlens_signal_bars_processed_total',
      help: 'Closed bars the live engine ran strategies over',
      labelNames: ['strategy'],
      registers: [registry],
    }),
    signalEngineLag: new Histogram({
      name: 'marketlens_signal_engine_lag_seconds',
      help: "From a bar's close to its signal being written",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    signalPaperEquity: new Gauge({
      name: 'marketlens_signal_paper_equity',
      help: 'Paper equity of each enabled deployment marked at its last processed close, as a multiple of its start (1 = even); read from the database at scrape.',
      labelNames: ['strategy', 'symbol', 'timeframe'] as const,
      registers: [registry],
    }),
    feedLastBarAge: new Gauge({
      name: 'marketlens_feed_last_bar_age_seconds',
      help: 'Seconds since the newest stored bar closed (open time + bar duration) on each series an enabled deployment runs on: 0 while that bar is still forming, +Inf with no bar at all; read from the database at scrape.',
      labelNames: ['symbol', 'timeframe'] as const,
      registers: [registry],
    }),
    signalDeployments: new Gauge({
      name: 'marketlens_signal_deployments',
      help: 'Strategy deployments by state (enabled, disabled); read from the database at scrape.',
      labelNames: ['state'] as const,
      registers: [registry],
    }),
    notificationsSent: new Counter({
      name: 'marketlens_notifications_sent_total',
      help: 'Deliveries a channel accepted',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    notificationsFailed: new Counter({
      name: 'marketlens_notifications_failed_total',
      help: 'Delivery attempts that failed (retried later, or dead-lettered when permanent or out of attempts)',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    notificationsDeadLettered: new Counter({
      name: 'marketlens_notifications_dead_lettered_total',
      help: 'Deliveries given up on: visible on the Ops page, retried only by an admin',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    notificationsPending: new Gauge({
      name: 'marketlens_notifications_pending',
      help: 'Deliveries waiting to be sent or in flight, per channel; read from the database at scrape.',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    notificationsOldestPendingAge: new Gauge({
      name: 'marketlens_notifications_oldest_pending_age_seconds',
      help: 'Age of the oldest delivery still waiting, per channel (0 when none waits); read from the database at scrape.',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    providerQuotaRemaining: new Gauge({
      name: 'marketlens_provider_quota_remaining',
      help: "Requests left in a quota-limited provider's daily budget (0 once it answered with its limit message); read from the database at scrape.",
      labelNames: ['provider'] as const,
      registers: [registry],
    }),
    providerQuotaUsed: new Gauge({
      name: 'marketlens_provider_quota_used',
      help: "Requests spent today from a quota-limited provider's daily budget, by every replica; read from the database at scrape.",
      labelNames: ['provider'] as const,
      registers: [registry],
    }),
    forecastAccuracyAlertThreshold: new Gauge({
      name: 'marketlens_forecast_accuracy_alert_threshold',
      help: 'Configured rolling directional accuracy (forecasts.accuracyAlertBelow) under which the alert fires.',
      registers: [registry],
    }),
  };
  // Delivery counters start at 0 for every channel: a series that appears only at the first failure would make
  // increase() miss that failure, and dashboards would show "no data" instead of 0 on a quiet install.
  for (const channel of channelKindSchema.options) {
    metrics.notificationsSent.inc({ channel }, 0);
    metrics.notificationsFailed.inc({ channel }, 0);
    metrics.notificationsDeadLettered.inc({ channel }, 0);
  }
  // The quota gauges have their series from the start; the first scrape replaces the zeros with the database's count.
  for (const provider of QUOTA_PROVIDERS) {
    metrics.providerQuotaRemaining.set({ provider }, 0);
    metrics.providerQuotaUsed.set({ provider }, 0);
  }
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;
