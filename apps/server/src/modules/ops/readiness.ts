import type { Readiness } from '@marketlens/contracts';
import type { AppContext } from '../../context';

const CHECK_TIMEOUT_MS = 2_000;

async function timed(check: () => Promise<void>): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** /readyz: the database, the cache and the queue each answer, or the instance is not ready. */
export async function checkReadiness(ctx: Pick<AppContext, 'db' | 'cache' | 'jobs'>): Promise<Readiness> {
  const [database, cache, queue] = await Promise.all([
    timed(() => ctx.db.ping()),
    timed(() => ctx.cache.ping()),
    timed(() => ctx.jobs.ping()),
  ]);
  const checks = { database, cache, queue };
  return { status: Object.values(checks).every((c) => c.ok) ? 'ok' : 'unavailable', checks };
}
