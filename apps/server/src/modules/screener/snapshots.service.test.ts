import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createFixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { universeSnapshotRows, universeSnapshots } from '../../db/schema';
import { diffSnapshots } from './diffs.service';
import { D1, D2, handBars, HAND_BARS, seedHandUniverse, weekdays } from './screener-fixtures';
import { isoDate } from './snapshot-compute';
import { pickDates, rebuildSnapshots, takeSnapshot } from './snapshots.service';
import { listSnapshots, snapshotRows } from './snapshots.store';

// Snapshots of a hand-built universe (screener-fixtures.ts): what is stored, the diff between two dates under a
// screen, and rebuilding past dates from stored bars.

describeEachApp('screener snapshots', (getApp) => {
  let universeId = '';

  it('takes a snapshot of the members as of a date: metrics from bars up to and including it', async () => {
    const { ctx } = getApp();
    universeId = await seedHandUniverse(ctx);
    const { snapshot, created } = await takeSnapshot(ctx, universeId, { asOf: D1 });
    expect(created).toBe(true);
    expect(snapshot).toMatchObject({ asOf: D1, memberCount: 5, benchmark: null });
    const rows = await snapshotRows(ctx.db.orm, snapshot.id);
    expect(
      rows.map((r) => r.symbol),
      'members only: BIG (cap) and ETFX (ETF) are left out',
    ).toEqual(['AAA', 'BBB', 'CCC', 'DDD', 'EEE']);
    const aaa = rows[0]!;
    expect(aaa).toMatchObject({ name: 'Alpha Inc', sector: 'Technology', marketCap: 5e8 });
    expect(aaa.metrics.price).toBe(110);
    expect(aaa.metrics.ret1w).toBeCloseTo(0.1, 12);
    expect(aaa.metrics.ret1m).toBeCloseTo(0.1, 12);
    expect(aaa.metrics.rs3m, 'no benchmark series: null, never 0').toBeNull();
    expect(rows.find((r) => r.symbol === 'CCC')!.metrics.name, 'names decoded (Gamma &amp; Sons)').toBeUndefined();
    expect(rows.find((r) => r.symbol === 'CCC')!.name).toBe('Gamma & Sons');
    expect(typeof aaa.metrics.score === 'number' || aaa.metrics.score === null).toBe(true);
  });

  it('keeps an existing snapshot of the date unless asked to replace it, all rows in one transaction', async () => {
    const { ctx } = getApp();
    const again = await takeSnapshot(ctx, universeId, { asOf: D1 });
    expect(again.created).toBe(false);
    const replaced = await takeSnapshot(ctx, universeId, { asOf: D1, replace: true });
    expect(replaced.created).toBe(true);
    expect(replaced.snapshot.id).not.toBe(again.snapshot.id);
    const headers = await ctx.db.orm
      .select()
      .from(universeSnapshots)
      .where(eq(universeSnapshots.universeId, universeId));
    expect(headers).toHaveLength(1);
    const orphans = await ctx.db.orm
      .select()
      .from(universeSnapshotRows)
      .where(eq(universeSnapshotRows.snapshotId, again.snapshot.id));
    expect(orphans, 'the replaced snapshot left no rows behind').toHaveLength(0);
  });

  it('defaults to the newest bar date of the members', async () => {
    const { ctx } = getApp();
    const { snapshot } = await takeSnapshot(ctx, universeId);
    expect(snapshot.asOf).toBe(D2);
    const ccc = (await snapshotRows(ctx.db.orm, snapshot.id)).find((r) => r.symbol === 'CCC')!;
    expect(ccc.metrics.ret1w).toBeCloseTo(0.2, 12);
  });

  it('diffs two snapshots under a screen: entered, left and the biggest movers in rank', async () => {
    const { ctx } = getApp();
    const user = await createFixtureUser(ctx, 'viewer');
    const diff = await diffSnapshots(ctx, user.user.id, {
      universeId,
      filter: 'ret1w > 0',
      sort: '-ret1w',
      movers: 10,
    });
    expect(diff).toMatchObject({ from: D1, to: D2, fromTotal: 3, toTotal: 3, sort: '-ret1w' });
    expect(diff.entered).toEqual([{ symbol: 'CCC', name: 'Gamma & Sons', sector: 'Health Care', rank: 2 }]);
    expect(diff.left).toEqual([{ symbol: 'AAA', name: 'Alpha Inc', sector: 'Technology', rank: 1 }]);
    expect(diff.movers).toEqual([
      { symbol: 'EEE', name: 'Epsilon plc', fromRank: 3, toRank: 1, change: 2 },
      { symbol: 'BBB', name: 'Beta Corp', fromRank: 2, toRank: 3, change: -1 },
    ]);
  });

  it('rebuilds past dates from stored bars, keeping the dates that exist, with progress', async () => {
    const { ctx } = getApp();
    const times = weekdays(HAND_BARS);
    const from = isoDate(times[280]!);
    const progress: number[] = [];
    const result = await rebuildSnapshots(ctx, universeId, { from, to: D2, every: 'day', replace: false }, (p) => {
      progress.push(p.done);
    });
    expect(result.dates).toHaveLength(20);
    expect(result).toMatchObject({ total: 20, built: 18, skipped: 2, done: 20 });
    expect(progress.at(-1)).toBe(20);
    expect(
      [...progress].sort((a, b) => a - b),
      'progress only rises',
    ).toEqual(progress);
    const dates = (await listSnapshots(ctx.db.orm, universeId)).map((s) => s.asOf);
    expect(dates).toHaveLength(20);
    // A rebuilt date has the same metrics as one taken on the day (bars up to and including it).
    const rebuilt = await listSnapshots(ctx.db.orm, universeId);
    const d290 = rebuilt.find((s) => s.asOf === D1)!;
    const aaa = (await snapshotRows(ctx.db.orm, d290.id)).find((r) => r.symbol === 'AAA')!;
    expect(aaa.metrics.ret1w).toBeCloseTo(0.1, 12);
    const again = await rebuildSnapshots(ctx, universeId, { from, to: D2, every: 'week', replace: false });
    expect(again.built, 'a second run builds nothing').toBe(0);
    expect(handBars('AAA')).toHaveLength(HAND_BARS);
  });
});

it('picks the last trading day of each week for weekly rebuilds', () => {
  const times = weekdays(12, Date.UTC(2024, 0, 3)); // Wed 3 Jan .. Thu 18 Jan
  expect(pickDates(times, 'week')).toEqual(['2024-01-05', '2024-01-12', '2024-01-18']);
  expect(pickDates(times, 'day')).toHaveLength(12);
});
