/**
 * What the engine reads of a strategy (the contracts package validates the full document; quant depends on
 * nothing of ours, so it names only the fields it uses). Amounts are fractions: 0.02 = 2%.
 */
export interface StrategySpec {
  side: 'long' | 'short' | 'both';
  entry: string;
  exit?: string;
  entryShort?: string;
  exitShort?: string;
  stopLossPct?: number;
  takeProfitPct?: number;
  trailingStopPct?: number;
  maxBarsInTrade?: number;
  cooldownBars?: number;
  sizing?: { fraction: number };
  fees?: { rate: number };
  slippageBps?: number;
}

export type PositionSide = 'long' | 'short';

export const EXIT_REASONS = ['exit', 'stop_loss', 'take_profit', 'trailing_stop', 'max_bars', 'end'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

export const SIGNAL_ACTIONS = ['enter_long', 'exit_long', 'enter_short', 'exit_short'] as const;
export type SignalAction = (typeof SIGNAL_ACTIONS)[number];
