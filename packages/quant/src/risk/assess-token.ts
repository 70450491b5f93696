import type { OhlcvBar } from '../bars/ohlcv-bar';
import { detectFreshWalletClusters } from './fresh-wallet-clusters';
import { holderConcentration, replayHolderLedger } from './holder-balances';
import { newHolderGrowth } from './holder-growth';
import { pumpFlag, sentimentFlag } from './market-flags';
import { mintBurnEvents } from './mint-events';
import { detectPumpPatterns } from './pump-pattern';
import { compareFlags, type RiskFlag } from './risk-flag';
import { resolveRiskParams, type RiskParamsOverride } from './risk-params';
import { riskScore } from './risk-score';
import { detectSentimentSpikes, type SentimentBucket } from './sentiment-spike';
import { compareTransfers, type TokenTransfer } from './token-transfer';
import { burstFlag, concentrationFlag, freshClusterFlag, mintFlag, washFlag, whaleFlag } from './transfer-flags';
import { detectTransferBursts, type BlockRange } from './transfer-bursts';
import { suppressForTrusted, TRUSTED_TOKENS } from './trusted-tokens';
import { detectWashCycles } from './wash-cycles';
import { detectWhaleTransfers } from './whale-transfers';

export interface AssessTokenInput {
  /** Lower-case contract address. */
  token: string;
  /** The token's transfers, any order (other tokens' transfers are ignored). */
  transfers: readonly TokenTransfer[];
  /** Price bars, time order (PUMP_PATTERN). */
  bars?: readonly OhlcvBar[];
  /** Post buckets, time order (SENTIMENT_SPIKE). */
  sentiment?: readonly SentimentBucket[];
  /** The token's total supply in base units, when known (e.g. from Etherscan's token info). */
  totalSupply?: bigint;
  /**
   * The transfers start at the token's creation (its first mint), e.g. an Etherscan token export from the first
   * page or the synthetic demo token. Only then are supply, holders and concentration known. Default false.
   */
  fromCreation?: boolean;
  /** Blocks the transfers were collected over (burst baselines count empty blocks from here); default their own. */
  blockRange?: BlockRange;
}

export interface AssessOptions {
  params?: RiskParamsOverride;
  /** Every token's transfers start at its creation (see AssessTokenInput.fromCreation); for scanTransfers. */
  fromCreation?: boolean;
  /** Extra trusted tokens (address -> symbol) on top of TRUSTED_TOKENS. */
  trustedTokens?: Readonly<Record<string, string>>;
}

export interface RiskMetrics {
  transfers: number;
  firstBlock: number | null;
  lastBlock: number | null;
  /** See HolderLedger.complete. */
  history: 'complete' | 'partial';
  supply: bigint | null;
  minted: bigint;
  burned: bigint;
  burns: number;
  /** Holders with a balance above zero, top-N share and HHI; null on a partial history. */
  holders: number | null;
  topShare: number | null;
  hhi: number | null;
  /** Distinct receivers, and the most first-time receivers in one growth bucket. */
  receivers: number;
  peakNewHolders: number;
}

export interface RiskAssessment {
  token: string;
  /** The symbol when the token is on the trusted list, else null. */
  trusted: string | null;
  riskScore: number;
  /** Heaviest first. */
  flags: RiskFlag[];
  metrics: RiskMetrics;
}

/** Runs every detector on one token and turns what they find into flags and a score (docs/meme-radar.md). */
export function assessToken(input: AssessTokenInput, options: AssessOptions = {}): RiskAssessment {
  const p = resolveRiskParams(options.params);
  const transfers = input.transfers.filter((t) => t.token === input.token).sort(compareTransfers);
  const ledger = replayHolderLedger(transfers, input.fromCreation ?? false, input.totalSupply);
  const concentration = holderConcentration(ledger, p.concentration.topN);
  const mints = mintBurnEvents(transfers, ledger.complete, input.totalSupply);
  const growth = newHolderGrowth(transfers, p.growthBucketBlocks);
  const found = [
    concentrationFlag(concentration, ledger, p),
    whaleFlag(detectWhaleTransfers(transfers, ledger.supply, p.whale), p),
    washFlag(detectWashCycles(transfers, p.wash), p),
    burstFlag(detectTransferBursts(transfers, p.burst, input.blockRange), p),
    freshClusterFlag(detectFreshWalletClusters(transfers, p.freshCluster), p),
    mintFlag(mints, p),
    input.bars ? pumpFlag(detectPumpPatterns(input.bars, p.pump), p) : null,
    input.sentiment ? sentimentFlag(detectSentimentSpikes(input.sentiment, p.sentiment), p) : null,
  ];
  const trusted = TRUSTED_TOKENS[input.token] ?? options.trustedTokens?.[input.token] ?? null;
  const flags = found
    .filter((f): f is RiskFlag => f !== null)
    .map((f) => (trusted === null ? f : suppressForTrusted(f, trusted)))
    .sort(compareFlags);
  return {
    token: input.token,
    trusted,
    riskScore: riskScore(flags),
    flags,
    metrics: {
      transfers: transfers.length,
      firstBlock: transfers[0]?.block ?? null,
      lastBlock: transfers.at(-1)?.block ?? null,
      history: ledger.complete ? 'complete' : 'partial',
      supply: ledger.supply,
      minted: mints.minted,
      burned: mints.burned,
      burns: mints.burns.length,
      holders: concentration?.holders ?? null,
      topShare: concentration?.topShare ?? null,
      hhi: concentration?.hhi ?? null,
      receivers: growth.at(-1)?.totalHolders ?? 0,
      peakNewHolders: growth.reduce((m, b) => Math.max(m, b.newHolders), 0),
    },
  };
}
