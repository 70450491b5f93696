import type { Signal } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { toSignal } from './signal-dto';
import { listSignals, type SignalFilter } from './signals.store';

// What other modules may read of the signals themselves (they never read the store): the newest ones.

/** The newest `limit` signals, newest first, optionally of one symbol or strategy. */
export async function listRecentSignals(ctx: AppContext, query: SignalFilter & { limit: number }): Promise<Signal[]> {
  const rows = await listSignals(ctx.db.orm, query);
  return rows.map(toSignal);
}
