import type { ScreenDiff } from '@marketlens/contracts';
import { cx } from '../../../shared/ui/cx';
import { EmptyState } from '../../../shared/ui/states';

interface DiffViewProps {
  diff: ScreenDiff;
  onOpen: (symbol: string) => void;
}

/** What changed between two snapshots under one screen: who entered, who left, who moved most in rank. */
export function DiffView({ diff, onOpen }: DiffViewProps) {
  const net = diff.toTotal - diff.fromTotal;
  return (
    <div data-testid="diff-view" className="flex flex-col gap-4">
      <p className="text-sm text-slate-600" data-testid="diff-summary">
        <span className="font-medium text-slate-800">{diff.from}</span> →{' '}
        <span className="font-medium text-slate-800">{diff.to}</span>: {diff.fromTotal} → {diff.toTotal} matches (
        <span className={cx(net > 0 && 'text-emerald-700', net < 0 && 'text-rose-700')}>
          {net > 0 ? `+${net}` : net}
        </span>
        ), {diff.entered.length} entered, {diff.left.length} left, ranked by{' '}
        <code className="font-mono text-xs">{diff.sort}</code>.
      </p>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <MemberList title="Entered" tone="up" members={diff.entered} testId="diff-entered" onOpen={onOpen} />
        <MemberList title="Left" tone="down" members={diff.left} testId="diff-left" onOpen={onOpen} />
      </div>
      <MoverTable movers={diff.movers} onOpen={onOpen} />
    </div>
  );
}

function SymbolButton({ symbol, onOpen }: { symbol: string; onOpen: (symbol: string) => void }) {
  return (
    <button
      type="button"
      onClick={() => onOpen(symbol)}
      className="font-semibold text-sky-800 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500"
    >
      {symbol}
    </button>
  );
}

function MemberList({
  title,
  tone,
  members,
  testId,
  onOpen,
}: {
  title: string;
  tone: 'up' | 'down';
  members: ScreenDiff['entered'];
  testId: string;
  onOpen: (symbol: string) => void;
}) {
  return (
    <section aria-label={title} data-testid={testId} data-count={members.length}>
      <h3 className={cx('mb-1 text-sm font-semibold', tone === 'up' ? 'text-emerald-800' : 'text-rose-800')}>
        {title} ({members.length})
      </h3>
      {members.length === 0 ? (
        <EmptyState title={`Nobody ${title.toLowerCase()}`} />
      ) : (
        <ul className="max-h-80 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 text-[13px]">
          {members.map((m) => (
            <li
              key={m.symbol}
              data-testid="diff-member"
              data-symbol={m.symbol}
              className="flex items-center gap-2 px-2 py-1"
            >
              <span className="w-10 shrink-0 text-right font-mono text-xs text-slate-400" title="rank under the screen">
                #{m.rank}
              </span>
              <span className="w-20 shrink-0">
                <SymbolButton symbol={m.symbol} onOpen={onOpen} />
              </span>
              <span className="min-w-0 flex-1 truncate text-slate-700">{m.name ?? ''}</span>
              <span className="hidden w-32 shrink-0 truncate text-xs text-slate-500 sm:block">{m.sector ?? ''}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MoverTable({ movers, onOpen }: { movers: ScreenDiff['movers']; onOpen: (symbol: string) => void }) {
  return (
    <section aria-label="Biggest movers in rank" data-testid="diff-movers" data-count={movers.length}>
      <h3 className="mb-1 text-sm font-semibold text-slate-800">Biggest movers in rank ({movers.length})</h3>
      {movers.length === 0 ? (
        <EmptyState title="No member changed rank" />
      ) : (
        <div className="overflow-x-auto rounded-md border border-slate-200">
          <table className="w-full table-fixed text-[13px]">
            <thead className="bg-slate-50 text-[11px] tracking-wide text-slate-500 uppercase">
              <tr>
                <th className="w-24 px-2 py-1.5 text-left">Symbol</th>
                <th className="px-2 py-1.5 text-left">Name</th>
                <th className="w-24 px-2 py-1.5 text-right">Rank then</th>
                <th className="w-24 px-2 py-1.5 text-right">Rank now</th>
                <th className="w-24 px-2 py-1.5 text-right">Change</th>
              </tr>
            </thead>
            <tbody>
              {movers.map((m) => (
                <tr
                  key={m.symbol}
                  data-testid="diff-mover"
                  data-symbol={m.symbol}
                  className="border-t border-slate-100"
                >
                  <td className="px-2 py-1">
                    <SymbolButton symbol={m.symbol} onOpen={onOpen} />
                  </td>
                  <td className="truncate px-2 py-1 text-slate-700">{m.name ?? ''}</td>
                  <td className="px-2 py-1 text-right font-mono tabular-nums">{m.fromRank}</td>
                  <td className="px-2 py-1 text-right font-mono tabular-nums">{m.toRank}</td>
                  <td
                    data-testid="diff-mover-change"
                    className={cx(
                      'px-2 py-1 text-right font-mono tabular-nums',
                      m.change > 0 ? 'text-emerald-700' : m.change < 0 ? 'text-rose-700' : 'text-slate-500',
                    )}
                  >
                    {m.change > 0 ? `▲ ${m.change}` : m.change < 0 ? `▼ ${-m.change}` : '0'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
