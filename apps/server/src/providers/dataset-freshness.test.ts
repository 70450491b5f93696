import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/test-databases';
import { claimFetch, isFresh, readFetches, recordFetch, restoreFetch } from './dataset-freshness';

describe('isFresh', () => {
  it('counts budget days, not hours: a daily series fetched today is fresh until the day ends', () => {
    expect(isFresh({ fetchedDay: '2024-05-06', status: 'ok' }, '2024-05-06', 1)).toBe(true);
    expect(isFresh({ fetchedDay: '2024-05-05', status: 'ok' }, '2024-05-06', 1)).toBe(false);
  });

  it('keeps a weekly dataset fresh for seven budget days', () => {
    expect(isFresh({ fetchedDay: '2024-04-30', status: 'ok' }, '2024-05-06', 7)).toBe(true);
    expect(isFresh({ fetchedDay: '2024-04-29', status: 'ok' }, '2024-05-06', 7)).toBe(false);
  });

  it('holds a failure for its own day only, and an unknown symbol like data', () => {
    expect(isFresh({ fetchedDay: '2024-05-06', status: 'error' }, '2024-05-06', 7)).toBe(true);
    expect(isFresh({ fetchedDay: '2024-05-05', status: 'error' }, '2024-05-06', 7)).toBe(false);
    expect(isFresh({ fetchedDay: '2024-05-01', status: 'empty' }, '2024-05-06', 7)).toBe(true);
  });
});

describeEachDatabase('fetch claims', (kind, getDb) => {
  const key = (symbol: string) => ({ provider: 'alphavantage', dataset: 'overview', symbol: `${symbol}-${kind}` });
  const claim = (symbol: string, today: string) => ({
    ...key(symbol),
    today,
    freshDays: 7,
    now: new Date(`${today}T12:00:00Z`),
  });

  it('lets one caller claim a stale dataset per day, however many try at once', async () => {
    const orm = getDb().orm;
    const wins = await Promise.all(Array.from({ length: 8 }, () => claimFetch(orm, claim('RACE', '2024-05-06'))));
    expect(wins.filter(Boolean)).toHaveLength(1);
    const [record] = await readFetches(orm, 'alphavantage', 'overview', [`RACE-${kind}`]);
    expect(record, 'the claim reads as today’s attempt').toMatchObject({ fetchedDay: '2024-05-06', status: 'error' });
    expect(await claimFetch(orm, claim('RACE', '2024-05-07')), 'a failed attempt is retried the next day').toBe(true);
  });

  it('refuses a claim while the recorded fetch is fresh', async () => {
    const orm = getDb().orm;
    await recordFetch(orm, {
      ...key('FRESH'),
      fetchedAt: new Date('2024-05-01T12:00:00Z'),
      fetchedDay: '2024-05-01',
      status: 'ok',
      error: null,
    });
    expect(await claimFetch(orm, claim('FRESH', '2024-05-06'))).toBe(false);
    expect(await claimFetch(orm, claim('FRESH', '2024-05-08'))).toBe(true);
  });

  it('gives a claim back: the previous record returns, or none when there was none', async () => {
    const orm = getDb().orm;
    const previous = {
      ...key('BACK'),
      fetchedAt: new Date('2024-04-20T12:00:00Z'),
      fetchedDay: '2024-04-20',
      status: 'ok' as const,
      error: null,
    };
    await recordFetch(orm, previous);
    expect(await claimFetch(orm, claim('BACK', '2024-05-06'))).toBe(true);
    await restoreFetch(orm, key('BACK'), previous);
    expect(await readFetches(orm, 'alphavantage', 'overview', [`BACK-${kind}`])).toEqual([previous]);
    expect(await claimFetch(orm, claim('NEW', '2024-05-06'))).toBe(true);
    await restoreFetch(orm, key('NEW'), undefined);
    expect(await readFetches(orm, 'alphavantage', 'overview', [`NEW-${kind}`])).toEqual([]);
  });
});
