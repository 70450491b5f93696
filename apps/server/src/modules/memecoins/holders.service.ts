import { holderConcentration, replayHolderLedger } from '@marketlens/quant';
import type { AppContext } from '../../context';
import { requireToken } from './assess.service';
import { loadTransfers } from './transfers.store';

/** Largest holders by top-10 share (the HOLDER_CONCENTRATION flag's own measure). */
const TOP_N = 10;

/**
 * Who holds the token, replayed from the stored transfers. On a complete history (from creation) balances,
 * shares, top-10 share and HHI are exact; on a partial one only net flows over the collected window are known,
 * so the list shows the largest net receivers without shares.
 */
export async function tokenHolders(ctx: AppContext, address: string, limit: number) {
  const token = await requireToken(ctx, address);
  const transfers = await loadTransfers(ctx.db.orm, token.address);
  const supply = token.totalSupply === null ? undefined : BigInt(token.totalSupply);
  const ledger = replayHolderLedger(transfers, token.fromCreation, supply);
  const topTen = holderConcentration(ledger, TOP_N);
  const listed = holderConcentration(ledger, limit);
  if (topTen && listed) {
    return {
      history: ledger.complete ? ('complete' as const) : ('partial' as const),
      holders: topTen.holders,
      topShare: topTen.topShare,
      hhi: topTen.hhi,
      top: listed.top.map((h) => ({ address: h.address, balance: h.balance.toString(), share: h.share })),
    };
  }
  const net = [...ledger.balances]
    .filter(([, balance]) => balance > 0n)
    .sort(([a, x], [b, y]) => (x === y ? (a < b ? -1 : 1) : x > y ? -1 : 1))
    .slice(0, limit);
  return {
    history: 'partial' as const,
    holders: null,
    topShare: null,
    hhi: null,
    top: net.map(([a, balance]) => ({ address: a, balance: balance.toString(), share: null })),
  };
}
