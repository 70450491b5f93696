import { withinTolerance } from './amount-math';
import type { WashParams } from './risk-params';
import type { TokenTransfer } from './token-transfer';
import { isOrdinaryTransfer } from './whale-transfers';

export interface WashCycle {
  /** The wallets in cycle order: the first sends to the second, ..., the last back to the first. */
  wallets: string[];
  transfers: TokenTransfer[];
  fromBlock: number;
  toBlock: number;
}

/** Steps of one depth-first search before it gives up (a guard; rings of few wallets need a handful). */
const SEARCH_BUDGET = 10_000;

/**
 * Wash-trading cycles of one token: tokens that travel A -> B -> ... -> A through at most `maxCycleLength`
 * distinct wallets, hop after hop in chain order, the whole trip within `windowBlocks`, every hop moving the
 * first hop's amount within `amountTolerance`. Only "few wallets" take part: every member has at most
 * `maxCounterparties` distinct counterparties in the token's transfers, which keeps out DEX pools and exchange
 * wallets (a sandwich bot trading back and forth with a pool is not a ring). Mints, burns, self-transfers and
 * zero-value transfers are not hops, and a cycle must end in a later block than it starts. Cycles are disjoint: each transfer belongs to at most one, found greedily
 * from the earliest transfer, so a ring doing five rounds counts five cycles.
 */
export function detectWashCycles(transfers: readonly TokenTransfer[], params: WashParams): WashCycle[] {
  const ordinary = transfers.filter(isOrdinaryTransfer);
  // Counted only up to one past the limit: a pool's thousands of counterparties need not be kept.
  const counterparties = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    const set = counterparties.get(a);
    if (set === undefined) counterparties.set(a, new Set([b]));
    else if (set.size <= params.maxCounterparties) set.add(b);
  };
  for (const t of ordinary) {
    link(t.from, t.to);
    link(t.to, t.from);
  }
  const few = (a: string) => (counterparties.get(a)?.size ?? 0) <= params.maxCounterparties;
  const edges = ordinary.filter((t) => few(t.from) && few(t.to));
  const outgoing = new Map<string, number[]>();
  edges.forEach((t, i) => {
    const list = outgoing.get(t.from);
    if (list) list.push(i);
    else outgoing.set(t.from, [i]);
  });

  const used = new Uint8Array(edges.length);
  const cycles: WashCycle[] = [];
  for (let s = 0; s < edges.length && cycles.length < params.maxCycles; s++) {
    if (used[s]) continue;
    const found = searchCycle(edges, outgoing, used, s, params);
    if (found === null) continue;
    for (const i of found) used[i] = 1;
    const hops = found.map((i) => edges[i]!);
    cycles.push({
      wallets: hops.map((t) => t.from),
      transfers: hops,
      fromBlock: hops[0]!.block,
      toBlock: hops[hops.length - 1]!.block,
    });
  }
  return cycles;
}

/** Depth-first search for the earliest cycle that starts with edge `s`; edge indexes in hop order, or null. */
function searchCycle(
  edges: readonly TokenTransfer[],
  outgoing: ReadonlyMap<string, number[]>,
  used: Uint8Array,
  s: number,
  params: WashParams,
): number[] | null {
  const start = edges[s]!;
  const lastBlock = start.block + params.windowBlocks;
  const path = [s];
  const onPath = new Set([start.from, start.to]);
  let budget = SEARCH_BUDGET;

  const extend = (at: string, after: number): boolean => {
    for (const i of outgoing.get(at) ?? []) {
      if (i <= after || used[i]) continue;
      const t = edges[i]!;
      if (t.block > lastBlock || --budget < 0) return false;
      if (!withinTolerance(t.value, start.value, params.amountTolerance)) continue;
      if (t.to === start.from) {
        // All hops in one block is bot mechanics (a flash loan, an arbitrage, a sandwich), not a trade back and
        // forth between parties: keep looking for a return in a later block.
        if (t.block === start.block) continue;
        path.push(i);
        return true;
      }
      if (onPath.has(t.to) || path.length + 1 >= params.maxCycleLength) continue;
      path.push(i);
      onPath.add(t.to);
      if (extend(t.to, i)) return true;
      path.pop();
      onPath.delete(t.to);
    }
    return false;
  };
  return extend(start.to, s) ? path : null;
}
