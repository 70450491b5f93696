/** An outbound provider request that failed for good (after retries, or at once for a client error). */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly provider: string;
  /** HTTP status of the last response; undefined for network errors and timeouts. */
  readonly status: number | undefined;
  /** The request URL with credentials redacted: safe to log. */
  readonly url: string;
  readonly attempts: number;
  /** Parsed JSON (or a text excerpt) of the last error response, for adapters to explain. */
  readonly body: unknown;

  constructor(
    message: string,
    fields: { provider: string; status?: number; url: string; attempts: number; body?: unknown },
    options?: ErrorOptions,
  ) {
    super(`${fields.provider}: ${message}`, options);
    this.provider = fields.provider;
    this.status = fields.status;
    this.url = redactUrl(fields.url);
    this.attempts = fields.attempts;
    this.body = fields.body;
  }
}

const SECRET_PARAMS = /^(api[-_]?key|apikey|key|token|access[-_]?token|secret|signature|sig|password|auth)$/i;

/** Replaces the values of credential-like query parameters so URLs can go into errors and logs. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/([?&](?:api[-_]?key|apikey|key|token|access_token|secret|signature)=)[^&#]*/gi, '$1REDACTED');
  }
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMS.test(name)) parsed.searchParams.set(name, 'REDACTED');
  }
  if (parsed.password) parsed.password = 'REDACTED';
  return parsed.toString();
}
