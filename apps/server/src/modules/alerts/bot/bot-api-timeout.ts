import type { Transformer } from 'grammy';

/** grammY types signals as its abort-controller polyfill's class; Node's own AbortSignal is what it handles. */
type GrammySignal = Parameters<Transformer>[3];

/**
 * Bounds every Bot API call by `ms` (telegram.timeoutMs) except the long polls of getUpdates, which wait for
 * updates on purpose and are bounded by the client's own, longer timeout.
 */
export function callTimeout(ms: number): Transformer {
  return (prev, method, payload, signal) => {
    const longPoll = method === 'getUpdates' && Number((payload as { timeout?: number }).timeout ?? 0) > 0;
    if (longPoll) return prev(method, payload, signal);
    const limit = AbortSignal.timeout(ms);
    const bounded = signal ? AbortSignal.any([signal as unknown as AbortSignal, limit]) : limit;
    return prev(method, payload, bounded as unknown as GrammySignal);
  };
}
