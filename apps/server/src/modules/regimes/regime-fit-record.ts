import { regimeFitOptionsSchema, type RegimeFit, type RegimeFitSummary, type Timeframe } from '@marketlens/contracts';
import type { RegimeFitHead } from './regimes.store';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A stored fit as the API shows it; `current` comes from the live column (online filtering moves it). */
export function toRegimeFit(row: RegimeFitHead): RegimeFit {
  const summary = row.summary as RegimeFitSummary | null;
  const result =
    summary && row.current
      ? { ...summary, current: { ts: new Date(row.current.ts).toISOString(), probs: row.current.probs } }
      : summary;
  return {
    id: row.id,
    symbol: row.symbol,
    timeframe: row.timeframe as Timeframe,
    source: row.source,
    synthetic: row.synthetic,
    status: row.status,
    progress: row.progress,
    error: row.error,
    options: regimeFitOptionsSchema.parse({ ...row.options, tracked: row.tracked }),
    from: iso(row.fromTs),
    to: iso(row.toTs),
    createdAt: row.createdAt.toISOString(),
    finishedAt: iso(row.finishedAt),
    result,
  };
}
