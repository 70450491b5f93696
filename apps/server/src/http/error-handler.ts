import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { HttpError, PayloadTooLargeError } from './http-errors';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const send = (reply: FastifyReply, status: number, body: ErrorBody) => reply.status(status).send(body);

/** Fastify's own 4xx errors, mapped to stable codes and plain words. */
const FASTIFY_CODES: Record<string, { code: string; message?: string; status?: number }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', message: 'Request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', message: 'Request body is empty but declared as JSON' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE' },
  // The multipart plugin answers 406 here; the standard answer for a wrong request body type is 415.
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Expected multipart/form-data with a file field',
    status: 415,
  },
  FST_ERR_RATE_LIMIT: { code: 'RATE_LIMITED' },
};

/**
 * The one place errors become HTTP answers: `{ error: { code, message, details? } }`, never a stack trace.
 * 5xx answers carry the request id so an operator can find the logged cause.
 */
export function installErrorHandler(app: FastifyInstance, uploadLimitBytes: number): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'request';
      const details = err.validation.map((v) => ({
        location: where,
        path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)',
        message: v.message ?? 'invalid',
      }));
      const first = details[0];
      const message = first ? `Invalid ${where}: ${first.path}: ${first.message}` : `Invalid ${where}`;
      return send(reply, 400, { error: { code: 'VALIDATION_FAILED', message, details } });
    }
    if (err instanceof HttpError) {
      if (err.statusCode >= 500) request.log.error({ err }, 'request failed');
      return send(reply, err.statusCode, { error: { code: err.code, message: err.message, details: err.details } });
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      return send(reply, 500, { error: { code: 'INTERNAL', message: `Internal error (request ${request.id})` } });
    }
    if (err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
      const limit = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? app.initialConfig.bodyLimit : uploadLimitBytes;
      const tooLarge = new PayloadTooLargeError(limit ?? uploadLimitBytes);
      return send(reply, 413, { error: { code: tooLarge.code, message: tooLarge.message, details: tooLarge.details } });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const known = err.code ? FASTIFY_CODES[err.code] : undefined;
      return send(reply, known?.status ?? status, {
        error: { code: known?.code ?? 'BAD_REQUEST', message: known?.message ?? err.message },
      });
    }
    request.log.error({ err }, 'unhandled error');
    return send(reply, 500, { error: { code: 'INTERNAL', message: `Internal error (request ${request.id})` } });
  });
}

/** The 404 for a path no route matches, in the same error shape (the api and the ops-only app share it). */
export function sendRouteNotFound(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0] ?? '';
  return send(reply, 404, { error: { code: 'NOT_FOUND', message: `No route for ${request.method} ${path}` } });
}
