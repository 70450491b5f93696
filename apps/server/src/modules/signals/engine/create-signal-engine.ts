import type { AppContext } from '../../../context';
import { SignalEngine } from './signal-engine';

/** The live engine with the configured settings; its signals go to the in-process live feed. */
export function createSignalEngine(ctx: AppContext): SignalEngine {
  const { pollMs, warmupBars, maxBarsPerPass } = ctx.config.signals.engine;
  return new SignalEngine(ctx, {
    pollMs,
    warmupBars,
    maxBarsPerPass,
    now: () => Date.now(),
    onSignals: (signals) => {
      void ctx.events.emit('signals.created', { ids: signals.map((s) => s.id) });
    },
  });
}
