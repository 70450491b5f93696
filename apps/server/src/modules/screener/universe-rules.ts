import { universeRulesSchema, type ExclusionReason, type UniverseRules } from '@marketlens/contracts';
import type { ListingEntry } from './listing-csv';

/** The default small-cap universe: market cap $300M-$2B, price >= $1, no ETFs. */
export const DEFAULT_UNIVERSE_RULES: UniverseRules = universeRulesSchema.parse({});

export interface RuleVerdict {
  included: boolean;
  excludedBy: ExclusionReason | null;
}

/** The first rule a listing row fails, in a fixed order (ETF, market cap, price), or none. */
export function applyUniverseRules(entry: ListingEntry, rules: UniverseRules): RuleVerdict {
  const out = (excludedBy: ExclusionReason): RuleVerdict => ({ included: false, excludedBy });
  if (rules.excludeEtfs && entry.isEtf) return out('etf');
  const { minMarketCap: min, maxMarketCap: max, minPrice } = rules;
  if (min !== null || max !== null) {
    if (entry.marketCap === null) return out('market_cap_unknown');
    if (min !== null && entry.marketCap < min) return out('market_cap_below');
    if (max !== null && entry.marketCap > max) return out('market_cap_above');
  }
  if (minPrice !== null) {
    if (entry.lastSale === null) return out('price_unknown');
    if (entry.lastSale < minPrice) return out('price_below');
  }
  return { included: true, excludedBy: null };
}

const money = (x: number) =>
  x >= 1e9 ? `$${Number((x / 1e9).toPrecision(4))}B` : x >= 1e6 ? `$${Number((x / 1e6).toPrecision(4))}M` : `$${x}`;

/** The rule in words, for the page: "market cap $2.5B above the maximum $2B". */
export function describeExclusion(
  reason: ExclusionReason | null,
  row: { marketCap: number | null; lastSale: number | null },
  rules: UniverseRules,
): string | null {
  switch (reason) {
    case null:
      return null;
    case 'etf':
      return 'an ETF (the rules exclude ETFs)';
    case 'market_cap_unknown':
      return 'market cap unknown in the listing (the rules need one)';
    case 'market_cap_below':
      return `market cap ${money(row.marketCap ?? 0)} below the minimum ${money(rules.minMarketCap ?? 0)}`;
    case 'market_cap_above':
      return `market cap ${money(row.marketCap ?? 0)} above the maximum ${money(rules.maxMarketCap ?? 0)}`;
    case 'price_unknown':
      return 'last sale price unknown in the listing (the rules need one)';
    case 'price_below':
      return `price $${row.lastSale ?? 0} below the minimum $${rules.minPrice ?? 0}`;
  }
}
