import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  rebuildProgressSchema,
  snapshotDetailSchema,
  snapshotListSchema,
  snapshotRebuildAcceptedSchema,
  snapshotRebuildRequestSchema,
  snapshotSummarySchema,
  snapshotTakeRequestSchema,
  universeDateParamSchema,
  universeDetailSchema,
  universeIdParamSchema,
  universeImportQuerySchema,
  universeImportResultSchema,
  universeListSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { BadRequestError, NotFoundError, PayloadTooLargeError } from '../../http/http-errors';
import { uploadFileName } from '../../http/upload-file-name';
import { readRebuildProgress, saveRebuildProgress } from './rebuild-progress';
import { errorAnswers } from './screener-http';
import { SCREENER_REBUILD_JOB } from './screener-rebuild.job';
import { snapshotTable } from './screen-cache';
import { requireUniverse, takeSnapshot } from './snapshots.service';
import { findSnapshot, listSnapshots } from './snapshots.store';
import {
  getUniverseDetail,
  importUniverse,
  listUniverseSummaries,
  removeUniverse,
  toSnapshotSummary,
} from './universes.service';

const tags = ['screener'];

/** /screener/universes: listing imports, members and rejected rows, snapshots and their rebuild. */
export function universesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/screener/universes',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description: 'Universes with member counts and the latest snapshot.',
          response: { 200: universeListSchema },
        },
      },
      async () => ({ universes: await listUniverseSummaries(ctx) }),
    );

    app.post(
      '/screener/universes',
      {
        config: { access: 'analyst' },
        schema: {
          tags,
          description:
            'Import a listing file (multipart/form-data, field `file`; Nasdaq company list or nasdaq-listed.csv) ' +
            'with rules in the query (defaults: market cap 3e8-2e9, price >= 1, no ETFs). The same name again ' +
            "replaces that universe's listing. 400 LISTING_FORMAT (with the line), LISTING_EMPTY, FILE_REQUIRED.",
          consumes: ['multipart/form-data'],
          querystring: universeImportQuerySchema,
          response: { 201: universeImportResultSchema, ...errorAnswers(400, 413) },
        },
      },
      async (request, reply) => {
        const file = await request.file();
        if (!file) {
          throw new BadRequestError('FILE_REQUIRED', 'Send the listing as multipart/form-data in a field named "file"');
        }
        const { name, benchmark, ...rules } = request.query;
        const result = await importUniverse(ctx, {
          input: file.file,
          filename: uploadFileName(file.filename, 'listing.csv'),
          ...(name ? { name } : {}),
          ...(benchmark ? { benchmark } : {}),
          rules,
        });
        if (file.file.truncated) throw new PayloadTooLargeError(ctx.config.http.uploadLimitBytes);
        return reply.status(201).send(result);
      },
    );

    app.get(
      '/screener/universes/:universeId',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description: 'A universe with its members and the listing rows its rules left out, each with the reason.',
          params: universeIdParamSchema,
          response: { 200: universeDetailSchema, ...errorAnswers(404) },
        },
      },
      async (request) => getUniverseDetail(ctx, request.params.universeId),
    );

    app.delete(
      '/screener/universes/:universeId',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          description:
            'Delete a universe with its listing and snapshots (saved screens on it fall back to the default).',
          params: universeIdParamSchema,
          response: { 204: z.null(), ...errorAnswers(404) },
        },
      },
      async (request, reply) => {
        await removeUniverse(ctx, request.params.universeId);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/screener/universes/:universeId/snapshots',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description: 'Snapshot dates of a universe, newest first.',
          params: universeIdParamSchema,
          response: { 200: snapshotListSchema, ...errorAnswers(404) },
        },
      },
      async (request) => {
        await requireUniverse(ctx, request.params.universeId);
        return { snapshots: (await listSnapshots(ctx.db.orm, request.params.universeId)).map(toSnapshotSummary) };
      },
    );

    app.post(
      '/screener/universes/:universeId/snapshots',
      {
        config: { access: 'analyst' },
        schema: {
          tags,
          description:
            'Take a snapshot now (as of `asOf`, default the newest bar date of any member). 201 when built, 200 when ' +
            'one of that date existed (kept unless replace). 409 NO_BARS when no member has daily bars.',
          params: universeIdParamSchema,
          body: snapshotTakeRequestSchema,
          response: { 200: snapshotSummarySchema, 201: snapshotSummarySchema, ...errorAnswers(400, 404, 409) },
        },
      },
      async (request, reply) => {
        const { snapshot, created } = await takeSnapshot(ctx, request.params.universeId, request.body);
        return reply.status(created ? 201 : 200).send(toSnapshotSummary(snapshot));
      },
    );

    app.get(
      '/screener/universes/:universeId/snapshots/:asOf',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description: 'One snapshot with every member row and metric.',
          params: universeDateParamSchema,
          response: { 200: snapshotDetailSchema, ...errorAnswers(404) },
        },
      },
      async (request) => {
        const { universeId, asOf } = request.params;
        const universe = await requireUniverse(ctx, universeId);
        const snapshot = await findSnapshot(ctx.db.orm, universeId, asOf);
        if (!snapshot) {
          throw new NotFoundError(`The snapshot of universe "${universe.name}" as of ${asOf}`, 'SNAPSHOT_NOT_FOUND');
        }
        const { rows } = await snapshotTable(ctx, snapshot.id);
        return { ...toSnapshotSummary(snapshot), rows };
      },
    );

    app.post(
      '/screener/universes/:universeId/rebuild',
      {
        config: { access: 'analyst' },
        schema: {
          tags,
          description:
            'Rebuild snapshots for past dates from stored bars (job screener.rebuild): every trading day or the ' +
            'last trading day of each week between from and to. 202; follow GET .../rebuild.',
          params: universeIdParamSchema,
          body: snapshotRebuildRequestSchema,
          response: { 202: snapshotRebuildAcceptedSchema, ...errorAnswers(400, 404) },
        },
      },
      async (request, reply) => {
        const { universeId } = request.params;
        await requireUniverse(ctx, universeId);
        const { id } = await ctx.jobs.enqueue(SCREENER_REBUILD_JOB, { universeId, ...request.body });
        await saveRebuildProgress(ctx, universeId, {
          state: 'running',
          done: 0,
          total: 0,
          built: 0,
          skipped: 0,
          error: null,
        });
        const { from, to, every } = request.body;
        return reply.status(202).send({ jobId: id, universeId, from, to, every });
      },
    );

    app.get(
      '/screener/universes/:universeId/rebuild',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description: 'Progress of the latest rebuild of this universe (idle when none is known).',
          params: universeIdParamSchema,
          response: { 200: rebuildProgressSchema, ...errorAnswers(404) },
        },
      },
      async (request) => {
        const { universeId } = request.params;
        await requireUniverse(ctx, universeId);
        return { universeId, ...(await readRebuildProgress(ctx, universeId)) };
      },
    );
  };
}
