import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  alertEventListQuerySchema,
  alertEventListSchema,
  alertKindListSchema,
  alertRuleListSchema,
  alertRuleSchema,
  createAlertRuleRequestSchema,
  updateAlertRuleRequestSchema,
  uuidParamSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { alertKinds } from './alert-kinds';
import { toAlertEvent, toAlertRule } from './alert-rule-dto';
import { createRule, deleteRule, ownRule, updateRule } from './alert-rules.service';
import { listEvents, listRules } from './alert-rules.store';
import { callerOf, errorAnswers } from './caller';

/** /alerts: each user's own alert rules and the events they raised. */
export function alertRulesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['alerts'];

    app.get(
      '/alerts/kinds',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description: 'Alert kinds and the JSON Schema of their params.',
          response: { 200: alertKindListSchema },
        },
      },
      async () => ({
        kinds: [...alertKinds(ctx)].map(([kind, def]) => ({
          kind,
          params: z.toJSONSchema(def.params, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
        })),
      }),
    );

    app.get(
      '/alerts/rules',
      { config: { access: 'viewer' }, schema: { tags, response: { 200: alertRuleListSchema, ...errorAnswers(401) } } },
      async (request) => ({
        rules: (await listRules(ctx.db.orm, callerOf(request).userId)).map((r) => toAlertRule(ctx, r)),
      }),
    );

    app.post(
      '/alerts/rules',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description:
            'Create an alert rule on a symbol. It starts from the newest data: only what arrives afterwards fires it. ' +
            '400 UNKNOWN_ALERT_KIND, INVALID_ALERT_PARAMS (naming the field); 404 INSTRUMENT_NOT_FOUND. Subscribe a ' +
            'channel to it (POST /notifications/subscriptions, source alert_rule) to be notified.',
          body: createAlertRuleRequestSchema,
          response: { 201: alertRuleSchema, ...errorAnswers(400, 401, 404) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(toAlertRule(ctx, await createRule(ctx, callerOf(request).userId, request.body))),
    );

    app.get(
      '/alerts/rules/:id',
      {
        config: { access: 'viewer' },
        schema: { tags, params: uuidParamSchema, response: { 200: alertRuleSchema, ...errorAnswers(401, 404) } },
      },
      async (request) => toAlertRule(ctx, await ownRule(ctx, callerOf(request).userId, request.params.id)),
    );

    app.patch(
      '/alerts/rules/:id',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description:
            'Rename, switch on or off, change params or cooldown. New params start again from the newest data.',
          params: uuidParamSchema,
          body: updateAlertRuleRequestSchema,
          response: { 200: alertRuleSchema, ...errorAnswers(400, 401, 404) },
        },
      },
      async (request) =>
        toAlertRule(ctx, await updateRule(ctx, callerOf(request).userId, request.params.id, request.body)),
    );

    app.delete(
      '/alerts/rules/:id',
      {
        config: { access: 'viewer' },
        schema: { tags, params: uuidParamSchema, response: { 204: z.null(), ...errorAnswers(401, 404) } },
      },
      async (request, reply) => {
        await deleteRule(ctx, callerOf(request).userId, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/alerts/events',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description: 'Events your rules raised, newest first, with the values that triggered them.',
          querystring: alertEventListQuerySchema,
          response: { 200: alertEventListSchema, ...errorAnswers(401, 404) },
        },
      },
      async (request) => {
        const { userId } = callerOf(request);
        if (request.query.ruleId) await ownRule(ctx, userId, request.query.ruleId);
        const rows = await listEvents(ctx.db.orm, { userId, ruleId: request.query.ruleId, limit: request.query.limit });
        return { events: rows.map(toAlertEvent) };
      },
    );
  };
}
