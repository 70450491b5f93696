import type { StrategyVersionSummary } from '@marketlens/contracts';
import { formatDateTime } from '../../../shared/format/format';
import { cx } from '../../../shared/ui/cx';

/** Every version, newest first; choosing one shows its document in the editor (and backtests it). */
export function VersionList({
  versions,
  selected,
  onSelect,
}: {
  versions: readonly StrategyVersionSummary[];
  selected: number;
  onSelect: (version: number) => void;
}) {
  return (
    <ul data-testid="strategy-versions" className="flex flex-col gap-1" aria-label="Versions">
      {versions.map((v) => (
        <li key={v.version}>
          <button
            type="button"
            aria-pressed={v.version === selected}
            onClick={() => onSelect(v.version)}
            className={cx(
              'flex w-full items-baseline justify-between gap-3 rounded-md px-2 py-1 text-left text-xs',
              v.version === selected ? 'bg-sky-50 ring-1 ring-sky-200 ring-inset' : 'hover:bg-slate-50',
            )}
          >
            <span>
              <span className="font-mono font-semibold text-slate-800">v{v.version}</span>{' '}
              <span className="text-slate-600">{v.name}</span>
            </span>
            <span className="whitespace-nowrap text-slate-500">{formatDateTime(v.createdAt)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
