import type { Signal } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { toSignal } from './signal-dto';
import { latestSignal, signalsAfter, type SignalCursor } from './signals.store';

type Listener = (signal: Signal, cursor: SignalCursor) => void;

const LOOKBACK_MS = 30_000;
const REMEMBERED = 10_000;

/**
 * New signals for the SSE stream, in order, once each per listener. The engine may run in another process
 * (the `engine` role), so the feed reads the signals table after the last one it sent: when a signal is
 * written in this process (at once) and every `pollMs` while anyone listens. One reader per API process.
 */
export class LiveFeed {
  private readonly listeners = new Set<Listener>();
  /** Ids sent recently (insertion-ordered, so the oldest are dropped first). */
  private readonly sent = new Set<string>();
  private cursor: SignalCursor | null = null;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly pollMs: number,
  ) {}

  /** Adds a listener; returns the function that removes it. */
  async subscribe(listener: Listener): Promise<() => void> {
    if (this.listeners.size === 0) await this.startReading();
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopReading();
    };
  }

  private async startReading(): Promise<void> {
    const latest = await latestSignal(this.ctx.db.orm);
    this.cursor = latest ? { createdAt: latest.createdAt, id: latest.id } : null;
    // Everything already stored counts as sent: a new listener gets what is written from now on.
    if (latest) {
      for (const row of await signalsAfter(
        this.ctx.db.orm,
        { createdAt: new Date(latest.createdAt.getTime() - LOOKBACK_MS), id: '00000000-0000-0000-0000-000000000000' },
        5000,
      )) {
        this.remember(row.id);
      }
    }
    this.unsubscribe = this.ctx.events.on('signals.created', () => void this.read());
    this.timer = setInterval(() => void this.read(), this.pollMs);
    this.timer.unref();
  }

  private remember(id: string): void {
    this.sent.add(id);
    if (this.sent.size > REMEMBERED) this.sent.delete(this.sent.values().next().value!);
  }

  private stopReading(): void {
    clearInterval(this.timer);
    this.unsubscribe?.();
  }

  private read(): Promise<void> {
    this.reading ??= this.readOnce().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async readOnce(): Promise<void> {
    try {
      for (;;) {
        // created_at is the writing transaction's start: one that began earlier may commit later. Reading from
        // LOOKBACK_MS before the last sent signal, and skipping ids already sent, never misses such a signal.
        const from = this.cursor
          ? {
              createdAt: new Date(this.cursor.createdAt.getTime() - LOOKBACK_MS),
              id: '00000000-0000-0000-0000-000000000000',
            }
          : null;
        const rows = await signalsAfter(this.ctx.db.orm, from, 500);
        let fresh = 0;
        for (const row of rows) {
          if (this.sent.has(row.id)) continue;
          fresh += 1;
          this.remember(row.id);
          const cursor = { createdAt: row.createdAt, id: row.id };
          if (!this.cursor || row.createdAt > this.cursor.createdAt) this.cursor = cursor;
          const signal = toSignal(row);
          for (const listener of this.listeners) listener(signal, cursor);
        }
        if (rows.length < 500 || fresh === 0) return;
      }
    } catch (err) {
      this.ctx.log.error({ err }, 'live signal feed: read failed');
    }
  }
}
