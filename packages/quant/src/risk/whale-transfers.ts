import { log10Big, ratio, robustScale } from './amount-math';
import type { WhaleParams } from './risk-params';
import { isBurn, isMint, type TokenTransfer } from './token-transfer';

export interface WhaleTransfer {
  transfer: TokenTransfer;
  /** Robust z-score of log10(amount) among the token's ordinary transfers; null with too few of them. */
  z: number | null;
  /** Share of the supply moved; null when the supply is unknown. */
  shareOfSupply: number | null;
}

/** An ordinary transfer moves tokens between two holders: not a mint or burn, not to itself, not zero. */
export const isOrdinaryTransfer = (t: TokenTransfer): boolean =>
  !isMint(t) && !isBurn(t) && t.from !== t.to && t.value > 0n;

/**
 * Whale transfers of one token. Amounts are compared on a log scale because token amounts span many orders of
 * magnitude (a raw MAD would call half of them outliers): z = (log10(v) - median) / (1.4826 MAD), MAD and
 * median over the token's ordinary transfers (the modified z-score of Iglewicz & Hoaglin, whose 3.5 cut-off is
 * the default). A transfer is a whale transfer when
 *   z >= zThreshold and (supply unknown or share >= minShareOfSupply), or
 *   share >= dangerShareOfSupply (a large part of the supply moves, however usual such amounts are here).
 */
export function detectWhaleTransfers(
  transfers: readonly TokenTransfer[],
  supply: bigint | null,
  params: WhaleParams,
): WhaleTransfer[] {
  const ordinary = transfers.filter(isOrdinaryTransfer);
  const logs = ordinary.map((t) => log10Big(t.value));
  const { center, scale } = robustScale(logs);
  const useZ = ordinary.length >= params.minSample && scale > 0;
  const whales: WhaleTransfer[] = [];
  ordinary.forEach((transfer, i) => {
    const z = useZ ? (logs[i]! - center) / scale : null;
    const shareOfSupply = supply !== null && supply > 0n ? ratio(transfer.value, supply) : null;
    const byZ =
      z !== null && z >= params.zThreshold && (shareOfSupply === null || shareOfSupply >= params.minShareOfSupply);
    const byShare = shareOfSupply !== null && shareOfSupply >= params.dangerShareOfSupply;
    if (byZ || byShare) whales.push({ transfer, z, shareOfSupply });
  });
  return whales;
}
