import { Select } from '../../../shared/ui/field';
import type { ScreenPreset } from '../api/screener.api';

/** The built-in screens: picking one sets its filter, sort and columns. */
export function PresetPicker({
  presets,
  onPick,
}: {
  presets: readonly ScreenPreset[];
  onPick: (preset: ScreenPreset) => void;
}) {
  return (
    <>
      <label className="sr-only" htmlFor="screen-preset">
        Presets
      </label>
      <Select
        id="screen-preset"
        data-testid="screen-preset"
        className="py-1 text-[13px]"
        style={{ width: 200 }}
        value=""
        onChange={(e) => {
          const preset = presets.find((p) => p.id === e.target.value);
          if (preset) onPick(preset);
        }}
      >
        <option value="">Presets…</option>
        {presets.map((p) => (
          <option key={p.id} value={p.id} title={p.description}>
            {p.name}
          </option>
        ))}
      </Select>
    </>
  );
}
