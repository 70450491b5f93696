import type { Instrument } from '@marketlens/contracts';

/**
 * Instruments whose symbol or name contains every word of the query (case-insensitive), in their order: with
 * the screener's demo universe a fresh install already lists a few hundred, so the Data page needs a filter.
 */
export function filterInstruments(instruments: readonly Instrument[], query: string): readonly Instrument[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return instruments;
  return instruments.filter((instrument) => {
    const text = `${instrument.symbol} ${instrument.name ?? ''}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
