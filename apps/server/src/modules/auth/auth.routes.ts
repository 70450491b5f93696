import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  loginRequestSchema,
  logoutRequestSchema,
  okResponseSchema,
  refreshRequestSchema,
  setupRequestSchema,
  setupStatusSchema,
  tokenResponseSchema,
  userSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { createAuthService } from './auth.service';
import { errorResponses } from './error-responses';
import { AccountThrottledError } from './login-failures';
import { auditMetaOf, principalOf } from './request-meta';

/** /auth: first-run setup, sign-in, token refresh, sign-out and the current user. */
export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const auth = createAuthService(ctx);
    const tags = ['auth'];

    app.get(
      '/auth/setup',
      { config: { access: 'public' }, schema: { tags, response: { 200: setupStatusSchema, ...errorResponses(429) } } },
      async () => ({ needsSetup: await auth.needsSetup() }),
    );

    app.post(
      '/auth/setup',
      {
        config: { access: 'public' },
        schema: {
          tags,
          body: setupRequestSchema,
          response: { 200: tokenResponseSchema, ...errorResponses(400, 409, 429) },
        },
      },
      async (request) => auth.setup(request.body, auditMetaOf(request)),
    );

    app.post(
      '/auth/login',
      {
        // Stricter than the global limit: password guessing is the attack this route invites. This limit is
        // per address; the service also throttles per account (login-failures.ts), whatever the address.
        config: {
          access: 'public',
          rateLimit: { max: ctx.config.auth.loginRateLimitPerMinute, timeWindow: '1 minute' },
        },
        schema: {
          tags,
          security: [],
          body: loginRequestSchema,
          response: { 200: tokenResponseSchema, ...errorResponses(400, 401, 429) },
        },
      },
      async (request, reply) => {
        try {
          return await auth.login(request.body, auditMetaOf(request));
        } catch (err) {
          if (err instanceof AccountThrottledError) reply.header('retry-after', String(err.retryAfterSeconds));
          throw err;
        }
      },
    );

    app.post(
      '/auth/refresh',
      {
        config: { access: 'public' },
        schema: {
          tags,
          security: [],
          body: refreshRequestSchema,
          response: { 200: tokenResponseSchema, ...errorResponses(400, 401, 429) },
        },
      },
      async (request) => auth.refresh(request.body.refreshToken, auditMetaOf(request)),
    );

    app.post(
      '/auth/logout',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          body: logoutRequestSchema,
          response: { 200: okResponseSchema, ...errorResponses(400, 401, 429) },
        },
      },
      async (request) => {
        await auth.logout(principalOf(request), request.body.refreshToken, auditMetaOf(request));
        return { ok: true as const };
      },
    );

    app.get(
      '/auth/me',
      { config: { access: 'viewer' }, schema: { tags, response: { 200: userSchema, ...errorResponses(401, 429) } } },
      async (request) => auth.me(principalOf(request)),
    );
  };
}
