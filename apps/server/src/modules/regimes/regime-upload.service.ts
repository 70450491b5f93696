import type { z } from 'zod';
import type { regimeUploadQuerySchema } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { BadRequestError, PayloadTooLargeError } from '../../http/http-errors';
import { CsvFormatError } from '../../providers/csv/csv-format.error';
import { parseBarsCsv } from '../../providers/csv/parse-bars-csv';
import type { RawBar } from '../../providers/market-data-provider';
import { createFit, type CreatedRegimeFit } from './regimes.service';

export type RegimeUploadQuery = z.output<typeof regimeUploadQuerySchema>;

export interface RegimeUploadRequest {
  input: AsyncIterable<Uint8Array>;
  query: RegimeUploadQuery;
  /** Set by an upload whose size limit cut the stream short. */
  wasTruncated: () => boolean;
  userId?: string;
}

/**
 * Reads a CSV of bars into memory (the file is the fit's data: nothing goes into `bars`) in ascending time.
 * Malformed file: 400 CSV_FORMAT with the line; over the upload limit: 413. Shared with the CLI's --csv.
 */
export async function readBarsCsv(
  input: AsyncIterable<Uint8Array>,
  options: { column?: string; wasTruncated?: () => boolean; limitBytes: number },
): Promise<RawBar[]> {
  const bars: RawBar[] = [];
  try {
    for await (const batch of parseBarsCsv(input, { priceColumn: options.column })) bars.push(...batch);
  } catch (err) {
    // A stream cut at the size limit often ends mid-row; the limit is the real cause, whatever broke first.
    if (options.wasTruncated?.()) throw new PayloadTooLargeError(options.limitBytes);
    if (err instanceof CsvFormatError) {
      throw new BadRequestError('CSV_FORMAT', err.message, { line: err.line, reason: err.reason }, { cause: err });
    }
    throw err;
  }
  if (options.wasTruncated?.()) throw new PayloadTooLargeError(options.limitBytes);
  return bars.sort((a, b) => a.ts - b.ts);
}

/** POST /regimes/fits/upload: a fit of an uploaded CSV; the options come in the query string. */
export async function createFitFromUpload(ctx: AppContext, request: RegimeUploadRequest): Promise<CreatedRegimeFit> {
  const { query } = request;
  const bars = await readBarsCsv(request.input, {
    column: query.column,
    wasTruncated: request.wasTruncated,
    limitBytes: ctx.config.http.uploadLimitBytes,
  });
  const { symbol, column: _column, ...options } = query;
  return createFit(ctx, { symbol, timeframe: '1d', instrument: null, bars }, options, request.userId);
}
