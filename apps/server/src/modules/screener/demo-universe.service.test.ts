import { expect, it } from 'vitest';
import { createFixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { listInstrumentSummaries } from '../instruments/instruments.service';
import { diffSnapshots } from './diffs.service';
import { DEMO_UNIVERSE_NAME, generateDemoUniverse } from './demo-universe';
import { loadDemoUniverse } from './demo-universe.service';
import { runScreenQuery } from './screens.service';
import { getUniverseDetail } from './universes.service';

// The demo universe a fresh `npm start` seeds: labelled synthetic everywhere, the same on every install, and
// screens, snapshots and diffs work on it offline.

it('generates the same labelled universe for a seed', () => {
  const a = generateDemoUniverse(42);
  const b = generateDemoUniverse(42);
  expect(a.companies.map((c) => [c.symbol, c.marketCap, c.bars.at(-1)!.close])).toEqual(
    b.companies.map((c) => [c.symbol, c.marketCap, c.bars.at(-1)!.close]),
  );
  expect(a.companies.length).toBeGreaterThanOrEqual(200);
  expect(a.companies.every((c) => c.name!.startsWith('Synthetic') && c.name!.endsWith('(demo data)'))).toBe(true);
  expect(new Set(a.companies.map((c) => c.sector)).size).toBeGreaterThan(5);
});

describeEachApp('demo universe', (getApp) => {
  it('seeds instruments, the universe and its first snapshots quickly, and again changes nothing', async () => {
    const { ctx } = getApp();
    const started = performance.now();
    const result = await loadDemoUniverse(ctx);
    const seconds = (performance.now() - started) / 1000;
    console.log(`demo universe on ${ctx.db.kind}: ${seconds.toFixed(1)} s, ${result.barsInserted} bars`);
    expect(result).toMatchObject({ name: DEMO_UNIVERSE_NAME, companies: 240, snapshots: 8, barsInserted: 241 * 300 });
    expect(result.members).toBeGreaterThan(120);
    const synthetic = (await listInstrumentSummaries(ctx)).filter((i) => i.symbol.startsWith('SYN'));
    expect(synthetic.length).toBe(241);
    expect(synthetic.every((i) => i.synthetic && i.source === 'synthetic')).toBe(true);

    const detail = await getUniverseDetail(ctx, result.universeId);
    expect(detail.synthetic).toBe(true);
    expect(detail.rejectedRows.length, 'some companies fall outside the default rules, with reasons').toBeGreaterThan(
      10,
    );
    expect(detail.rejectedRows.every((r) => r.reason !== null)).toBe(true);

    const screen = await runScreenQuery(ctx, {
      universeId: result.universeId,
      filter: 'ret3m > 0',
      sort: '-ret3m',
      offset: 0,
      limit: 10,
      view: 'performance',
    });
    expect(screen.asOf).toBe(result.asOf);
    expect(screen.total).toBeGreaterThan(0);
    const user = await createFixtureUser(ctx, 'viewer');
    const diff = await diffSnapshots(ctx, user.user.id, { universeId: result.universeId, movers: 5 });
    expect(diff.to).toBe(result.asOf);

    const again = await loadDemoUniverse(ctx);
    expect(again).toMatchObject({ barsInserted: 0, snapshots: 0, universeId: result.universeId });
  });
});
