import type { RegimeFitComputation } from '../modules/regimes/regime-fit-compute';

/** The --json shape: summary numbers, states, transmat, and dates/path/probs aligned by feature row. */
export function regimeFitJson(result: RegimeFitComputation, fitId?: string) {
  const { summary, series } = result;
  const K = series.nStates;
  return {
    ...(fitId ? { fitId } : {}),
    logLikelihood: summary.logLikelihood,
    aic: summary.aic,
    bic: summary.bic,
    nIter: summary.nIter,
    converged: summary.converged,
    fitSeconds: summary.fitSeconds,
    nObservations: summary.nObservations,
    states: summary.states.map(({ meanReturn, volatility, ...rest }) => ({
      ...rest,
      mean: meanReturn,
      vol: volatility,
    })),
    transmat: summary.transmat,
    bicByK: summary.bicByK,
    current: summary.current,
    dates: series.dates.map((ts) => new Date(ts).toISOString()),
    path: series.path,
    probs: series.dates.map((_, t) => series.probs.slice(t * K, (t + 1) * K)),
  };
}

const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
const pad = (s: string, n: number) => s.padEnd(n);
const padL = (s: string, n: number) => s.padStart(n);

/** The readable summary: states table, transition matrix, fit statistics. */
export function printRegimeSummary(result: RegimeFitComputation, extra: { fitId?: string; out?: string }): void {
  const { summary } = result;
  const nameWidth = Math.max(12, ...summary.states.map((s) => s.name.length)) + 2;
  const lines = [
    `${summary.nStates} regimes on ${summary.nObservations} feature rows` +
      (summary.bicByK ? ` (chosen by BIC from K = ${summary.bicByK.map((c) => c.states).join(', ')})` : ''),
    '',
    `  ${pad('#', 3)}${pad('regime', nameWidth)}${padL('mean/yr', 10)}${padL('vol/yr', 10)}${padL('duration', 10)}${padL('share', 9)}`,
    ...summary.states.map(
      (s) =>
        `  ${pad(String(s.index), 3)}${pad(s.name, nameWidth)}${padL(pct(s.meanReturnAnnualised), 10)}` +
        `${padL(pct(s.volatilityAnnualised), 10)}${padL(s.expectedDuration.toFixed(1), 10)}${padL(pct(s.share), 9)}`,
    ),
    '',
    '  transition matrix (row = from)',
    ...summary.transmat.map((row, i) => `  ${pad(String(i), 3)}${row.map((p) => padL(p.toFixed(4), 9)).join('')}`),
    '',
    `  log-likelihood ${summary.logLikelihood.toFixed(3)}   AIC ${summary.aic.toFixed(1)}   BIC ${summary.bic.toFixed(1)}`,
    `  iterations ${summary.nIter}   converged ${summary.converged ? 'yes' : 'no'}   fit ${summary.fitSeconds.toFixed(2)} s`,
  ];
  if (summary.bicByK) {
    lines.push('', '  BIC by K', ...summary.bicByK.map((c) => `  K=${c.states}  BIC ${c.bic.toFixed(1)}`));
  }
  if (extra.fitId) lines.push('', `  saved as fit ${extra.fitId}`);
  if (extra.out) lines.push(`  written to ${extra.out}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
