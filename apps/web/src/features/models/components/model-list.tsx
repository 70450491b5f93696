import type { RegisteredModel } from '@marketlens/contracts';
import { Badge } from '../../../shared/ui/badge';
import { cx } from '../../../shared/ui/cx';
import { NumTd, Table, Td, Th } from '../../../shared/ui/table';

export function ModelList({
  models,
  selected,
  onSelect,
}: {
  models: readonly RegisteredModel[];
  selected: string | null;
  onSelect: (name: string) => void;
}) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Model</Th>
          <Th className="text-right">Latest</Th>
          <Th>Aliases</Th>
        </tr>
      </thead>
      <tbody>
        {models.map((m) => (
          <tr
            key={m.id}
            data-testid={`models-model-row-${m.name}`}
            aria-selected={m.name === selected}
            onClick={() => onSelect(m.name)}
            className={cx('cursor-pointer hover:bg-slate-50', m.name === selected && 'bg-sky-50 hover:bg-sky-50')}
          >
            <Td className="font-mono text-xs font-semibold text-slate-800">{m.name}</Td>
            <NumTd>{m.latestVersion === null ? '—' : `v${m.latestVersion}`}</NumTd>
            <Td>
              <span className="flex flex-wrap gap-1">
                {Object.entries(m.aliases).map(([alias, version]) => (
                  <Badge key={alias} tone={alias === 'champion' ? 'success' : 'neutral'}>
                    {alias} v{version}
                  </Badge>
                ))}
              </span>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
