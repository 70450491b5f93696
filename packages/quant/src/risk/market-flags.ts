import { makeFlag, type RiskFlag } from './risk-flag';
import type { RiskParams } from './risk-params';
import type { SentimentSpike } from './sentiment-spike';
import type { SpikeReversal } from './pump-pattern';

const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;

export function pumpFlag(pumps: readonly SpikeReversal[], p: RiskParams): RiskFlag | null {
  if (pumps.length === 0) return null;
  const top = pumps.reduce((a, b) => (b.rise > a.rise ? b : a));
  const bars = pumps.flatMap((s) => [s.startTs, s.peakTs, s.endTs, ...(s.volumeTs === null ? [] : [s.volumeTs])]);
  return makeFlag(
    'PUMP_PATTERN',
    pumps.some((s) => s.rise >= p.pump.dangerRise) ? 'danger' : 'warn',
    `${pumps.length} pump-and-dump pattern${pumps.length === 1 ? '' : 's'}; the largest rose ${pct(top.rise)} on volume z ${(top.maxVolumeZ ?? 0).toFixed(1)} and gave back ${pct(top.retrace)} of it`,
    { bars },
    p.maxEvidence,
  );
}

export function sentimentFlag(spikes: readonly SentimentSpike[], p: RiskParams): RiskFlag | null {
  if (spikes.length === 0) return null;
  const top = spikes.reduce((a, b) => (b.z > a.z ? b : a));
  const mood = top.meanSentiment > 0 ? 'hype' : 'panic';
  return makeFlag(
    'SENTIMENT_SPIKE',
    'warn',
    `${spikes.length} post spike${spikes.length === 1 ? '' : 's'}; the largest ${top.posts} posts against a baseline of ${top.baselineMean.toFixed(1)} (${mood}, mean sentiment ${top.meanSentiment.toFixed(2)})`,
    { bars: spikes.map((s) => s.ts), posts: spikes.flatMap((s) => s.postIds) },
    p.maxEvidence,
  );
}
