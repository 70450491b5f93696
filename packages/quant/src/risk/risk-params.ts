/**
 * Every threshold of the Meme Radar detectors, with its default. Transfer windows count blocks (~12 s each,
 * see token-transfer.ts); bar windows count milliseconds. docs/meme-radar.md lists the same values.
 */
export interface ConcentrationParams {
  /** How many of the largest holders make up the "top" share. */
  topN: number;
  warnTopShare: number;
  dangerTopShare: number;
  /** Herfindahl-Hirschman index on shares (0..1): the US merger guidelines' 1,500 and 2,500 on the 0..10,000 scale. */
  warnHHI: number;
  dangerHHI: number;
}

export interface WhaleParams {
  /** Robust z-score (median/MAD) of log10(amount) at or above which a transfer is a whale transfer. */
  zThreshold: number;
  /** Fewer ordinary transfers than this: no z-score (too few to know what is usual); the share rule still applies. */
  minSample: number;
  /** A z-score whale must also move at least this share of the supply, when the supply is known. */
  minShareOfSupply: number;
  /** Any transfer of at least this share of the supply is a whale transfer, whatever its z-score; and a danger. */
  dangerShareOfSupply: number;
}

export interface BurstParams {
  /** Transfers are counted in buckets of this many blocks (5 blocks ~ 1 minute). */
  bucketBlocks: number;
  /** The baseline is the mean count of up to this many buckets before the bucket (the rolling baseline). */
  baselineBuckets: number;
  /** A bucket with fewer earlier buckets than this has no baseline and is not judged. */
  minBaselineBuckets: number;
  /** A burst bucket holds at least this many transfers... */
  minTransfers: number;
  /** ...at least this many times the baseline mean... */
  ratio: number;
  /** ...and (count - mean) / max(sd, sqrt(mean), 1) at least this (a Poisson-floored z-score). */
  zThreshold: number;
}

export interface FreshClusterParams {
  /** The funding transfers of one cluster all fall within this many blocks. */
  windowBlocks: number;
  /** At least this many fresh wallets funded by one address. */
  minWallets: number;
  /** Funding amounts of a cluster are equal within this relative tolerance: max <= min x (1 + tolerance). */
  amountTolerance: number;
}

export interface MintParams {
  /** A mint of at least this share of the supply before it is a warning (below it: info)... */
  warnShareOfSupply: number;
  /** ...and at least this share a danger. With the supply unknown (partial history) a mint is info. */
  dangerShareOfSupply: number;
}

export interface WashParams {
  /** A cycle's transfers all fall within this many blocks, first to last. */
  windowBlocks: number;
  /** Longest cycle searched: 2 is A->B->A, 4 is A->B->C->D->A. */
  maxCycleLength: number;
  /** Each hop moves the first hop's amount within this relative tolerance (tokens come back, minus fees). */
  amountTolerance: number;
  /** Ring members are "few wallets": at most this many distinct counterparties for the token (pools have hundreds). */
  maxCounterparties: number;
  /** This many cycles or more make the flag a danger; fewer a warning. */
  dangerCycles: number;
  /** Search stops after this many cycles per token (keeps a pathological file linear). */
  maxCycles: number;
}

export interface PumpParams {
  /** The rise from the low to the peak happens within this time. */
  riseWindowMs: number;
  /** Close-to-close rise from the window's lowest close to the peak close, at least this fraction (0.2 = +20%). */
  minRise: number;
  /** Volume baseline: the bars in this time before the bar (z-score of ln(1 + volume)). */
  volumeBaselineMs: number;
  /** The rise includes a bar whose volume z-score is at least this... */
  volumeZ: number;
  /** ...computed with the baseline SD floored at this (in ln units) so a flat baseline does not give infinities. */
  minVolumeSd: number;
  /** After the peak, the price gives back at least `minRetrace` of the rise within this time. */
  fallWindowMs: number;
  minRetrace: number;
  /** A danger when the rise is at least this; a warning below. */
  dangerRise: number;
}

export interface SentimentSpikeParams {
  /** Post counts of up to this many earlier buckets form the baseline. */
  baselineBuckets: number;
  minBaselineBuckets: number;
  /** (posts - mean) / max(sd, sqrt(mean), 1) at least this. */
  zThreshold: number;
  /** And at least this many posts in the bucket. */
  minPosts: number;
  /** And |mean sentiment| of the bucket at least this (scores in -1..1). */
  minAbsSentiment: number;
}

export interface RiskParams {
  concentration: ConcentrationParams;
  whale: WhaleParams;
  burst: BurstParams;
  freshCluster: FreshClusterParams;
  mint: MintParams;
  wash: WashParams;
  pump: PumpParams;
  sentiment: SentimentSpikeParams;
  /** New-holder growth is counted in buckets of this many blocks (25 blocks ~ 5 minutes). */
  growthBucketBlocks: number;
  /** Each evidence list of a flag keeps at most this many items (the message gives the full counts). */
  maxEvidence: number;
}

const HOUR_MS = 3_600_000;

export const DEFAULT_RISK_PARAMS: RiskParams = {
  concentration: { topN: 10, warnTopShare: 0.7, dangerTopShare: 0.9, warnHHI: 0.15, dangerHHI: 0.25 },
  whale: { zThreshold: 3.5, minSample: 20, minShareOfSupply: 0.01, dangerShareOfSupply: 0.05 },
  burst: { bucketBlocks: 5, baselineBuckets: 12, minBaselineBuckets: 4, minTransfers: 15, ratio: 4, zThreshold: 3 },
  freshCluster: { windowBlocks: 50, minWallets: 5, amountTolerance: 0.05 },
  mint: { warnShareOfSupply: 0.005, dangerShareOfSupply: 0.05 },
  wash: {
    windowBlocks: 100,
    maxCycleLength: 4,
    amountTolerance: 0.1,
    maxCounterparties: 6,
    dangerCycles: 3,
    maxCycles: 200,
  },
  pump: {
    riseWindowMs: 2 * HOUR_MS,
    minRise: 0.2,
    volumeBaselineMs: 24 * HOUR_MS,
    volumeZ: 3,
    minVolumeSd: 0.1,
    fallWindowMs: 6 * HOUR_MS,
    minRetrace: 0.5,
    dangerRise: 0.5,
  },
  sentiment: { baselineBuckets: 24, minBaselineBuckets: 6, zThreshold: 3, minPosts: 10, minAbsSentiment: 0.5 },
  growthBucketBlocks: 25,
  maxEvidence: 50,
};

/** Deep partial: override any threshold, keep the rest. */
export type RiskParamsOverride = {
  [K in keyof RiskParams]?: RiskParams[K] extends object ? Partial<RiskParams[K]> : RiskParams[K];
};

export function resolveRiskParams(override: RiskParamsOverride = {}): RiskParams {
  const d = DEFAULT_RISK_PARAMS;
  return {
    concentration: { ...d.concentration, ...override.concentration },
    whale: { ...d.whale, ...override.whale },
    burst: { ...d.burst, ...override.burst },
    freshCluster: { ...d.freshCluster, ...override.freshCluster },
    mint: { ...d.mint, ...override.mint },
    wash: { ...d.wash, ...override.wash },
    pump: { ...d.pump, ...override.pump },
    sentiment: { ...d.sentiment, ...override.sentiment },
    growthBucketBlocks: override.growthBucketBlocks ?? d.growthBucketBlocks,
    maxEvidence: override.maxEvidence ?? d.maxEvidence,
  };
}
