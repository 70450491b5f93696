import type { Signal } from '@marketlens/contracts';
import type { SignalCursor, SignalRow } from './signals.store';

export function toSignal(row: SignalRow): Signal {
  return {
    id: row.id,
    strategyId: row.strategyId,
    version: row.version,
    symbol: row.symbol,
    timeframe: row.timeframe,
    barTs: row.barTs.toISOString(),
    action: row.action,
    reason: row.reason,
    price: row.price,
    evidence: row.evidence as Signal['evidence'],
    lagMs: row.lagMs,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Opaque keyset cursor: created_at (microsecond-safe ISO) and id. Also the SSE event id. */
export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

export function decodeCursor(text: string): SignalCursor | undefined {
  const [at, id] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return { createdAt, id };
}
