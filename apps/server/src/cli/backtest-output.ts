import type { BacktestResult } from '@marketlens/quant';

/**
 * The `backtest --json` document: the CLI contract of issue 9, field for field. Fractions, not percent
 * (0.05 = 5%); times are ISO-8601 UTC open times of the bar in which the fill happened.
 */
export interface BacktestCliOutput {
  bars: number;
  trades: Array<{
    side: 'long' | 'short';
    entryTime: string;
    entryPrice: number;
    exitTime: string;
    exitPrice: number;
    returnPct: number;
    exitReason: string;
  }>;
  metrics: {
    totalReturn: number;
    cagr: number | null;
    sharpe: number | null;
    sortino: number | null;
    maxDrawdown: number;
    winRate: number | null;
    profitFactor: number | null;
    exposure: number;
    trades: number;
    buyAndHoldReturn: number;
  };
  lookAhead: { cutPoints: number; mismatches: number };
  engineSeconds: number;
}

const iso = (ts: number) => new Date(ts).toISOString();

export function backtestCliOutput(result: BacktestResult, engineSeconds: number): BacktestCliOutput {
  const m = result.metrics;
  return {
    bars: result.bars,
    trades: result.trades.map((t) => ({
      side: t.side,
      entryTime: iso(t.entryTs),
      entryPrice: t.entryPrice,
      exitTime: iso(t.exitTs),
      exitPrice: t.exitPrice,
      returnPct: t.returnPct,
      exitReason: t.exitReason,
    })),
    metrics: {
      totalReturn: m.totalReturn,
      cagr: m.cagr,
      sharpe: m.sharpe,
      sortino: m.sortino,
      maxDrawdown: m.maxDrawdown,
      winRate: m.winRate,
      profitFactor: m.profitFactor,
      exposure: m.exposure,
      trades: m.trades,
      buyAndHoldReturn: m.buyAndHoldReturn,
    },
    lookAhead: { cutPoints: result.lookAhead.cutPoints, mismatches: result.lookAhead.mismatches },
    engineSeconds,
  };
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(2)}%`);
const num = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

/** The human summary: the headline metrics beside buy-and-hold, then the first trades. */
export function backtestSummary(out: BacktestCliOutput, strategyName: string): string {
  const m = out.metrics;
  const lines = [
    `${strategyName}: ${out.bars} bars, ${m.trades} trades, engine ${out.engineSeconds.toFixed(3)} s`,
    `  total return   ${pct(m.totalReturn).padStart(10)}   buy and hold ${pct(m.buyAndHoldReturn)}`,
    `  CAGR           ${pct(m.cagr).padStart(10)}   max drawdown ${pct(m.maxDrawdown)}`,
    `  Sharpe         ${num(m.sharpe).padStart(10)}   Sortino      ${num(m.sortino)}`,
    `  win rate       ${pct(m.winRate).padStart(10)}   profit factor ${num(m.profitFactor)}`,
    `  exposure       ${pct(m.exposure).padStart(10)}`,
    `  look-ahead check: ${out.lookAhead.mismatches} mismatches at ${out.lookAhead.cutPoints} cut points`,
  ];
  if (out.trades.length > 0)
    lines.push(
      '',
      '  side   entry (UTC)               price        exit (UTC)                price        return   reason',
    );
  for (const t of out.trades.slice(0, 20)) {
    lines.push(
      `  ${t.side.padEnd(6)} ${t.entryTime.padEnd(25)} ${t.entryPrice.toPrecision(8).padStart(12)} ${t.exitTime.padEnd(25)} ${t.exitPrice.toPrecision(8).padStart(12)} ${pct(t.returnPct).padStart(9)}   ${t.exitReason}`,
    );
  }
  if (out.trades.length > 20) lines.push(`  ... and ${out.trades.length - 20} more (use --json for all)`);
  return `${lines.join('\n')}\n`;
}
