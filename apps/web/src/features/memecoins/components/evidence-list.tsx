import type { ReactNode } from 'react';
import { formatInteger } from '../../../shared/format/format';
import { formatBarTime, type FlagEvidence } from '../model/evidence-words';
import { HexValue } from './hex-value';

function Group({
  title,
  count,
  testId,
  children,
}: {
  title: string;
  count: number;
  testId: string;
  children: ReactNode;
}) {
  if (count === 0) return null;
  return (
    <div data-testid={testId}>
      <h4 className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase">
        {title} ({formatInteger(count)})
      </h4>
      <ul className="mt-1 flex max-h-40 flex-wrap gap-x-3 gap-y-1 overflow-y-auto">{children}</ul>
    </div>
  );
}

/**
 * What a flag points at: transactions (linked to Etherscan unless synthetic), blocks, bar times (UTC), post ids
 * and wallets. Every item is listed (long lists scroll) with its full value in data-value.
 */
export function EvidenceList({ evidence, synthetic }: { evidence: FlagEvidence; synthetic: boolean }) {
  const { transactions, blocks, bars, posts, addresses } = evidence;
  if (transactions.length + blocks.length + bars.length + posts.length + addresses.length === 0) {
    return <p className="text-xs text-slate-500">This flag carries no evidence items.</p>;
  }
  return (
    <div className="flex flex-col gap-2">
      <Group title="Transactions" count={transactions.length} testId="evidence-transactions">
        {transactions.map((tx) => (
          <li key={tx}>
            <HexValue value={tx} kind="tx" synthetic={synthetic} testId="evidence-tx" />
          </li>
        ))}
      </Group>
      <Group title="Blocks" count={blocks.length} testId="evidence-blocks">
        {blocks.map((block) => (
          <li key={block} data-testid="evidence-block" data-value={block} className="font-mono text-xs">
            {block}
          </li>
        ))}
      </Group>
      <Group title="Bars / hours" count={bars.length} testId="evidence-bars">
        {bars.map((t) => (
          <li key={t} data-testid="evidence-bar" data-value={t} className="text-xs whitespace-nowrap">
            {formatBarTime(t)}
          </li>
        ))}
      </Group>
      <Group title="Posts" count={posts.length} testId="evidence-posts">
        {posts.map((id) => (
          <li key={id} data-testid="evidence-post" data-value={id} className="font-mono text-xs break-all">
            {id}
          </li>
        ))}
      </Group>
      <Group title="Addresses" count={addresses.length} testId="evidence-addresses">
        {addresses.map((address) => (
          <li key={address}>
            <HexValue value={address} kind="address" synthetic={synthetic} testId="evidence-address" />
          </li>
        ))}
      </Group>
    </div>
  );
}
