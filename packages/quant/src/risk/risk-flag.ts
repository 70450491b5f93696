/** The flags a risk assessment can raise, in the order they are listed when weights tie. */
export const FLAG_CODES = [
  'PUMP_PATTERN',
  'WASH_CYCLE',
  'HOLDER_CONCENTRATION',
  'MINT_EVENT',
  'FRESH_WALLET_CLUSTER',
  'WHALE_TRANSFER',
  'TRANSFER_BURST',
  'SENTIMENT_SPIKE',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export const FLAG_LEVELS = ['danger', 'warn', 'info'] as const;
export type FlagLevel = (typeof FLAG_LEVELS)[number];

/** How much each code can add to the score (a danger-level flag's weight); see riskScore. */
export const FLAG_WEIGHTS: Readonly<Record<FlagCode, number>> = {
  PUMP_PATTERN: 0.6,
  WASH_CYCLE: 0.5,
  HOLDER_CONCENTRATION: 0.4,
  MINT_EVENT: 0.4,
  FRESH_WALLET_CLUSTER: 0.35,
  WHALE_TRANSFER: 0.3,
  TRANSFER_BURST: 0.2,
  SENTIMENT_SPIKE: 0.2,
};

/** A warning counts half of a danger; info is shown but adds nothing. */
export const LEVEL_FACTOR: Readonly<Record<FlagLevel, number>> = { danger: 1, warn: 0.5, info: 0 };

/**
 * What a flag points at, so a user can check it: transaction hashes and their blocks, bar (or post-bucket)
 * timestamps in epoch ms, post ids, and the addresses involved. Every list is present, possibly empty, and
 * holds at most `maxEvidence` items (the message gives the full counts).
 */
export interface FlagEvidence {
  transactions: string[];
  blocks: number[];
  bars: number[];
  posts: string[];
  addresses: string[];
}

export interface RiskFlag {
  code: FlagCode;
  level: FlagLevel;
  /** This flag's share in the score: FLAG_WEIGHTS[code] x LEVEL_FACTOR[level] (0 for info). */
  weight: number;
  /** One sentence with the numbers behind the flag. */
  message: string;
  evidence: FlagEvidence;
  /** Set when a trusted token's flag was turned into info (see trusted-tokens.ts). */
  suppressedBy?: 'TRUSTED_TOKEN';
}

const unique = <T>(items: Iterable<T>, max: number): T[] => [...new Set(items)].slice(0, max);

export interface EvidenceParts {
  transactions?: Iterable<string>;
  blocks?: Iterable<number>;
  bars?: Iterable<number>;
  posts?: Iterable<string>;
  addresses?: Iterable<string>;
}

/** A flag with its weight from the tables above and de-duplicated, capped evidence lists. */
export function makeFlag(
  code: FlagCode,
  level: FlagLevel,
  message: string,
  parts: EvidenceParts,
  maxEvidence: number,
): RiskFlag {
  return {
    code,
    level,
    weight: FLAG_WEIGHTS[code] * LEVEL_FACTOR[level],
    message,
    evidence: {
      transactions: unique(parts.transactions ?? [], maxEvidence),
      blocks: unique(parts.blocks ?? [], maxEvidence).sort((a, b) => a - b),
      bars: unique(parts.bars ?? [], maxEvidence).sort((a, b) => a - b),
      posts: unique(parts.posts ?? [], maxEvidence),
      addresses: unique(parts.addresses ?? [], maxEvidence),
    },
  };
}

/** Heaviest first, then in FLAG_CODES order. */
export function compareFlags(a: RiskFlag, b: RiskFlag): number {
  return b.weight - a.weight || FLAG_CODES.indexOf(a.code) - FLAG_CODES.indexOf(b.code);
}

/** True for the levels that raise an alarm (danger, warn). */
export const isAlarm = (flag: RiskFlag): boolean => flag.level !== 'info';
