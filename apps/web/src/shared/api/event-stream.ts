import { createSseParser, type SseEvent } from './sse';
import type { FetchFn } from './raw-response';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface EventStreamOptions {
  url: string;
  fetchFn: FetchFn;
  /** The current access token (it changes when the session is refreshed). */
  token: () => string | null;
  /** Called on 401: true when a new token was obtained (the stream retries at once), false to give up. */
  renewToken: () => Promise<boolean>;
  onEvent: (event: SseEvent) => void;
  /** `error` says in words why the stream is not open (reconnecting or closed). */
  onStatus: (status: StreamStatus, error: string | null) => void;
  /** First wait before reconnecting; doubles per failed attempt up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** For tests: how to wait. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const defaultSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Why a connection ended, in words, for the status line. */
class StreamEnded extends Error {
  override readonly name = 'StreamEnded';
}

/**
 * Reads a Server-Sent Events stream with fetch (EventSource cannot send the bearer token) and keeps it open:
 * when the connection drops or the server answers an error, it reconnects after 1 s, 2 s, 4 s ... (at most
 * 30 s; the server's `retry:` advice is the floor), back to 1 s once a connection opens. A 401 renews the
 * token once; if that fails the stream closes (the session is over). Returns the function that stops it.
 */
export function openEventStream(options: EventStreamOptions): () => void {
  const controller = new AbortController();
  const { signal } = controller;
  const initial = options.initialDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  const parser = createSseParser((event) => options.onEvent(event));
  let opened = false;

  const connectOnce = async (): Promise<'opened' | 'unauthorised'> => {
    const token = options.token();
    const response = await options.fetchFn(options.url, {
      headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      signal,
      cache: 'no-store',
    });
    if (response.status === 401) return 'unauthorised';
    if (!response.ok || !response.body) {
      throw new StreamEnded(`The live feed answered HTTP ${response.status}.`);
    }
    opened = true;
    options.onStatus('open', null);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.push(decoder.decode(value, { stream: true }));
      }
    } finally {
      parser.end();
      reader.releaseLock();
    }
    return 'opened';
  };

  const run = async () => {
    let failures = 0;
    let renewed = false;
    options.onStatus('connecting', null);
    while (!signal.aborted) {
      let reason = 'The live feed closed.';
      opened = false;
      try {
        const outcome = await connectOnce();
        if (outcome === 'unauthorised') {
          if (!renewed && (await options.renewToken())) {
            renewed = true;
            continue;
          }
          options.onStatus('closed', 'Your session has expired; sign in again to follow the live feed.');
          return;
        }
      } catch (error) {
        if (signal.aborted) break;
        reason = error instanceof StreamEnded ? error.message : 'The connection to the live feed was lost.';
      }
      if (signal.aborted) break;
      // A stream that was open and dropped starts the back-off again from the first step.
      if (opened) {
        failures = 0;
        renewed = false;
      }
      const delay = Math.max(Math.min(initial * 2 ** failures, max), parser.retryMs() ?? 0);
      failures += 1;
      options.onStatus('reconnecting', `${reason} Reconnecting in ${Math.round(delay / 1000)} s…`);
      await sleep(delay, signal);
    }
    options.onStatus('closed', null);
  };

  void run();
  return () => controller.abort();
}
