import type { RegimeSeries } from '@marketlens/contracts';
import type { RegimeSeriesColumns } from '../../db/schema';

/**
 * Rows kept for a chart of at most `maxPoints` rows: every n-th row from the first, plus the last row (the
 * latest regime is what a reader looks at first), with n the smallest step that fits.
 */
export function downsampleIndexes(totalRows: number, maxPoints: number): number[] {
  if (totalRows <= maxPoints) return Array.from({ length: totalRows }, (_, i) => i);
  // ceil((total - 1) / (max - 1)) leaves room for the appended last row.
  const step = Math.ceil((totalRows - 1) / (maxPoints - 1));
  const rows: number[] = [];
  for (let i = 0; i < totalRows; i += step) rows.push(i);
  if (rows[rows.length - 1] !== totalRows - 1) rows.push(totalRows - 1);
  return rows;
}

/** The stored columnar series as the API's aligned arrays, downsampled. */
export function seriesForChart(fitId: string, columns: RegimeSeriesColumns, maxPoints: number): RegimeSeries {
  const K = columns.nStates;
  const rows = downsampleIndexes(columns.dates.length, maxPoints);
  return {
    fitId,
    totalRows: columns.dates.length,
    dates: rows.map((i) => new Date(columns.dates[i]!).toISOString()),
    close: rows.map((i) => columns.close[i]!),
    path: rows.map((i) => columns.path[i]!),
    probs: rows.map((i) => columns.probs.slice(i * K, (i + 1) * K)),
  };
}
