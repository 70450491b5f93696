import { ratio } from './amount-math';
import { isBurnAddress, isMint, type TokenTransfer } from './token-transfer';

/** Balances of one token replayed from its transfers. */
export interface HolderLedger {
  /** Every address that ever held or sent the token (not 0x0 or 0x...dead), with its balance in base units. */
  balances: Map<string, bigint>;
  /**
   * True when the caller says the transfers are the token's whole history (from its creation) and they are
   * consistent with that: the first one is a mint and no balance ever goes below zero. Transfers alone cannot
   * tell: in a file of a few blocks (the shared ethereum-etl file covers 51) a token whose first transfer there
   * is a mint (a Uniswap LP token, say) looks like a new token held by two addresses. On a partial history the
   * balances are net flows within the window, and supply and concentration are unknown (null).
   */
  complete: boolean;
  minted: bigint;
  burned: bigint;
  /** Tokens in circulation: minted - burned on a complete history, the caller's total supply if given, else null. */
  supply: bigint | null;
  /** Each holder's largest incoming transfer: the evidence of how the large holders got their tokens. */
  largestInbound: Map<string, TokenTransfer>;
}

/**
 * Replays transfers (one token, chain order) into balances. Mints come from 0x0 and add to the supply; burns go
 * to 0x0 or 0x...dead, which are never holders. A self-transfer and a zero-value transfer change nothing.
 */
export function replayHolderLedger(
  transfers: readonly TokenTransfer[],
  fromCreation: boolean,
  totalSupply?: bigint,
): HolderLedger {
  const balances = new Map<string, bigint>();
  const largestInbound = new Map<string, TokenTransfer>();
  let minted = 0n;
  let burned = 0n;
  let complete = fromCreation && transfers.length > 0 && isMint(transfers[0]!);
  for (const t of transfers) {
    const mint = isMint(t);
    if (mint) minted += t.value;
    else {
      const after = (balances.get(t.from) ?? 0n) - t.value;
      if (after < 0n) complete = false;
      balances.set(t.from, after);
    }
    if (isBurnAddress(t.to)) {
      if (!mint) burned += t.value;
      continue;
    }
    balances.set(t.to, (balances.get(t.to) ?? 0n) + t.value);
    const best = largestInbound.get(t.to);
    if (t.from !== t.to && t.value > 0n && (best === undefined || t.value > best.value)) largestInbound.set(t.to, t);
  }
  const supply = totalSupply ?? (complete ? minted - burned : null);
  return { balances, complete, minted, burned, supply, largestInbound };
}

export interface HolderShare {
  address: string;
  balance: bigint;
  share: number;
}

export interface HolderConcentration {
  /** Addresses with a balance above zero. */
  holders: number;
  /** Share of the supply held by the `topN` largest holders, 0..1. */
  topShare: number;
  /** Herfindahl-Hirschman index: the sum of every holder's squared share, 1/holders (even) .. 1 (one holder). */
  hhi: number;
  top: HolderShare[];
}

/**
 * Concentration of a ledger's positive balances against its supply; null when the supply is unknown or zero
 * (a partial history cannot say who holds what).
 */
export function holderConcentration(ledger: HolderLedger, topN: number): HolderConcentration | null {
  const supply = ledger.supply;
  if (supply === null || supply <= 0n) return null;
  const positive: HolderShare[] = [];
  for (const [address, balance] of ledger.balances) {
    if (balance > 0n) positive.push({ address, balance, share: ratio(balance, supply) });
  }
  positive.sort((a, b) =>
    a.balance === b.balance ? (a.address < b.address ? -1 : 1) : a.balance > b.balance ? -1 : 1,
  );
  const top = positive.slice(0, topN);
  const topBalance = top.reduce((sum, h) => sum + h.balance, 0n);
  const hhi = positive.reduce((sum, h) => sum + h.share * h.share, 0);
  return { holders: positive.length, topShare: ratio(topBalance, supply), hhi, top };
}
