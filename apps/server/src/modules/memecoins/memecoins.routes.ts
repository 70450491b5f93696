import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addressParamSchema,
  assessmentListQuerySchema,
  assessmentListResponseSchema,
  assessmentParamSchema,
  assessmentSchema,
  collectorsResponseSchema,
  collectRequestSchema,
  holdersQuerySchema,
  holdersResponseSchema,
  memeImportResponseSchema,
  memeJobQueuedSchema,
  postsQuerySchema,
  postsResponseSchema,
  timelineResponseSchema,
  tokenCreateSchema,
  tokenDetailResponseSchema,
  tokenListResponseSchema,
  tokenSchema,
  transfersQuerySchema,
  transfersResponseSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { errorAnswers } from '../../http/error-answers';
import { BadRequestError } from '../../http/http-errors';
import { uploadFileName } from '../../http/upload-file-name';
import { requireToken } from './assess.service';
import { collectorStatuses } from './collectors.service';
import { tokenHolders } from './holders.service';
import { importPosts, importTransfers } from './imports.service';
import { MEMECOINS_ASSESS_JOB, MEMECOINS_COLLECT_JOB, type AssessPayload, type CollectPayload } from './memecoins-jobs';
import { recentPosts, recentTransfers } from './activity.service';
import { tokenTimeline } from './timeline.service';
import { assessmentHistory, createToken, getAssessment, listTokenSummaries, tokenDetail } from './tokens.service';

const tags = ['memecoins'];

