import type { FreshWalletCluster } from './fresh-wallet-clusters';
import type { HolderConcentration, HolderLedger } from './holder-balances';
import type { MintBurnSummary } from './mint-events';
import { makeFlag, type FlagLevel, type RiskFlag } from './risk-flag';
import type { RiskParams } from './risk-params';
import type { TransferBurst } from './transfer-bursts';
import type { TokenTransfer } from './token-transfer';
import type { WashCycle } from './wash-cycles';
import type { WhaleTransfer } from './whale-transfers';

const pct = (share: number): string => `${(share * 100).toFixed(share < 0.001 ? 3 : 1)}%`;
const hashes = (transfers: readonly TokenTransfer[]) => transfers.map((t) => t.txHash);
const blocks = (transfers: readonly TokenTransfer[]) => transfers.map((t) => t.block);

export function concentrationFlag(
  concentration: HolderConcentration | null,
  ledger: HolderLedger,
  p: RiskParams,
): RiskFlag | null {
  if (concentration === null) return null;
  const c = p.concentration;
  const { topShare, hhi } = concentration;
  const level: FlagLevel | null =
    topShare >= c.dangerTopShare || hhi >= c.dangerHHI
      ? 'danger'
      : topShare >= c.warnTopShare || hhi >= c.warnHHI
        ? 'warn'
        : null;
  if (level === null) return null;
  const inbound = concentration.top.flatMap((h) => {
    const t = ledger.largestInbound.get(h.address);
    return t ? [t] : [];
  });
  return makeFlag(
    'HOLDER_CONCENTRATION',
    level,
    `top ${c.topN} holders hold ${pct(topShare)} of the supply (HHI ${hhi.toFixed(3)}, ${concentration.holders} holders)`,
    { transactions: hashes(inbound), blocks: blocks(inbound), addresses: concentration.top.map((h) => h.address) },
    p.maxEvidence,
  );
}

export function whaleFlag(whales: readonly WhaleTransfer[], p: RiskParams): RiskFlag | null {
  if (whales.length === 0) return null;
  const largest = whales.reduce((a, b) => (b.transfer.value > a.transfer.value ? b : a));
  const danger = whales.some((w) => w.shareOfSupply !== null && w.shareOfSupply >= p.whale.dangerShareOfSupply);
  const facts = [
    ...(largest.shareOfSupply === null ? [] : [`${pct(largest.shareOfSupply)} of the supply`]),
    ...(largest.z === null ? [] : [`robust z ${largest.z.toFixed(1)}`]),
  ];
  const byValue = [...whales].sort((a, b) => (b.transfer.value > a.transfer.value ? 1 : -1)).map((w) => w.transfer);
  return makeFlag(
    'WHALE_TRANSFER',
    danger ? 'danger' : 'warn',
    `${whales.length} whale transfer${whales.length === 1 ? '' : 's'}; the largest: ${facts.join(', ')}`,
    { transactions: hashes(byValue), blocks: blocks(byValue), addresses: byValue.map((t) => t.from) },
    p.maxEvidence,
  );
}

export function washFlag(cycles: readonly WashCycle[], p: RiskParams): RiskFlag | null {
  if (cycles.length === 0) return null;
  const hops = cycles.flatMap((c) => c.transfers);
  const wallets = new Set(cycles.flatMap((c) => c.wallets));
  return makeFlag(
    'WASH_CYCLE',
    cycles.length >= p.wash.dangerCycles ? 'danger' : 'warn',
    `${cycles.length} wash cycle${cycles.length === 1 ? '' : 's'} (${hops.length} transfers) among ${wallets.size} wallets within ${p.wash.windowBlocks} blocks`,
    { transactions: hashes(hops), blocks: blocks(hops), addresses: wallets },
    p.maxEvidence,
  );
}

export function burstFlag(bursts: readonly TransferBurst[], p: RiskParams): RiskFlag | null {
  if (bursts.length === 0) return null;
  const top = bursts.reduce((a, b) => (b.z > a.z ? b : a));
  const members = bursts.flatMap((b) => b.transfers);
  return makeFlag(
    'TRANSFER_BURST',
    'warn',
    `${bursts.length} burst bucket${bursts.length === 1 ? '' : 's'} of ${p.burst.bucketBlocks} blocks; the largest ${top.count} transfers against a baseline of ${top.baselineMean.toFixed(1)}`,
    { transactions: hashes(members), blocks: bursts.map((b) => b.fromBlock) },
    p.maxEvidence,
  );
}

export function freshClusterFlag(clusters: readonly FreshWalletCluster[], p: RiskParams): RiskFlag | null {
  if (clusters.length === 0) return null;
  const largest = clusters.reduce((a, b) => (b.wallets.length > a.wallets.length ? b : a));
  const fundings = clusters.flatMap((c) => c.transfers);
  return makeFlag(
    'FRESH_WALLET_CLUSTER',
    largest.wallets.length >= 2 * p.freshCluster.minWallets ? 'danger' : 'warn',
    `${clusters.length} funder${clusters.length === 1 ? '' : 's'} sent equal amounts to fresh wallets; the largest cluster has ${largest.wallets.length} wallets funded by ${largest.funder}`,
    {
      transactions: hashes(fundings),
      blocks: blocks(fundings),
      addresses: [...clusters.map((c) => c.funder), ...clusters.flatMap((c) => c.wallets)],
    },
    p.maxEvidence,
  );
}

export function mintFlag(mints: MintBurnSummary, p: RiskParams): RiskFlag | null {
  if (mints.laterMints.length === 0) return null;
  const shares = mints.laterMints.map((m) => m.shareOfSupply);
  const known = shares.filter((s): s is number => s !== null);
  const top = known.length > 0 ? Math.max(...known) : null;
  const level: FlagLevel =
    top !== null && top >= p.mint.dangerShareOfSupply
      ? 'danger'
      : top !== null && top >= p.mint.warnShareOfSupply
        ? 'warn'
        : 'info';
  const transfers = mints.laterMints.map((m) => m.transfer);
  const size =
    top === null ? 'the supply before them is unknown (partial history)' : `the largest adds ${pct(top)} to the supply`;
  return makeFlag(
    'MINT_EVENT',
    level,
    `${transfers.length} mint${transfers.length === 1 ? '' : 's'} after launch; ${size}`,
    { transactions: hashes(transfers), blocks: blocks(transfers), addresses: transfers.map((t) => t.to) },
    p.maxEvidence,
  );
}
