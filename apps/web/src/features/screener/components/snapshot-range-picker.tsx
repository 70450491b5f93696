import type { SnapshotSummary, UniverseSummary } from '@marketlens/contracts';
import { Select } from '../../../shared/ui/field';

interface SnapshotRangePickerProps {
  universes: readonly UniverseSummary[];
  universeId: string | null;
  onUniverse: (id: string) => void;
  snapshots: readonly SnapshotSummary[];
  /** The dates compared (as the server resolved them when none was chosen). */
  from: string | null;
  to: string | null;
  onRange: (range: { from: string | null; to: string | null }) => void;
}

/** Universe and the two snapshot dates of the Changes view; "from" offers only dates before "to". */
export function SnapshotRangePicker(props: SnapshotRangePickerProps) {
  const { universes, universeId, onUniverse, snapshots, from, to, onRange } = props;
  const dates = snapshots.map((s) => s.asOf).sort((a, b) => b.localeCompare(a));
  const earlier = dates.filter((d) => to === null || d < to);
  return (
    <>
      <div className="flex flex-col gap-1">
        <label htmlFor="changes-universe" className="text-xs font-medium text-slate-600">
          Universe
        </label>
        <Select
          id="changes-universe"
          data-testid="changes-universe"
          className="py-1 text-[13px]"
          style={{ width: 260 }}
          value={universeId ?? ''}
          onChange={(e) => onUniverse(e.target.value)}
        >
          {universes.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="changes-from" className="text-xs font-medium text-slate-600">
          From
        </label>
        <Select
          id="changes-from"
          data-testid="changes-from"
          className="py-1 text-[13px]"
          style={{ width: 140 }}
          value={from ?? ''}
          onChange={(e) => onRange({ from: e.target.value || null, to })}
        >
          {from === null ? <option value="">The one before</option> : null}
          {earlier.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="changes-to" className="text-xs font-medium text-slate-600">
          To
        </label>
        <Select
          id="changes-to"
          data-testid="changes-to"
          className="py-1 text-[13px]"
          style={{ width: 140 }}
          value={to ?? ''}
          onChange={(e) => {
            const next = e.target.value || null;
            // A "from" on or after the new "to" would compare backwards: let the server pick the one before.
            onRange({ from: from !== null && next !== null && from >= next ? null : from, to: next });
          }}
        >
          {to === null ? <option value="">Latest</option> : null}
          {dates.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </Select>
      </div>
    </>
  );
}