/** Every /memecoins route (registered once in http/api-routes.ts). Viewers read; analysts add, import and queue. */
export function memecoinsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/memecoins/tokens',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description:
            'Watched tokens with their latest risk score, the trend since the previous one and alarm counts.',
          response: { 200: tokenListResponseSchema },
        },
      },
      async () => ({ tokens: await listTokenSummaries(ctx) }),
    );

    app.post(
      '/memecoins/tokens',
      {
        config: { access: 'analyst' },
        schema: {
          tags,
          description: 'Watch a token: collectors pick it up on their next run. 409 TOKEN_EXISTS.',
          body: tokenCreateSchema,
          response: { 201: tokenSchema, ...errorAnswers(400, 409) },
        },
      },
      async (request, reply) => reply.status(201).send(await createToken(ctx, request.body)),
    );

    app.get(
      '/memecoins/tokens/:address',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description: 'A token with its latest assessment: flags with evidence, metrics and what changed.',
          params: addressParamSchema,
          response: { 200: tokenDetailResponseSchema, ...errorAnswers(400, 404) },
        },
      },
      async (request) => tokenDetail(ctx, request.params.address),
    );

    app.get(
      '/memecoins/tokens/:address/assessments',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description: "A token's assessments over time, newest first (scores and flag codes).",
          params: addressParamSchema,
          querystring: assessmentListQuerySchema,
          response: { 200: assessmentListResponseSchema, ...errorAnswers(400, 404) },
        },
      },
      async (request) => ({
        assessments: await assessmentHistory(ctx, request.params.address, request.query.limit),
      }),
    );

    app.get(
      '/memecoins/assessments/:id',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description: 'One assessment: flags with their evidence, metrics, and the change from the one before.',
          params: assessmentParamSchema,
          response: { 200: assessmentSchema, ...errorAnswers(400, 404) },
        },
      },
      async (request) => getAssessment(ctx, request.params.id),
    );

    app.get(
      '/memecoins/tokens/:address/timeline',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description:
            'Price, hourly sentiment, risk score and flag markers on one time axis (epoch ms), over the week ' +
            'before the latest assessment.',
          params: addressParamSchema,
          response: { 200: timelineResponseSchema, ...errorAnswers(400, 404) },
        },
      },
      async (request) => tokenTimeline(ctx, request.params.address),
    );

    app.get(
      '/memecoins/tokens/:address/holders',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description: 'Largest holders replayed from the stored transfers, top-10 share and HHI (complete history).',
          params: addressParamSchema,
          querystring: holdersQuerySchema,
          response: { 200: holdersResponseSchema, ...errorAnswers(400, 404) },
        },
      },
      async (request) => tokenHolders(ctx, request.params.address, request.query.limit),
    );

    app.get(
      '/memecoins/tokens/:address/posts',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description: 'Posts about the token with their sentiment, newest first; `before` pages back.',
          params: addressParamSchema,
          querystring: postsQuerySchema,
          response: { 200: postsResponseSchema, ...errorAnswers(400, 404) },
        },
      },
      async (request) => ({ posts: await recentPosts(ctx, request.params.address, request.query) }),
    );

    app.get(
      '/memecoins/tokens/:address/transfers',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description: 'Stored transfers, newest first (amounts in base units); `beforeBlock` pages back.',
          params: addressParamSchema,
          querystring: transfersQuerySchema,
          response: { 200: transfersResponseSchema, ...errorAnswers(400, 404) },
        },
      },
      async (request) => ({ transfers: await recentTransfers(ctx, request.params.address, request.query) }),
    );

    app.post(
      '/memecoins/tokens/:address/assess',
      {
        config: { access: 'analyst' },
        schema: {
          tags,
          description: 'Queue a fresh assessment of the token (job memecoins.assess).',
          params: addressParamSchema,
          response: { 202: memeJobQueuedSchema, ...errorAnswers(400, 404) },
        },
      },
      async (request, reply) => {
        const token = await requireToken(ctx, request.params.address);
        const payload: AssessPayload = { address: token.address, trigger: 'manual' };
        const { id } = await ctx.jobs.enqueue(MEMECOINS_ASSESS_JOB, payload);
        return reply.status(202).send({ status: 'queued', job: MEMECOINS_ASSESS_JOB, jobId: id });
      },
    );

    for (const kind of ['transfers', 'posts'] as const) {
      app.post(
        `/memecoins/tokens/:address/${kind}/import`,
        {
          config: { access: 'analyst' },
          schema: {
            tags,
            description:
              kind === 'transfers'
                ? 'Import ERC-20 transfers (multipart, field `file`): ethereum-etl token_transfers CSV or an ' +
                  'Etherscan token export. Bad rows come back with their line; an assessment is queued when rows ' +
                  'are new. 400 TRANSFERS_FORMAT, NO_TRANSFERS_OF_TOKEN, FILE_REQUIRED.'
                : 'Import posts (multipart, field `file`): CSV with id, text, created_at[, author, url] or JSONL ' +
                  'with the same fields. Each text is scored; an assessment is queued when posts are new. 400 ' +
                  'POSTS_EMPTY, FILE_REQUIRED.',
            consumes: ['multipart/form-data'],
            params: addressParamSchema,
            response: { 200: memeImportResponseSchema, ...errorAnswers(400, 404, 413) },
          },
        },
        async (request) => {
          await requireToken(ctx, request.params.address);
          const file = await request.file();
          if (!file)
            throw new BadRequestError('FILE_REQUIRED', 'Send the file as multipart/form-data in a field named "file"');
          const upload = {
            input: file.file,
            filename: uploadFileName(file.filename, `${kind}.csv`),
            truncated: () => file.file.truncated,
          };
          return kind === 'transfers'
            ? importTransfers(ctx, request.params.address, upload)
            : importPosts(ctx, request.params.address, upload);
        },
      );
    }

    app.get(
      '/memecoins/collectors',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description: 'Each collector: configured or not (and which setting is missing), last run, quota, last error.',
          response: { 200: collectorsResponseSchema },
        },
      },
      async () => ({ collectors: await collectorStatuses(ctx) }),
    );

    app.post(
      '/memecoins/collect',
      {
        config: { access: 'analyst' },
        schema: {
          tags,
          description: 'Queue a collection now (job memecoins.collect) for one token or every watched one.',
          body: collectRequestSchema,
          response: { 202: memeJobQueuedSchema, ...errorAnswers(400, 404) },
        },
      },
      async (request, reply) => {
        if (request.body.address) await requireToken(ctx, request.body.address);
        const payload: CollectPayload = request.body.address ? { address: request.body.address } : {};
        const { id } = await ctx.jobs.enqueue(MEMECOINS_COLLECT_JOB, payload);
        return reply.status(202).send({ status: 'queued', job: MEMECOINS_COLLECT_JOB, jobId: id });
      },
    );
  };
}
