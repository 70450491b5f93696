import { createHash } from 'node:crypto';
import type { ImportSummary, Timeframe } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { uploads } from '../../db/schema';
import { parseBarsCsv } from '../../providers/csv/parse-bars-csv';
import { emitStoredClosedBars } from './bar-events';
import { openBarWriter } from './bars.store';
import { deleteInstrument, ensureInstrument, findInstrument, type InstrumentKind } from './instruments.store';

/**
 * Bars per batch handed to the writer: each batch is one COPY statement, so larger batches mean fewer round
 * trips; two batches (one parsed while the other is written) stay a few MB.
 */
const IMPORT_BATCH_ROWS = 20_000;

export interface ImportRequest {
  symbol: string;
  timeframe: Timeframe;
  /** IANA zone for timestamps without an offset. */
  timezone: string;
  name?: string;
  kind?: InstrumentKind;
  /** The file, as a byte stream (an upload, or a file on disk). */
  input: AsyncIterable<Uint8Array>;
  filename: string;
  userId?: string;
  /** Called with the bytes read so far, for progress bars. */
  onProgress?: (bytesRead: number) => void;
  /** Set by an upload whose size limit cut the stream short; checked before anything is committed. */
  wasTruncated?: () => boolean;
}

/** Thrown when the upload exceeded the size limit; nothing was written. */
export class UploadTooLargeError extends Error {
  override readonly name = 'UploadTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`upload exceeds the limit of ${limitBytes} bytes`);
  }
}

/** Counts and hashes the bytes as they stream past, so the upload record can name the exact file. */
async function* tap(
  input: AsyncIterable<Uint8Array>,
  state: { bytes: number; hash: ReturnType<typeof createHash> },
  onProgress?: (n: number) => void,
) {
  for await (const chunk of input) {
    state.bytes += chunk.byteLength;
    state.hash.update(chunk);
    onProgress?.(state.bytes);
    yield chunk;
  }
}

/**
 * Streams a CSV into bars as ONE transaction: rows that fail validation are skipped and reported with their
 * line; a file that cannot be read at all (encoding, missing columns, empty, too large) writes nothing, not
 * even a new instrument. Importing the same file again reports every bar as unchanged.
 */
export async function importBarsCsv(ctx: AppContext, request: ImportRequest): Promise<ImportSummary> {
  const { db } = ctx;
  const existed = await findInstrument(db.orm, request.symbol);
  const instrument =
    existed ??
    (await ensureInstrument(db.orm, {
      symbol: request.symbol,
      name: request.name ?? null,
      kind: request.kind ?? 'other',
      source: 'csv',
    }));
  const state = { bytes: 0, hash: createHash('sha256') };
  const parse = parseBarsCsv(tap(request.input, state, request.onProgress), {
    timezone: request.timezone,
    batchSize: IMPORT_BATCH_ROWS,
  });
  const writer = await openBarWriter(db, { instrumentId: instrument.id, timeframe: request.timeframe });
  // One batch is written while the next is parsed: on PostgreSQL the server ingests on the other core.
  let writing: Promise<void> = Promise.resolve();
  try {
    for await (const batch of parse) {
      await writing;
      writing = writer.write(batch);
      writing.catch(() => undefined); // observed by the next await; avoids an unhandled rejection meanwhile
    }
    await writing;
    if (request.wasTruncated?.()) throw new UploadTooLargeError(ctx.config.http.uploadLimitBytes);
  } catch (err) {
    await writing.catch(() => undefined);
    await writer.abort();
    if (!existed) await deleteInstrument(db.orm, instrument.id);
    // A stream cut at the size limit often ends mid-row; the limit is the real cause, whatever broke first.
    const cause = request.wasTruncated?.() ? new UploadTooLargeError(ctx.config.http.uploadLimitBytes) : err;
    await recordUpload(ctx, request, state, { status: 'failed', error: (cause as Error).message });
    throw cause;
  }
  const counts = await writer.commit();
  const csv = parse.summary;
  const summary: ImportSummary = {
    symbol: instrument.symbol,
    timeframe: request.timeframe,
    rows: csv.rows,
    ...counts,
    rejected: csv.rejected,
    rejectedTotal: csv.rejectedTotal,
    layout: csv.layout,
  };
  ctx.metrics.barsIngested.inc({ source: 'csv', result: 'inserted' }, counts.inserted);
  ctx.metrics.barsIngested.inc({ source: 'csv', result: 'updated' }, counts.updated);
  await recordUpload(ctx, request, state, { status: 'succeeded', instrumentId: instrument.id, summary });
  if (csv.firstTs !== null && csv.lastTs !== null && counts.inserted + counts.updated > 0) {
    const series = { instrumentId: instrument.id, symbol: instrument.symbol, timeframe: request.timeframe };
    await ctx.events.emit('bars.ingested', { ...series, firstTs: csv.firstTs, lastTs: csv.lastTs });
    // The file's bars are not kept while streaming it in; the stored range is read back for subscribers.
    await emitStoredClosedBars(ctx, series, { from: csv.firstTs, to: csv.lastTs + 1 }, Date.now());
  }
  return summary;
}

async function recordUpload(
  ctx: AppContext,
  request: ImportRequest,
  state: { bytes: number; hash: ReturnType<typeof createHash> },
  outcome: { status: 'failed'; error: string } | { status: 'succeeded'; instrumentId: number; summary: ImportSummary },
): Promise<void> {
  const base = {
    userId: request.userId ?? null,
    filename: request.filename.slice(0, 255),
    sizeBytes: state.bytes,
    sha256: state.hash.digest('hex'),
    symbol: request.symbol.toUpperCase(),
    timeframe: request.timeframe,
  };
  if (outcome.status === 'failed') {
    await ctx.db.orm.insert(uploads).values({ ...base, status: 'failed', error: outcome.error.slice(0, 1000) });
    return;
  }
  const { summary } = outcome;
  await ctx.db.orm.insert(uploads).values({
    ...base,
    instrumentId: outcome.instrumentId,
    status: 'succeeded',
    rows: summary.rows,
    inserted: summary.inserted,
    updated: summary.updated,
    unchanged: summary.unchanged,
    rejected: summary.rejected,
  });
}
