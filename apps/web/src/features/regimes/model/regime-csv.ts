import type { RegimeSeries, RegimeState } from '@marketlens/contracts';

function cell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The Viterbi path and the posterior probabilities as CSV: one row per feature row of the fit,
 * `date,close,state,state_name,p_<index> <name>...`. Probabilities keep full precision; they are data.
 */
export function buildRegimeCsv(series: RegimeSeries, states: readonly Pick<RegimeState, 'index' | 'name'>[]): string {
  const n = series.dates.length;
  if (series.path.length !== n || series.probs.length !== n || series.close.length !== n) {
    throw new Error(
      `The series arrays differ in length (dates ${n}, close ${series.close.length}, path ${series.path.length}, probs ${series.probs.length}).`,
    );
  }
  const names = new Map(states.map((s) => [s.index, s.name]));
  const header = ['date', 'close', 'state', 'state_name', ...states.map((s) => `p_${s.index} ${s.name}`)];
  const lines = [header.map(cell).join(',')];
  for (let i = 0; i < n; i++) {
    const state = series.path[i]!;
    const probs = series.probs[i]!;
    if (probs.length !== states.length) {
      throw new Error(
        `Row ${i + 1} (${series.dates[i]}) has ${probs.length} probabilities for ${states.length} states.`,
      );
    }
    lines.push(
      [
        series.dates[i]!,
        String(series.close[i]),
        String(state),
        cell(names.get(state) ?? ''),
        ...probs.map(String),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
