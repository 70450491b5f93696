import { createReadStream } from 'node:fs';
import type { Timeframe } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { parseBarsCsv } from '../../providers/csv/parse-bars-csv';
import type { RawBar } from '../../providers/market-data-provider';
import { streamBarSeries } from '../instruments/instruments.service';

/** Where replayed bars come from: a stored series, or a CSV file in any layout the importer reads. */
export type ReplaySource =
  | { kind: 'stored'; symbol: string; timeframe: Timeframe; from?: number; to?: number }
  | { kind: 'csv'; path: string; timeframe: Timeframe; timezone?: string };

/** What reading the source found besides bars. */
export interface ReplaySourceReport {
  /** CSV rows the parser rejected (bad values); the replay skips them. */
  rejectedRows: number;
}

/**
 * The source's bars in ascending pages. A stored series is read page by page from the store; a CSV is read
 * whole and sorted, because the importer accepts rows in any order and a replay must not go back in time.
 */
export async function* readReplaySource(
  ctx: AppContext,
  source: ReplaySource,
  report: ReplaySourceReport = { rejectedRows: 0 },
): AsyncGenerator<RawBar[]> {
  if (source.kind === 'stored') {
    yield* streamBarSeries(ctx, source.symbol, source.timeframe, { from: source.from, to: source.to });
    return;
  }
  const parse = parseBarsCsv(createReadStream(source.path), { timezone: source.timezone ?? 'UTC' });
  const bars: RawBar[] = [];
  for await (const batch of parse) bars.push(...batch);
  report.rejectedRows = parse.summary.rejectedTotal;
  bars.sort((a, b) => a.ts - b.ts);
  yield bars;
}
