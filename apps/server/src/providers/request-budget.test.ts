import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/test-databases';
import { addDays, budgetDay, RequestBudget } from './request-budget';

describe('budgetDay', () => {
  it('is the UTC date by default and the local date in a configured zone', () => {
    const lateEvening = Date.UTC(2024, 2, 5, 3, 30); // 22:30 on 4 March in New York (EST)
    expect(budgetDay(lateEvening, 'UTC')).toBe('2024-03-05');
    expect(budgetDay(lateEvening, 'America/New_York')).toBe('2024-03-04');
    expect(budgetDay(Date.UTC(2024, 6, 1, 23, 59), 'Asia/Tokyo')).toBe('2024-07-02');
  });

  it('moves days across month and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });
});

describeEachDatabase('RequestBudget', (kind, getDb) => {
  let now = Date.UTC(2024, 4, 6, 12);
  const budget = (provider: string, dailyQuota = 3, timeZone = 'UTC') =>
    new RequestBudget(getDb().orm, { provider, dailyQuota, timeZone, clock: () => now });

  it('spends up to the quota, then refuses saying the count is reached', async () => {
    const b = budget(`count-${kind}`);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await b.trySpend());
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(results[3]).toMatchObject({ ok: false, why: 'quota', day: '2024-05-06' });
    expect(await b.status()).toMatchObject({ used: 3, quota: 3, remaining: 0, exhaustedReason: null });
  });

  it('starts again on the next budget day and keeps the previous day as it was', async () => {
    const b = budget(`days-${kind}`, 1);
    expect((await b.trySpend()).ok).toBe(true);
    expect((await b.trySpend()).ok).toBe(false);
    now += 86_400_000;
    expect(await b.trySpend()).toMatchObject({ ok: true, day: '2024-05-07', used: 1 });
    expect((await b.status('2024-05-06')).used).toBe(1);
    now -= 86_400_000;
  });

  it('never lets concurrent spenders past the quota', async () => {
    const spenders = [budget(`race-${kind}`, 25), budget(`race-${kind}`, 25)];
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => spenders[i % 2]!.trySpend()));
    expect(results.filter((r) => r.ok)).toHaveLength(25);
    const used = results.flatMap((r) => (r.ok ? [r.used] : [])).sort((a, b) => a - b);
    expect(used, 'each request got its own number').toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('stops spending once the provider answered with its limit, keeping the first reason', async () => {
    const b = budget(`limit-${kind}`, 25);
    await b.trySpend();
    await b.markExhausted('Our standard API rate limit is 25 requests per day.');
    await b.markExhausted('a later reason');
    expect(await b.trySpend()).toMatchObject({ ok: false, why: 'exhausted' });
    expect(await b.status()).toMatchObject({
      used: 1,
      remaining: 0,
      exhaustedReason: 'Our standard API rate limit is 25 requests per day.',
    });
  });

  it('reports an untouched day as the whole quota left', async () => {
    expect(await budget(`fresh-${kind}`, 25).status()).toMatchObject({ used: 0, remaining: 25, exhaustedAt: null });
  });
});
