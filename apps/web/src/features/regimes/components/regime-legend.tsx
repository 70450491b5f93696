import type { RegimeState } from '@marketlens/contracts';
import { formatPercent } from '../model/regime-format';

export function RegimeLegend({ states, colors }: { states: readonly RegimeState[]; colors: readonly string[] }) {
  return (
    <ul
      aria-label="Regimes"
      data-testid="regime-legend"
      className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600"
    >
      {states.map((state) => (
        <li key={state.index} className="flex items-center gap-1.5">
          <span aria-hidden className="size-3 rounded-sm" style={{ backgroundColor: colors[state.index] }} />
          <span className="font-medium text-slate-800">{state.name}</span>
          <span className="text-slate-400">{formatPercent(state.share)} of time</span>
        </li>
      ))}
    </ul>
  );
}
