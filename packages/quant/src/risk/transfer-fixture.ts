// Test helper: small hand-written transfer lists. Wallets are short names ('A', 'B', ...) since the detectors
// only compare addresses; mints and burns use the real 0x0 and 0x...dead addresses.
import { ZERO_ADDRESS, type TokenTransfer } from './token-transfer';

export const TOKEN = '0x00000000000000000000000000000000000000aa';
export const MINT = ZERO_ADDRESS;

/** [from, to, value, block] rows as transfers of TOKEN, hashes "tx1", "tx2", ... in row order. */
export function transfers(rows: readonly (readonly [string, string, bigint | number, number])[]): TokenTransfer[] {
  const perBlock = new Map<number, number>();
  return rows.map(([from, to, value, block], i) => {
    const logIndex = perBlock.get(block) ?? 0;
    perBlock.set(block, logIndex + 1);
    return { token: TOKEN, from, to, value: BigInt(value), txHash: `tx${i + 1}`, logIndex, block };
  });
}

export const hashesOf = (list: readonly { txHash: string }[]): string[] => list.map((t) => t.txHash);
