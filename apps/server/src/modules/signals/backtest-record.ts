import type { Backtest, BacktestListItem, BacktestResultDto, BacktestSummary, Timeframe } from '@marketlens/contracts';
import type { BacktestHead, BacktestListRow, BacktestRow } from './backtests.store';

// Stored backtest rows -> API answers. The result was shaped by the compute task (backtest-result.ts) and is
// served as stored.

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function toBacktestSummary(row: BacktestHead): BacktestSummary {
  return {
    id: row.id,
    strategyId: row.strategyId,
    version: row.version,
    symbol: row.symbol,
    timeframe: row.timeframe as Timeframe,
    from: isoOrNull(row.fromTs),
    to: isoOrNull(row.toTs),
    status: row.status,
    progress: row.progress,
    error: row.error,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    finishedAt: isoOrNull(row.finishedAt),
  };
}

export function toBacktest(row: BacktestRow): Backtest {
  return { ...toBacktestSummary(row), result: (row.result as BacktestResultDto | null) ?? null };
}

export function toBacktestListItem(row: BacktestListRow): BacktestListItem {
  return { ...toBacktestSummary(row), headline: row.headline };
}
