import type { MemeToken } from '@marketlens/contracts';
import { Link } from 'react-router';
import { formatDateTime, formatInteger } from '../../../shared/format/format';
import { Table, Td, Th } from '../../../shared/ui/table';
import type { ScoreOrder } from '../model/sort-tokens';
import { MemeSyntheticBadge } from './meme-synthetic-badge';
import { RiskScore } from './risk-score';

interface TokenTableProps {
  tokens: readonly MemeToken[];
  order: ScoreOrder;
  onOrder: (order: ScoreOrder) => void;
}

function Alarms({ danger, warn }: MemeToken['alarms']) {
  return (
    <span className="font-mono text-[13px] tabular-nums" title={`${danger} danger, ${warn} warning flags`}>
      <span data-testid="token-danger" className={danger > 0 ? 'font-semibold text-rose-700' : 'text-slate-400'}>
        {danger}
      </span>
      <span className="text-slate-300"> / </span>
      <span data-testid="token-warn" className={warn > 0 ? 'font-semibold text-amber-700' : 'text-slate-400'}>
        {warn}
      </span>
    </span>
  );
}

/** The watched tokens, riskiest first unless the score header is clicked; a row opens the token's page. */
export function TokenTable({ tokens, order, onOrder }: TokenTableProps) {
  const nextOrder: ScoreOrder = order === 'desc' ? 'asc' : 'desc';
  return (
    <Table data-testid="token-table" aria-label="Watched tokens">
      <thead>
        <tr>
          <Th>Token</Th>
          <Th aria-sort={order === 'desc' ? 'descending' : 'ascending'}>
            <button
              type="button"
              data-testid="sort-score"
              onClick={() => onOrder(nextOrder)}
              className="uppercase hover:text-slate-900"
              title={`Sort by risk score, ${nextOrder === 'desc' ? 'riskiest' : 'safest'} first`}
            >
              Risk {order === 'desc' ? '↓' : '↑'}
            </button>
          </Th>
          <Th title="Danger / warning flags in the latest assessment">Flags</Th>
          <Th>Last assessed</Th>
          <Th className="text-right">Transfers</Th>
          <Th className="text-right">Posts</Th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr key={t.address} data-testid="token-row" data-symbol={t.symbol} data-address={t.address}>
            <Td className="max-w-48">
              <div className="flex flex-wrap items-center gap-1.5">
                <Link
                  to={`/memecoins/${t.address}`}
                  data-testid="token-link"
                  className="font-semibold text-sky-800 hover:underline"
                >
                  {t.symbol}
                </Link>
                {t.synthetic ? <MemeSyntheticBadge /> : null}
              </div>
              <div className="truncate text-xs text-slate-500" title={t.name ?? undefined}>
                {t.name ?? 'no name'}
              </div>
            </Td>
            <Td>
              <RiskScore score={t.riskScore} trend={t.trend} previous={t.previousScore} />
            </Td>
            <Td>
              <Alarms {...t.alarms} />
            </Td>
            <Td className="text-xs whitespace-nowrap text-slate-600">
              {t.lastAssessedAt ? formatDateTime(t.lastAssessedAt) : 'never'}
            </Td>
            <Td className="text-right font-mono text-[13px] tabular-nums">{formatInteger(t.transferCount)}</Td>
            <Td className="text-right font-mono text-[13px] tabular-nums">{formatInteger(t.postCount)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
