import {
  assessToken,
  sentimentBuckets,
  type OhlcvBar,
  type RiskAssessment,
  type ScoredPost,
  type TokenTransfer,
} from '@marketlens/quant';

/** What one assessment reads: the token's transfers, price bars and scored posts up to `until`. */
export interface RiskInputs {
  address: string;
  fromCreation: boolean;
  totalSupply: bigint | null;
  transfers: readonly TokenTransfer[];
  /** Time order; null when the token has no price instrument. */
  bars: readonly OhlcvBar[] | null;
  posts: readonly ScoredPost[];
  /** End of the window (exclusive), epoch ms: bars and posts at or after it are not seen. */
  until: number;
}

export interface ComputedRisk {
  assessment: RiskAssessment;
  /** RiskMetrics as stored and served: bigints as decimal strings, plus what was read. */
  metrics: Record<string, unknown>;
}

/**
 * Runs quant's assessToken on stored data and shapes its metrics for storage. Posts become hourly buckets from
 * the first post to `until` (empty hours count as zeros); without posts there is no sentiment input at all,
 * so SENTIMENT_SPIKE cannot fire on missing data.
 */
export function computeRisk(inputs: RiskInputs): ComputedRisk {
  const posts = inputs.posts.filter((p) => p.postedAt < inputs.until);
  const bars = inputs.bars?.filter((b) => b.ts < inputs.until) ?? null;
  const first = posts[0]?.postedAt;
  const assessment = assessToken({
    token: inputs.address,
    transfers: inputs.transfers,
    ...(bars && bars.length > 0 ? { bars } : {}),
    ...(first === undefined ? {} : { sentiment: sentimentBuckets(posts, { from: first, to: inputs.until }) }),
    ...(inputs.totalSupply === null ? {} : { totalSupply: inputs.totalSupply }),
    fromCreation: inputs.fromCreation,
  });
  const m = assessment.metrics;
  return {
    assessment,
    metrics: {
      ...m,
      supply: m.supply === null ? null : m.supply.toString(),
      minted: m.minted.toString(),
      burned: m.burned.toString(),
      posts: posts.length,
      bars: bars?.length ?? 0,
    },
  };
}
