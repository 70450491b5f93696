import type { PositionSide } from './strategy-spec';

/**
 * Return of one round trip as a fraction, fees paid on both sides at `feeRate` of the traded value
 * (Freqtrade's convention): long exit*(1 - fee) / (entry*(1 + fee)) - 1; short 1 - exit*(1 + fee) / (entry*(1 - fee)).
 */
export function tradeReturn(side: PositionSide, entryPrice: number, exitPrice: number, feeRate: number): number {
  return side === 'long'
    ? (exitPrice * (1 - feeRate)) / (entryPrice * (1 + feeRate)) - 1
    : 1 - (exitPrice * (1 + feeRate)) / (entryPrice * (1 - feeRate));
}

/** A fill `bps` basis points worse than `price`: buying pays more, selling gets less. */
export function slipped(price: number, buying: boolean, bps: number): number {
  return buying ? price * (1 + bps / 10_000) : price * (1 - bps / 10_000);
}
