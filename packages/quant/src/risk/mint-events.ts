import { ratio } from './amount-math';
import { isBurn, isMint, type TokenTransfer } from './token-transfer';

export interface MintEvent {
  transfer: TokenTransfer;
  /** The minted amount over the supply just before it (minted - burned so far); null when that is unknown. */
  shareOfSupply: number | null;
}

export interface MintBurnSummary {
  /** Mints that created the token: those in the first block, before any other transfer (not flagged). */
  initialMints: TokenTransfer[];
  /** Every later mint: new supply after launch. */
  laterMints: MintEvent[];
  burns: TokenTransfer[];
  minted: bigint;
  burned: bigint;
}

/**
 * Mints (transfers from 0x0) and burns (to 0x0 or 0x...dead) of one token in chain order. Only on a complete
 * history (see HolderLedger.complete) is the supply before a mint known; with a total supply given, the share
 * is taken against that. Zero-value mints are ignored (they create nothing).
 */
export function mintBurnEvents(
  transfers: readonly TokenTransfer[],
  complete: boolean,
  totalSupply?: bigint,
): MintBurnSummary {
  const summary: MintBurnSummary = { initialMints: [], laterMints: [], burns: [], minted: 0n, burned: 0n };
  let launched = false;
  const firstBlock = transfers[0]?.block;
  for (const t of transfers) {
    if (isMint(t) && t.value > 0n) {
      if (!launched && t.block === firstBlock && complete) summary.initialMints.push(t);
      else {
        const before = totalSupply ?? (complete ? summary.minted - summary.burned : null);
        summary.laterMints.push({
          transfer: t,
          shareOfSupply: before !== null && before > 0n ? ratio(t.value, before) : null,
        });
      }
      summary.minted += t.value;
      continue;
    }
    launched = true;
    if (isBurn(t)) {
      summary.burns.push(t);
      summary.burned += t.value;
    }
  }
  return summary;
}
