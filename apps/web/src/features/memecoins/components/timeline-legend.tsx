import { FLAG_ABBREVIATIONS } from '../model/flag-abbreviations';
import type { FlagMarker } from '../model/flag-markers';
import { FLAG_LABELS, LEVEL_COLOR } from '../model/flag-words';

const Swatch = ({ color }: { color: string }) => (
  <span aria-hidden className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: color }} />
);

/** What the panes and the marker letters mean. */
export function TimelineLegend({ markers }: { markers: readonly FlagMarker[] }) {
  const codes = [...new Set(markers.map((m) => m.code))];
  return (
    <div className="flex flex-col gap-1 text-xs text-slate-500">
      <p>
        Top: close price. Middle: posts per hour, coloured by their mean sentiment (
        <Swatch color="#059669" /> positive, <Swatch color="#94a3b8" /> neutral, <Swatch color="#e11d48" /> negative).
        Bottom: risk score 0–100 after each assessment, dashed at 30 (elevated) and 60 (high). Chart times are UTC.
      </p>
      {codes.length > 0 ? (
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span>Flags (click one for its evidence):</span>
          {codes.map((code) => (
            <span key={code} className="whitespace-nowrap">
              <span className="font-semibold text-slate-700">{FLAG_ABBREVIATIONS[code]}</span> {FLAG_LABELS[code]}
            </span>
          ))}
          <span className="inline-flex items-center gap-1">
            <Swatch color={LEVEL_COLOR.danger} /> danger <Swatch color={LEVEL_COLOR.warn} /> warn{' '}
            <Swatch color={LEVEL_COLOR.info} /> info
          </span>
        </p>
      ) : (
        <p>No flags raised on this timeline.</p>
      )}
    </div>
  );
}
