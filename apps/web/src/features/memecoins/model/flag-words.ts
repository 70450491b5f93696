import type { RiskFlagDto } from '@marketlens/contracts';
import type { BadgeTone } from '../../../shared/ui/badge';

export type FlagCode = RiskFlagDto['code'];
export type FlagLevel = RiskFlagDto['level'];

/** Each flag in a few words, for legends and titles (the flag's own message says what was seen). */
export const FLAG_LABELS: Readonly<Record<FlagCode, string>> = {
  PUMP_PATTERN: 'Pump pattern',
  WASH_CYCLE: 'Wash trading cycle',
  HOLDER_CONCENTRATION: 'Holder concentration',
  MINT_EVENT: 'Mint after launch',
  FRESH_WALLET_CLUSTER: 'Fresh-wallet cluster',
  WHALE_TRANSFER: 'Whale transfer',
  TRANSFER_BURST: 'Transfer burst',
  SENTIMENT_SPIKE: 'Sentiment spike',
};

export const LEVEL_TONE: Readonly<Record<FlagLevel, BadgeTone>> = {
  danger: 'danger',
  warn: 'warning',
  info: 'info',
};

/** Marker colours on the timeline (Tailwind rose-600, amber-500, sky-600). */
export const LEVEL_COLOR: Readonly<Record<FlagLevel, string>> = {
  danger: '#e11d48',
  warn: '#f59e0b',
  info: '#0284c7',
};

const LEVEL_RANK: Readonly<Record<FlagLevel, number>> = { info: 0, warn: 1, danger: 2 };

/** The more serious of two levels. */
export function worseLevel(a: FlagLevel, b: FlagLevel): FlagLevel {
  return LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b;
}

/** Danger first, then warn, then info; stable within a level. */
export function byLevel<T extends { level: FlagLevel }>(flags: readonly T[]): T[] {
  return [...flags].sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level]);
}
