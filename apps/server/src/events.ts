import type { Timeframe } from '@marketlens/contracts';
import type { OhlcvBar } from '@marketlens/quant';
import type { Logger } from 'pino';

/** Platform events, by name, with their payload. Only in-process: each role reacts to what it wrote itself. */
export interface PlatformEvents {
  /** New or changed bars of one series were committed (import, ingestion, demo data). Epoch ms. */
  'bars.ingested': { instrumentId: number; symbol: string; timeframe: Timeframe; firstTs: number; lastTs: number };
  /** The live engine committed new signals (modules/signals): the live feed sends them without waiting to poll. */
  'signals.created': { ids: string[] };
  /**
   * Closed bars of one series were stored (CSV import, ingest jobs, demo data, replay): ascending, at most
   * CLOSED_BARS_PER_EVENT per event, bars whose period has ended only. The live signal path consumes these.
   * A bar can come again (a re-import, a refetch) or come after later ones (a gap backfill): key on ts.
   */
  'bars.closed': { instrumentId: number; symbol: string; timeframe: Timeframe; bars: readonly OhlcvBar[] };
}

export type PlatformEventName = keyof PlatformEvents;
export type PlatformEventHandler<N extends PlatformEventName> = (payload: PlatformEvents[N]) => Promise<void> | void;

export interface EventHub {
  on<N extends PlatformEventName>(name: N, handler: PlatformEventHandler<N>): () => void;
  /**
   * Runs every handler in turn and resolves when all are done, so a writer that awaits it knows derived
   * state (e.g. live regime probabilities) is current. A failing handler is logged, never thrown to the writer:
   * the write itself already succeeded.
   */
  emit<N extends PlatformEventName>(name: N, payload: PlatformEvents[N]): Promise<void>;
  /** Handlers subscribed to `name`: a writer can skip building a payload nobody reads. */
  listenerCount(name: PlatformEventName): number;
}

export function createEventHub(log: Pick<Logger, 'error'>): EventHub {
  const handlers = new Map<PlatformEventName, Set<PlatformEventHandler<PlatformEventName>>>();
  return {
    on(name, handler) {
      const set = handlers.get(name) ?? new Set();
      handlers.set(name, set);
      set.add(handler as PlatformEventHandler<PlatformEventName>);
      return () => set.delete(handler as PlatformEventHandler<PlatformEventName>);
    },
    async emit(name, payload) {
      for (const handler of handlers.get(name) ?? []) {
        try {
          await handler(payload);
        } catch (err) {
          log.error({ err, event: name }, 'event handler failed');
        }
      }
    },
    listenerCount: (name) => handlers.get(name)?.size ?? 0,
  };
}
