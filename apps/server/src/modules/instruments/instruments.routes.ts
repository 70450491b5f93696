import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  barsQuerySchema,
  barsResponseSchema,
  errorResponseSchema,
  importQuerySchema,
  importSummarySchema,
  instrumentListSchema,
  okResponseSchema,
  symbolParamSchema,
  uploadListSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { BadRequestError, PayloadTooLargeError } from '../../http/http-errors';
import { uploadFileName } from '../../http/upload-file-name';
import { CsvFormatError } from '../../providers/csv/csv-format.error';
import { importBarsCsv, UploadTooLargeError } from './import.service';
import { getBars, listInstrumentSummaries, listUploads, removeInstrument } from './instruments.service';

const errors = { 400: errorResponseSchema, 404: errorResponseSchema, 413: errorResponseSchema };

export function instrumentsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/instruments',
      { config: { access: 'viewer' }, schema: { tags: ['instruments'], response: { 200: instrumentListSchema } } },
      async () => ({ instruments: await listInstrumentSummaries(ctx) }),
    );

    app.get(
      '/instruments/:symbol/bars',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['instruments'],
          params: symbolParamSchema,
          querystring: barsQuerySchema,
          response: { 200: barsResponseSchema, ...errors },
        },
      },
      async (request) => getBars(ctx, request.params.symbol, request.query),
    );

    app.delete(
      '/instruments/:symbol',
      {
        config: { access: 'admin' },
        schema: { tags: ['instruments'], params: symbolParamSchema, response: { 200: okResponseSchema, ...errors } },
      },
      async (request) => {
        await removeInstrument(ctx, request.params.symbol);
        return { ok: true as const };
      },
    );

    app.post(
      '/instruments/:symbol/import',
      {
        config: { access: 'analyst' },
        schema: {
          tags: ['instruments'],
          description: 'Import a CSV of bars (multipart/form-data, one field named `file`).',
          consumes: ['multipart/form-data'],
          params: symbolParamSchema,
          querystring: importQuerySchema,
          response: { 200: importSummarySchema, ...errors },
        },
      },
      async (request) => {
        const file = await request.file();
        if (!file)
          throw new BadRequestError('FILE_REQUIRED', 'Send the CSV as multipart/form-data in a field named "file"');
        try {
          return await importBarsCsv(ctx, {
            symbol: request.params.symbol,
            timeframe: request.query.timeframe,
            timezone: request.query.timezone,
            name: request.query.name,
            kind: request.query.kind,
            input: file.file,
            filename: uploadFileName(file.filename, 'upload.csv'),
            userId: request.principal?.userId,
            wasTruncated: () => file.file.truncated,
          });
        } catch (err) {
          if (err instanceof UploadTooLargeError) throw new PayloadTooLargeError(err.limitBytes);
          if (err instanceof CsvFormatError) {
            throw new BadRequestError(
              'CSV_FORMAT',
              err.message,
              { line: err.line, reason: err.reason },
              { cause: err },
            );
          }
          throw err;
        }
      },
    );

    app.get(
      '/uploads',
      { config: { access: 'viewer' }, schema: { tags: ['instruments'], response: { 200: uploadListSchema } } },
      async () => ({ uploads: await listUploads(ctx) }),
    );
  };
}
