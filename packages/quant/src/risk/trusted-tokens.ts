import type { FlagCode, RiskFlag } from './risk-flag';

/**
 * Ethereum mainnet tokens whose on-chain patterns are routine, by lower-case contract address: stablecoins and
 * wrapped assets move in huge amounts through exchanges and pools, are minted and burned every block, and their
 * largest holders are contracts. Their transfer-based flags would only be false alarms.
 */
export const TRUSTED_TOKENS: Readonly<Record<string, string>> = {
  '0xdac17f958d2ee523a2206206994597c13d831ec7': 'USDT',
  '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48': 'USDC',
  '0x6b175474e89094c44da98b954eedeac495271d0f': 'DAI',
  '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2': 'WETH',
  '0x2260fac5e5542a773aa44fbcfedf7c193bc2c599': 'WBTC',
};

/**
 * The flags a trusted token does not raise: every flag read from transfers. PUMP_PATTERN and SENTIMENT_SPIKE
 * stay: a stablecoin's price spiking and reversing (a depeg) or a wave of posts is news even for a trusted token.
 */
export const SUPPRESSED_FOR_TRUSTED: readonly FlagCode[] = [
  'HOLDER_CONCENTRATION',
  'WHALE_TRANSFER',
  'WASH_CYCLE',
  'TRANSFER_BURST',
  'FRESH_WALLET_CLUSTER',
  'MINT_EVENT',
];

/** A suppressed flag stays visible, as info with weight 0, so the page can still show what was seen. */
export function suppressForTrusted(flag: RiskFlag, symbol: string): RiskFlag {
  if (!SUPPRESSED_FOR_TRUSTED.includes(flag.code)) return flag;
  return {
    ...flag,
    level: 'info',
    weight: 0,
    message: `${flag.message} (trusted token ${symbol}: not an alarm)`,
    suppressedBy: 'TRUSTED_TOKEN',
  };
}
