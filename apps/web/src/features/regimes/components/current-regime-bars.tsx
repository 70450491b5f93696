import { formatDate } from '../../../shared/format/format';
import { formatPercent } from '../model/regime-format';

export interface CurrentRegimeView {
  ts: string;
  states: readonly { index: number; name: string; prob: number }[];
  /** True when the probabilities come from the live tracker, updated as bars arrive. */
  live: boolean;
}

/** Today's regime probabilities as horizontal bars, the most likely one marked. */
export function CurrentRegimeBars({ current, colors }: { current: CurrentRegimeView; colors: readonly string[] }) {
  const top = current.states.reduce((best, s) => (s.prob > best ? s.prob : best), -1);
  return (
    <div data-testid="regime-current" data-ts={current.ts} className="flex flex-col gap-2">
      <p className="text-xs text-slate-500">
        P(regime | data up to <span className="font-mono">{formatDate(current.ts)}</span>)
        {current.live ? ' · updated as bars arrive' : ' · at the end of the fit'}
      </p>
      <ul className="flex flex-col gap-1.5">
        {current.states.map((s) => (
          <li
            key={s.index}
            data-testid={`regime-current-${s.index}`}
            data-prob={s.prob}
            className="grid grid-cols-[9rem_minmax(0,1fr)_3.5rem] items-center gap-2 text-xs"
          >
            <span
              className={s.prob === top ? 'truncate font-semibold text-slate-900' : 'truncate text-slate-600'}
              title={s.name}
            >
              {s.name}
            </span>
            <span className="h-2.5 overflow-hidden rounded-full bg-slate-100">
              <span
                className="block h-full rounded-full"
                style={{ width: `${Math.max(0, Math.min(1, s.prob)) * 100}%`, backgroundColor: colors[s.index] }}
              />
            </span>
            <span className="text-right font-mono tabular-nums">{formatPercent(s.prob)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
