import type { Instrument } from '@marketlens/contracts';
import { formatDate, formatInteger } from '../../../shared/format/format';
import { cx } from '../../../shared/ui/cx';
import { Table, Td, Th } from '../../../shared/ui/table';
import { SyntheticBadge } from './synthetic-badge';

interface InstrumentTableProps {
  instruments: readonly Instrument[];
  selected: string | null;
  onSelect: (symbol: string) => void;
}

export function InstrumentTable({ instruments, selected, onSelect }: InstrumentTableProps) {
  return (
    // A bounded, scrolling list with a sticky header: the chart beside it stays in view however many there are.
    <Table aria-label="Instruments" containerClassName="max-h-[36rem] overflow-y-auto">
      <thead>
        <tr>
          <Th className="sticky top-0 z-10">Symbol</Th>
          <Th className="sticky top-0 z-10">Name · kind</Th>
          <Th className="sticky top-0 z-10">Timeframes</Th>
        </tr>
      </thead>
      <tbody>
        {instruments.map((instrument) => {
          const isSelected = instrument.symbol === selected;
          return (
            <tr
              key={instrument.id}
              data-testid={`instrument-row-${instrument.symbol}`}
              aria-selected={isSelected}
              tabIndex={0}
              onClick={() => onSelect(instrument.symbol)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onSelect(instrument.symbol);
                }
              }}
              className={cx(
                'cursor-pointer outline-none focus-visible:bg-sky-50',
                isSelected ? 'bg-sky-50 shadow-[inset_3px_0_0_0_#0284c7]' : 'hover:bg-slate-50',
              )}
            >
              <Td className="font-mono font-semibold whitespace-nowrap">
                <span className="block">{instrument.symbol}</span>
                {instrument.synthetic ? <SyntheticBadge /> : null}
              </Td>
              <Td>
                <span className="block max-w-36 truncate text-slate-700" title={instrument.name ?? undefined}>
                  {instrument.name ?? '—'}
                </span>
                <span className="text-xs text-slate-400 capitalize">{instrument.kind}</span>
              </Td>
              <Td>
                {instrument.timeframes.length === 0 ? (
                  <span className="text-slate-400">no bars</span>
                ) : (
                  <ul className="flex flex-col gap-1">
                    {instrument.timeframes.map((tf) => (
                      <li key={tf.timeframe} className="text-xs leading-tight whitespace-nowrap">
                        <span className="font-mono font-semibold text-slate-800">{tf.timeframe}</span>{' '}
                        <span className="text-slate-600">{formatInteger(tf.bars)} bars</span>
                        <span className="block font-mono text-[11px] text-slate-400">
                          {formatDate(tf.first)} → {formatDate(tf.last)}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
