import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Redis } from 'ioredis';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from './context';
import { installAccessControl, type Authenticate } from './http/access-control';
import { installErrorHandler, sendRouteNotFound } from './http/error-handler';
import { HttpError } from './http/http-errors';
import { installRequestMetrics } from './http/request-metrics';
import { registerApiRoutes } from './http/api-routes';
import { isServerPath, serveWebApp } from './http/web-app';
import { VERSION } from './version';

export interface BuildAppOptions {
  /** Turns a request's credentials into a principal (modules/auth). */
  authenticate: Authenticate;
  /** Folder of the built web app; served with history fallback when present. */
  webDistDir?: string;
  /** Shared rate-limit counters across API replicas (distributed mode). */
  rateLimitRedis?: Redis;
}

const API_PREFIX = '/api/v1';
const DOCS_PREFIX = '/api/docs';

/** The Fastify app as a plain function of the platform context: no I/O of its own at build time. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = ctx;
  const app = Fastify({
    // Typed as Fastify's base logger so the instance is a plain FastifyInstance everywhere.
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.server.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // The router answers a malformed URL (bad percent-encoding, a path parameter over maxParamLength) before
    // any hook runs; answer it in the API's error shape like every other 4xx.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      void reply.code(status).send({
        error: {
          code: status === 414 ? 'URI_TOO_LONG' : 'BAD_URL',
          message: `The request URL is not valid: ${error.message}`,
        },
      });
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, config.http.uploadLimitBytes);
  installRequestMetrics(app, ctx.metrics);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      // helmet adds upgrade-insecure-requests by default, which breaks plain-HTTP local use.
      useDefaults: true,
      directives: { 'upgrade-insecure-requests': null, 'img-src': ["'self'", 'data:', 'blob:'] },
    },
    // Swagger UI inlines a script; keep CSP strict elsewhere.
  });
  const origins = config.http.corsOrigins;
  await app.register(cors, {
    origin: origins.includes('*') ? true : origins.length > 0 ? origins : false,
    credentials: false,
    exposedHeaders: ['x-request-id'],
  });
  await app.register(rateLimit, {
    global: true,
    max: config.http.rateLimitPerMinute,
    timeWindow: '1 minute',
    ...(options.rateLimitRedis
      ? { redis: options.rateLimitRedis, nameSpace: `${config.redis.keyPrefix}:ratelimit:` }
      : {}),
    // A counter store that fails (Redis down) lets the request through rather than failing it.
    skipOnError: true,
    // Probes and scrapes must never be throttled.
    allowList: (request) => ['/healthz', '/readyz', '/metrics'].includes(request.url.split('?')[0] ?? ''),
    // The plugin throws what this returns, so it must be an error the central handler knows.
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, 'RATE_LIMITED', `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`),
  });
  // After helmet, CORS and the rate limiter: their hooks run first, so a 401/403 carries the security and CORS
  // headers and guessing credentials is throttled like any other request.
  installAccessControl(app, options.authenticate, [DOCS_PREFIX, '/*']);
  await app.register(multipart, { limits: { fileSize: config.http.uploadLimitBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'MarketLens API', version: VERSION },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      security: [{ bearer: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });

  await registerApiRoutes(app, ctx, API_PREFIX);

  const webDir = options.webDistDir;
  const serveWeb = config.server.serveWeb && webDir !== undefined && existsSync(join(webDir, 'index.html'));
  if (serveWeb) {
    // One wildcard route; a missing file falls through to the not-found handler below (SPA history fallback).
    await serveWebApp(app, webDir);
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (serveWeb && request.method === 'GET' && !isServerPath(path) && !path.includes('.')) {
      // History fallback: client-side routes load the SPA.
      return reply.type('text/html').sendFile('index.html');
    }
    return sendRouteNotFound(request, reply);
  });
  return app;
}
