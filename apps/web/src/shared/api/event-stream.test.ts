import { describe, expect, it } from 'vitest';
import { openEventStream, type StreamStatus } from './event-stream';
import type { SseEvent } from './sse';

/** A body that sends the given chunks, then ends (or fails, to simulate a dropped connection). */
function body(chunks: string[], end: 'close' | 'error' = 'close') {
  const encoder = new TextEncoder();
  let next = 0;
  // Pulled one chunk at a time: an error raised up front would discard the chunks before it.
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk !== undefined) controller.enqueue(encoder.encode(chunk));
      else if (end === 'close') controller.close();
      else controller.error(new TypeError('network error'));
    },
  });
}

interface Harness {
  events: SseEvent[];
  statuses: [StreamStatus, string | null][];
  waits: number[];
  headers: Headers[];
  done: Promise<void>;
  stop: () => void;
}

/** Runs a stream against scripted answers, one per connection attempt; it stops when the script runs out. */
function run(answers: (() => Response)[], options: { renew?: () => Promise<boolean>; token?: () => string } = {}) {
  const h: Omit<Harness, 'done' | 'stop'> = { events: [], statuses: [], waits: [], headers: [] };
  let attempt = 0;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const stop = openEventStream({
    url: 'http://api.test/api/v1/signals/stream',
    fetchFn: async (_url, init) => {
      h.headers.push(new Headers(init?.headers));
      const answer = answers[attempt++];
      if (!answer) {
        stop();
        throw new DOMException('aborted', 'AbortError');
      }
      return answer();
    },
    token: options.token ?? (() => 'access-1'),
    renewToken: options.renew ?? (async () => false),
    onEvent: (e) => h.events.push(e),
    onStatus: (status, error) => {
      h.statuses.push([status, error]);
      if (status === 'closed') finish();
    },
    sleep: async (ms) => void h.waits.push(ms),
  });
  return { ...h, done, stop } as Harness;
}

const sse =
  (chunks: string[], end: 'close' | 'error' = 'close') =>
  () =>
    new Response(body(chunks, end), { status: 200, headers: { 'content-type': 'text/event-stream' } });

describe('openEventStream', () => {
  it('asks for an event stream with the bearer token and delivers each event', async () => {
    const h = run([sse([': connected\n\n', 'event: signal\ndata: {"n":1}\n\n', 'event: signal\ndata: {"n":2}\n\n'])]);
    await h.done;
    expect(h.headers[0]?.get('accept')).toBe('text/event-stream');
    expect(h.headers[0]?.get('authorization')).toBe('Bearer access-1');
    expect(h.events.map((e) => e.data)).toEqual(['{"n":1}', '{"n":2}']);
    expect(h.statuses[0]?.[0]).toBe('connecting');
    expect(h.statuses).toContainEqual(['open', null]);
  });

  it('backs off 1 s, 2 s, 4 s while the server fails, and starts again from 1 s after a connection opened', async () => {
    const failing = () => new Response('down', { status: 503 });
    const h = run([failing, failing, failing, sse(['data: a\n\n'], 'error'), failing]);
    await h.done;
    expect(h.waits).toEqual([1000, 2000, 4000, 1000, 2000]);
    const reconnecting = h.statuses.filter(([s]) => s === 'reconnecting').map(([, e]) => e);
    expect(reconnecting[0], 'the wait is said in words').toMatch(/HTTP 503.*Reconnecting in 1 s/);
    expect(reconnecting[3]).toMatch(/connection to the live feed was lost/);
    expect(h.events.map((e) => e.data)).toEqual(['a']);
  });

  it('never waits longer than the cap, and at least what the server advised with retry:', async () => {
    const failing = () => new Response('', { status: 500 });
    const capped = run(Array.from({ length: 8 }, () => failing));
    await capped.done;
    expect(Math.max(...capped.waits)).toBe(30_000);

    const advised = run([sse(['retry: 5000\n\n']), failing]);
    await advised.done;
    expect(advised.waits[0]).toBe(5000);
  });

  it('renews the token on 401 and reconnects at once with the new one', async () => {
    let token = 'old';
    const h = run([() => new Response('', { status: 401 }), sse(['data: ok\n\n'])], {
      token: () => token,
      renew: async () => {
        token = 'new';
        return true;
      },
    });
    await h.done;
    expect(h.headers.map((x) => x.get('authorization'))).toEqual(['Bearer old', 'Bearer new', 'Bearer new']);
    expect(h.waits, 'no wait before the retry with the renewed token, only after the stream ended').toEqual([1000]);
    expect(h.events).toHaveLength(1);
  });

  it('closes with words when the session cannot be renewed', async () => {
    const h = run([() => new Response('', { status: 401 })]);
    await h.done;
    expect(h.statuses.at(-1)).toEqual(['closed', expect.stringMatching(/session has expired/)]);
    expect(h.headers).toHaveLength(1);
  });
});
