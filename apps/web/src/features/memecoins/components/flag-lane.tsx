import { formatDateTime } from '../../../shared/format/format';
import { FLAG_ABBREVIATIONS } from '../model/flag-abbreviations';
import { laneX, stackRows, type FlagMarker } from '../model/flag-markers';
import { LEVEL_COLOR } from '../model/flag-words';

export const MARKER_SIZE = 18;
const ROW_HEIGHT = MARKER_SIZE + 4;

interface FlagLaneProps {
  markers: readonly FlagMarker[];
  /** Each marker's x in px from the chart's left edge, by key; null or missing = off the visible axis. */
  positions: ReadonlyMap<string, number | null>;
  /** Width of the plot (without the price scale): markers beyond it are scrolled out of view. */
  plotWidth: number;
  selected: string | null;
  onSelect: (marker: FlagMarker) => void;
}

/**
 * The flags as buttons in a lane above the chart, each at its time on the chart's axis: HTML, not canvas
 * markers, so they can be focused, clicked and read by a screen reader. Markers too close together stack.
 */
export function FlagLane({ markers, positions, plotWidth, selected, onSelect }: FlagLaneProps) {
  const xs = markers.map((m) => laneX(positions.get(m.key), plotWidth, MARKER_SIZE));
  const rows = stackRows(xs, MARKER_SIZE + 2);
  const height = (Math.max(0, ...rows.filter((_, i) => xs[i] !== null)) + 1) * ROW_HEIGHT;
  return (
    <div
      data-testid="flag-lane"
      className="relative"
      style={{ height }}
      aria-label="Flags on the timeline"
      role="group"
    >
      {markers.map((m, i) => {
        const x = xs[i];
        if (x === null || x === undefined) return null;
        const active = m.key === selected;
        const when = formatDateTime(new Date(m.t).toISOString());
        return (
          <button
            key={m.key}
            type="button"
            data-testid="flag-marker"
            data-code={m.code}
            data-level={m.level}
            data-t={m.t}
            data-assessment-id={m.assessmentId}
            aria-pressed={active}
            aria-label={`${m.code} (${m.level}) at ${when}: ${m.message}`}
            title={`${m.code} (${m.level}), ${when}\n${m.message}`}
            onClick={() => onSelect(m)}
            className="absolute grid place-items-center rounded-full text-[8px] leading-none font-bold text-white shadow-sm ring-offset-1 focus-visible:outline-2 focus-visible:outline-sky-500"
            style={{
              left: x - MARKER_SIZE / 2,
              bottom: (rows[i] ?? 0) * ROW_HEIGHT + 2,
              width: MARKER_SIZE,
              height: MARKER_SIZE,
              backgroundColor: LEVEL_COLOR[m.level],
              boxShadow: active ? '0 0 0 2px #ffffff, 0 0 0 4px #0f172a' : undefined,
            }}
          >
            {FLAG_ABBREVIATIONS[m.code]}
          </button>
        );
      })}
    </div>
  );
}
