import type { AppContext } from '../../context';
import type { RebuildProgress } from './snapshots.service';

// Rebuild progress lives in the cache (Redis when configured): every API replica reads what the worker
// wrote. A cache miss (evicted, restarted in embedded mode) reads as idle; snapshots already built stay listed.

export interface RebuildState extends RebuildProgress {
  state: 'idle' | 'running' | 'succeeded' | 'failed';
  error: string | null;
  updatedAt: string | null;
}

const key = (universeId: string) => `screener:rebuild:${universeId}`;
const DAY_SECONDS = 86_400;

export async function saveRebuildProgress(
  ctx: AppContext,
  universeId: string,
  state: Omit<RebuildState, 'updatedAt'>,
): Promise<void> {
  await ctx.cache
    .set(key(universeId), { ...state, updatedAt: new Date().toISOString() }, DAY_SECONDS)
    .catch((err: unknown) => {
      ctx.log.warn({ err }, 'screener: could not store rebuild progress');
    });
}

export async function readRebuildProgress(ctx: AppContext, universeId: string): Promise<RebuildState> {
  const stored = await ctx.cache.get<RebuildState>(key(universeId)).catch(() => undefined);
  return stored ?? { state: 'idle', done: 0, total: 0, built: 0, skipped: 0, error: null, updatedAt: null };
}
