/**
 * Gathers single-key loads made close together into batched calls: each row of the Screener table asks for its
 * own sparkline (so TanStack Query caches per symbol), and the rows on screen share one request.
 */
export interface BatchLoader<V> {
  /** The value for a key, or null when the batch answered without it. */
  load(key: string): Promise<V | null>;
}

export interface BatchLoaderOptions {
  /** Keys per call at most (the server's limit). */
  maxBatch: number;
  /** How long to wait for more keys before calling (ms). */
  waitMs: number;
}

interface Waiting<V> {
  resolve: (value: V | null) => void;
  reject: (error: unknown) => void;
}

export function createBatchLoader<V>(
  loadMany: (keys: string[]) => Promise<ReadonlyMap<string, V>>,
  { maxBatch, waitMs }: BatchLoaderOptions,
): BatchLoader<V> {
  let pending = new Map<string, Waiting<V>[]>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const run = async (batch: Map<string, Waiting<V>[]>) => {
    try {
      const values = await loadMany([...batch.keys()]);
      for (const [key, waiting] of batch) for (const w of waiting) w.resolve(values.get(key) ?? null);
    } catch (error) {
      for (const waiting of batch.values()) for (const w of waiting) w.reject(error);
    }
  };

  const flush = () => {
    timer = null;
    const all = [...pending];
    pending = new Map();
    for (let i = 0; i < all.length; i += maxBatch) void run(new Map(all.slice(i, i + maxBatch)));
  };

  return {
    load: (key) =>
      new Promise<V | null>((resolve, reject) => {
        const waiting = pending.get(key) ?? [];
        waiting.push({ resolve, reject });
        pending.set(key, waiting);
        if (pending.size >= maxBatch) {
          if (timer) clearTimeout(timer);
          flush();
        } else {
          timer ??= setTimeout(flush, waitMs);
        }
      }),
  };
}
