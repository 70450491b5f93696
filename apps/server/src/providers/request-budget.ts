import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Orm } from '../db/database';
import { providerRequestBudget } from '../db/schema';
import { zoneOffsetMs } from './csv/zoned-time';

// A quota-limited provider's daily request budget, kept in the database: it survives restarts and every replica
// spends from the same row. Spending is one conditional UPDATE, so two processes racing for the last request
// cannot both get it (PostgreSQL re-checks the WHERE on the row it waited for; PGlite runs one statement at a time).

/** The calendar day (YYYY-MM-DD) of an instant in an IANA time zone: the day a quota counts in. */
export function budgetDay(instant: number, timeZone: string): string {
  return new Date(instant + zoneOffsetMs(timeZone, instant)).toISOString().slice(0, 10);
}

/** `day` (YYYY-MM-DD) moved by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export interface BudgetStatus {
  provider: string;
  day: string;
  used: number;
  quota: number;
  remaining: number;
  /** Set when the provider answered with its limit message: nothing more is spent that day. */
  exhaustedAt: Date | null;
  exhaustedReason: string | null;
}

/** A request may go out (`used` now counts it), or it may not and why. */
export type SpendResult =
  | { ok: true; day: string; used: number }
  | { ok: false; day: string; why: 'quota' | 'exhausted'; status: BudgetStatus };

export interface RequestBudgetOptions {
  provider: string;
  dailyQuota: number;
  /** IANA zone of the budget day; default UTC. */
  timeZone?: string;
  clock?: () => number;
}

export class RequestBudget {
  readonly provider: string;
  readonly quota: number;
  private readonly timeZone: string;
  private readonly clock: () => number;

  constructor(
    private readonly orm: Orm,
    options: RequestBudgetOptions,
  ) {
    if (!(options.dailyQuota >= 0)) throw new RangeError('dailyQuota must be 0 or more');
    this.provider = options.provider;
    this.quota = options.dailyQuota;
    this.timeZone = options.timeZone ?? 'UTC';
    this.clock = options.clock ?? Date.now;
  }

  /** The current budget day. */
  today(): string {
    return budgetDay(this.clock(), this.timeZone);
  }

  /** Takes one request from today's budget, atomically across processes; refuses when spent or exhausted. */
  async trySpend(): Promise<SpendResult> {
    const day = this.today();
    const key = and(eq(providerRequestBudget.provider, this.provider), eq(providerRequestBudget.day, day));
    await this.orm.insert(providerRequestBudget).values({ provider: this.provider, day }).onConflictDoNothing();
    const [row] = await this.orm
      .update(providerRequestBudget)
      .set({ used: sql`${providerRequestBudget.used} + 1`, updatedAt: new Date(this.clock()) })
      .where(and(key, lt(providerRequestBudget.used, this.quota), isNull(providerRequestBudget.exhaustedAt)))
      .returning({ used: providerRequestBudget.used });
    if (row) return { ok: true, day, used: row.used };
    const status = await this.status(day);
    return { ok: false, day, why: status.exhaustedAt ? 'exhausted' : 'quota', status };
  }

  /**
   * The provider said its limit is reached (or the key is unusable): nothing more is spent on `day` (default
   * today), whatever the count says. The first reason recorded is kept.
   */
  async markExhausted(reason: string, day: string = this.today()): Promise<void> {
    const now = new Date(this.clock());
    await this.orm
      .insert(providerRequestBudget)
      .values({ provider: this.provider, day, exhaustedAt: now, exhaustedReason: reason, updatedAt: now })
      .onConflictDoUpdate({
        target: [providerRequestBudget.provider, providerRequestBudget.day],
        set: {
          exhaustedAt: sql`coalesce(${providerRequestBudget.exhaustedAt}, excluded.exhausted_at)`,
          exhaustedReason: sql`coalesce(${providerRequestBudget.exhaustedReason}, excluded.exhausted_reason)`,
          updatedAt: now,
        },
      });
  }

  /** Today's (or `day`'s) spending; a day without a row has used nothing. */
  async status(day: string = this.today()): Promise<BudgetStatus> {
    const [row] = await this.orm
      .select()
      .from(providerRequestBudget)
      .where(and(eq(providerRequestBudget.provider, this.provider), eq(providerRequestBudget.day, day)))
      .limit(1);
    const used = row?.used ?? 0;
    const exhaustedAt = row?.exhaustedAt ?? null;
    return {
      provider: this.provider,
      day,
      used,
      quota: this.quota,
      remaining: exhaustedAt ? 0 : Math.max(0, this.quota - used),
      exhaustedAt,
      exhaustedReason: row?.exhaustedReason ?? null,
    };
  }
}
