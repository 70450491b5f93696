import { MAX_EQUITY_POINTS, type BacktestEquityCurve, type BacktestResultDto } from '@marketlens/contracts';
import {
  buyAndHoldEquity,
  type BacktestResult,
  type DrawdownDetail,
  type LookAheadReport,
  type OhlcvBar,
} from '@marketlens/quant';
import { downsampleIndices } from './equity-downsample';

// quant's BacktestResult -> the stored and served answer: bar indices become ISO open times, the equity
// curve is downsampled with buy-and-hold beside it. Pure: runs inside the compute task.

const iso = (ts: number) => new Date(ts).toISOString();

export interface BacktestTimings {
  engineSeconds: number;
  lookAheadSeconds: number;
}

export function toBacktestResultDto(
  result: BacktestResult,
  bars: readonly OhlcvBar[],
  extra: BacktestTimings & { regimeFitId: string | null; maxPoints?: number },
): BacktestResultDto {
  const timeAt = (index: number) => iso(bars[Math.max(0, index)]!.ts);
  const { drawdown, ...metrics } = result.metrics;
  return {
    bars: result.bars,
    firstBarTime: timeAt(0),
    lastBarTime: timeAt(bars.length - 1),
    signals: result.signals.length,
    trades: result.trades.map((t) => ({
      side: t.side,
      signalTime: timeAt(t.signalIndex),
      entryTime: iso(t.entryTs),
      entryPrice: t.entryPrice,
      exitTime: iso(t.exitTs),
      exitPrice: t.exitPrice,
      returnPct: t.returnPct,
      exitReason: t.exitReason,
      bars: t.bars,
    })),
    metrics: { ...metrics, drawdown: drawdownDto(drawdown, timeAt) },
    equityCurve: equityCurve(result.equity, bars, drawdown, extra.maxPoints ?? MAX_EQUITY_POINTS),
    regimes: result.regimes,
    regimeFitId: extra.regimeFitId,
    lookAhead: lookAheadDto(result.lookAhead, timeAt),
    engineSeconds: extra.engineSeconds,
    lookAheadSeconds: extra.lookAheadSeconds,
  };
}

function drawdownDto(d: DrawdownDetail, timeAt: (index: number) => string) {
  const none = d.value === 0;
  return {
    ...d,
    peakTime: none ? null : timeAt(d.peakIndex),
    troughTime: none ? null : timeAt(d.troughIndex),
    recoveryTime: d.recoveryIndex === null ? null : timeAt(d.recoveryIndex),
  };
}

/** Strategy equity and buy-and-hold (quant's buyAndHoldEquity, as buyAndHoldReturn) at the same kept points. */
export function equityCurve(
  equity: Float64Array,
  bars: readonly OhlcvBar[],
  drawdown: DrawdownDetail,
  maxPoints: number,
): BacktestEquityCurve {
  const keep = [0, equity.length - 1, drawdown.peakIndex, drawdown.troughIndex, drawdown.recoveryIndex ?? -1];
  const indices = downsampleIndices(equity, maxPoints, keep);
  const firstOpen = bars[0]!.open;
  return {
    times: indices.map((i) => iso(bars[i]!.ts)),
    equity: indices.map((i) => equity[i]!),
    buyAndHold: indices.map((i) => buyAndHoldEquity(firstOpen, bars[i]!.close)),
    totalPoints: equity.length,
  };
}

function lookAheadDto(report: LookAheadReport, timeAt: (index: number) => string) {
  const first = report.firstMismatch;
  return {
    cutPoints: report.cutPoints,
    mismatches: report.mismatches,
    firstMismatch: first
      ? { cutTime: timeAt(first.cut), signalTime: timeAt(first.index), full: first.full, truncated: first.truncated }
      : null,
  };
}
