import { sleep } from './free-port';

/** One kind of request the traffic sends, and what a good answer is for it. */
export interface RequestKind {
  name: string;
  /** Makes one request; returns the status (0 for a network error). */
  send(): Promise<number>;
}

export interface Sample {
  kind: string;
  /** Start time, ms since the epoch. */
  at: number;
  status: number;
  ms: number;
}

export interface Traffic {
  samples: Sample[];
  stop(): Promise<void>;
}

/**
 * Sends requests of the given kinds round robin from `workers` concurrent loops until stopped, each loop
 * pausing `pauseMs` between requests (the load stays bounded: loopback only, a few hundred per second at most).
 */
export function startTraffic(kinds: readonly RequestKind[], workers = 4, pauseMs = 10): Traffic {
  const samples: Sample[] = [];
  let running = true;
  let turn = 0;
  const loop = async () => {
    while (running) {
      const kind = kinds[turn++ % kinds.length]!;
      const at = Date.now();
      const started = performance.now();
      const status = await kind.send().catch(() => 0);
      samples.push({ kind: kind.name, at, status, ms: performance.now() - started });
      await sleep(pauseMs);
    }
  };
  const loops = Array.from({ length: workers }, loop);
  return {
    samples,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** A request kind for fetch: GET or a JSON body, with the given headers. */
export function httpKind(
  name: string,
  url: string | (() => string),
  init: { method?: string; headers?: Record<string, string>; body?: () => unknown } = {},
): RequestKind {
  return {
    name,
    send: async () => {
      const res = await fetch(typeof url === 'string' ? url : url(), {
        method: init.method ?? 'GET',
        headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
        ...(init.body ? { body: JSON.stringify(init.body()) } : {}),
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      return res.status;
    },
  };
}

export const is2xx = (status: number): boolean => status >= 200 && status < 300;
