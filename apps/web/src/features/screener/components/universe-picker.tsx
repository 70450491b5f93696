import type { SnapshotSummary, UniverseSummary } from '@marketlens/contracts';
import { Select } from '../../../shared/ui/field';

interface UniversePickerProps {
  universes: readonly UniverseSummary[];
  universeId: string | null;
  onUniverse: (id: string) => void;
  snapshots: readonly SnapshotSummary[] | undefined;
  asOf: string | null;
  onAsOf: (asOf: string | null) => void;
}

/** Which universe and which of its snapshots (the latest unless a date is chosen). */
export function UniversePicker({ universes, universeId, onUniverse, snapshots, asOf, onAsOf }: UniversePickerProps) {
  const newestFirst = [...(snapshots ?? [])].sort((a, b) => b.asOf.localeCompare(a.asOf));
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor="screener-universe">
        Universe
      </label>
      <Select
        id="screener-universe"
        data-testid="screener-universe"
        className="py-1 text-[13px]"
        style={{ width: 250 }}
        value={universeId ?? ''}
        onChange={(e) => onUniverse(e.target.value)}
      >
        {universes.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name} ({u.members})
          </option>
        ))}
      </Select>
      <label className="sr-only" htmlFor="screener-as-of">
        Snapshot date
      </label>
      <Select
        id="screener-as-of"
        data-testid="screener-as-of"
        className="py-1 text-[13px]"
        style={{ width: 170 }}
        value={asOf ?? ''}
        onChange={(e) => onAsOf(e.target.value || null)}
      >
        <option value="">Latest{newestFirst[0] ? ` (${newestFirst[0].asOf})` : ''}</option>
        {newestFirst.slice(1).map((s) => (
          <option key={s.id} value={s.asOf}>
            {s.asOf}
          </option>
        ))}
      </Select>
    </div>
  );
}
