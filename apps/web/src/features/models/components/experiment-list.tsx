import type { Experiment } from '@marketlens/contracts';
import { formatDateTime } from '../../../shared/format/format';
import { cx } from '../../../shared/ui/cx';
import { NumTd, Table, Td, Th } from '../../../shared/ui/table';

export function ExperimentList({
  experiments,
  selected,
  onSelect,
}: {
  experiments: readonly Experiment[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Experiment</Th>
          <Th className="text-right">Runs</Th>
          <Th>Last run</Th>
        </tr>
      </thead>
      <tbody>
        {experiments.map((e) => (
          <tr
            key={e.id}
            data-testid={`models-experiment-row-${e.name}`}
            aria-selected={e.id === selected}
            onClick={() => onSelect(e.id)}
            className={cx('cursor-pointer hover:bg-slate-50', e.id === selected && 'bg-sky-50 hover:bg-sky-50')}
          >
            <Td className="font-mono text-xs font-semibold text-slate-800">{e.name}</Td>
            <NumTd>{e.runCount}</NumTd>
            <Td className="text-xs whitespace-nowrap text-slate-500">{formatDateTime(e.lastRunAt)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
