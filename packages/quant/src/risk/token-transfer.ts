/**
 * One ERC-20 `Transfer` log. Addresses and hashes are lower-case hex (`0x` + 40 / 64 digits).
 *
 * `value` is the raw integer amount in the token's base units (divide by 10^decimals for display). It is a
 * `bigint` because real amounts exceed 2^53 (18-decimal tokens routinely move 10^24 base units): a `number`
 * would round them and balances would no longer add up. Shares and z-scores are ratios and logarithms, for
 * which converting to `number` at the end is exact enough (relative error 1e-16).
 *
 * Time is the block number: the ethereum-etl layout has no timestamp, so every transfer window is counted in
 * blocks (about 12 s each on mainnet since the Merge; 13 s before it). `timestamp` (epoch seconds) is kept when
 * the source has one (Etherscan exports) but no detector needs it.
 */
export interface TokenTransfer {
  token: string;
  from: string;
  to: string;
  value: bigint;
  txHash: string;
  /** Position of the log in its block; orders transfers of one block. */
  logIndex: number;
  block: number;
  timestamp?: number;
}

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';
/** The conventional burn address ("0x...dEaD"); tokens sent there are out of circulation like those sent to 0x0. */
export const DEAD_ADDRESS = '0x000000000000000000000000000000000000dead';

/** Seconds per block used to turn block windows into minutes in messages and docs (post-Merge mainnet). */
export const SECONDS_PER_BLOCK = 12;

export const isMint = (t: TokenTransfer): boolean => t.from === ZERO_ADDRESS;
export const isBurnAddress = (address: string): boolean => address === ZERO_ADDRESS || address === DEAD_ADDRESS;
export const isBurn = (t: TokenTransfer): boolean => isBurnAddress(t.to) && !isMint(t);

/** Chain order: block, then log index. */
export function compareTransfers(a: TokenTransfer, b: TokenTransfer): number {
  return a.block - b.block || a.logIndex - b.logIndex;
}

/** Transfers grouped by token, each group in chain order (the input is not modified). */
export function groupByToken(transfers: readonly TokenTransfer[]): Map<string, TokenTransfer[]> {
  const groups = new Map<string, TokenTransfer[]>();
  for (const t of transfers) {
    const group = groups.get(t.token);
    if (group) group.push(t);
    else groups.set(t.token, [t]);
  }
  for (const group of groups.values()) group.sort(compareTransfers);
  return groups;
}
