import type { RegimeState } from '@marketlens/contracts';
import { heatmapCellStyle } from '../model/heatmap-color';
import { formatProb } from '../model/regime-format';

/** A[i][j] = P(next regime j | regime i); rows sum to 1, the diagonal is how sticky a regime is. */
export function TransitionHeatmap(props: {
  transmat: readonly (readonly number[])[];
  states: readonly RegimeState[];
  colors: readonly string[];
}) {
  const label = (i: number) => props.states.find((s) => s.index === i)?.name ?? `state ${i}`;
  return (
    <div className="overflow-x-auto">
      <table data-testid="regime-transmat" aria-label="Transition matrix" className="w-full border-collapse text-sm">
        <thead>
          <tr>
            <th scope="col" className="px-2 py-1.5 text-left text-[11px] font-semibold text-slate-400 uppercase">
              from \ to
            </th>
            {props.transmat.map((_, j) => (
              <th
                key={j}
                scope="col"
                className="px-2 py-1.5 text-center text-[11px] font-semibold text-slate-500"
                title={label(j)}
              >
                <Swatch color={props.colors[j]} />
                {j}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.transmat.map((row, i) => (
            <tr key={i}>
              <th scope="row" className="px-2 py-1.5 text-left text-xs font-medium whitespace-nowrap text-slate-700">
                <Swatch color={props.colors[i]} />
                {i} · {label(i)}
              </th>
              {row.map((value, j) => (
                <td
                  key={j}
                  data-testid={`regime-transmat-cell-${i}-${j}`}
                  className="border border-white px-2 py-1.5 text-center font-mono text-[13px] tabular-nums"
                  style={heatmapCellStyle(value)}
                  title={`${label(i)} → ${label(j)}: ${value}`}
                >
                  {formatProb(value)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Swatch({ color }: { color: string | undefined }) {
  return (
    <span
      aria-hidden
      className="mr-1.5 inline-block size-2.5 rounded-sm align-middle"
      style={{ backgroundColor: color }}
    />
  );
}
