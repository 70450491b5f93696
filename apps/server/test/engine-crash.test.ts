import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StrategyRunner } from '@marketlens/quant';
import { outbox, signals, strategyDeployments } from '../src/db/schema';
import { createDeployment } from '../src/modules/signals/deployments.service';
import { createStrategy } from '../src/modules/signals/strategies.service';
import { createFixtureUser } from './auth-fixtures';
import { importRegimeBars, regimeBars } from './regime-fixtures';
import { createTestApp, type TestApp } from './test-app';
import { TEST_JWT_SECRET } from './test-app';

// The live engine as its own process (`serve --role engine`) on PostgreSQL and Redis, killed with SIGKILL again
// and again while bars keep arriving. Every pass commits signals, outbox rows and state together, so after the
// last restart the signals must be exactly those a backtest finds on the same bars: none lost, none twice.

const BIN = fileURLToPath(new URL('../bin/marketlens.mjs', import.meta.url));
const distributed = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL);
const STRATEGY = {
  name: 'crash-test',
  timeframe: '1d',
  side: 'long',
  entry: 'crosses_above(ema(close, 3), sma(close, 8))',
  exit: 'crosses_below(ema(close, 3), sma(close, 8))',
  fees: { rate: 0.001 },
};
const KILLS = 8;
const bars = regimeBars(1400, 5);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!distributed)('live engine killed with SIGKILL (PostgreSQL + Redis)', () => {
  let t: TestApp;
  let databaseUrl: string;
  const children: ChildProcess[] = [];

  const startEngine = () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--role', 'engine'], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        REDIS_URL: process.env.TEST_REDIS_URL,
        PORT: '0',
        MARKETLENS_AUTH__JWT_SECRET: TEST_JWT_SECRET,
        MARKETLENS_REDIS__KEY_PREFIX: `mlcrash${process.pid}`,
        MARKETLENS_LOG__LEVEL: 'warn',
        MARKETLENS_DEMO__ENABLED: 'false',
        MARKETLENS_SIGNALS__ENGINE__POLL_MS: '20',
        // Small passes: many commits, so the kills land between and inside them.
        MARKETLENS_SIGNALS__ENGINE__MAX_BARS_PER_PASS: '15',
      },
      stdio: 'ignore',
    });
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    t = await createTestApp({ database: 'postgres', redis: true });
    databaseUrl = t.ctx.config.database.url;
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await t?.close();
  });

  it(`loses and repeats no signal across ${KILLS} kills`, async () => {
    const { ctx } = t;
    const admin = await createFixtureUser(ctx, 'admin');
    await importRegimeBars(ctx, 'CRASH', bars.slice(0, 200), 'crypto');
    const strategy = await createStrategy(ctx, STRATEGY, admin.user.id);
    const deployment = await createDeployment(ctx, { strategyId: strategy.id, symbol: 'CRASH' }, admin.user.id);

    let next = 200;
    /** Kills that found the engine with bars still to process (the ones that test recovery). */
    let killedMidWork = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const engine = startEngine();
      const chunk = Math.min(bars.length, next + 150);
      await importRegimeBars(ctx, 'CRASH', bars.slice(next, chunk), 'crypto');
      next = chunk;
      // Let it start and get some passes in, then kill it at a varying moment.
      await sleep(1200 + ((kill * 397) % 900));
      engine.kill('SIGKILL');
      await new Promise((resolve) => engine.once('exit', resolve));
      const [row] = await ctx.db.orm
        .select({ lastBarTs: strategyDeployments.lastBarTs })
        .from(strategyDeployments)
        .where(eq(strategyDeployments.id, deployment.id));
      if ((row?.lastBarTs?.getTime() ?? 0) < bars[next - 1]!.ts) killedMidWork += 1;
    }
    await importRegimeBars(ctx, 'CRASH', bars.slice(next), 'crypto');
    const last = new Date(bars[bars.length - 1]!.ts).getTime();
    const finalEngine = startEngine();
    const deadline = Date.now() + 90_000;
    for (;;) {
      const [row] = await ctx.db.orm
        .select({ lastBarTs: strategyDeployments.lastBarTs })
        .from(strategyDeployments)
        .where(eq(strategyDeployments.id, deployment.id));
      if (row?.lastBarTs?.getTime() === last) break;
      if (Date.now() > deadline)
        throw new Error(`the engine did not reach the last bar (at ${row?.lastBarTs?.toISOString()})`);
      await sleep(200);
    }
    finalEngine.kill('SIGKILL');

    const runner = new StrategyRunner(STRATEGY as never);
    bars.slice(0, 200).forEach((b) => runner.step(b));
    runner.startFlat();
    const expected: string[] = [];
    for (const b of bars.slice(200)) {
      const ev = runner.step(b);
      if (ev.signal) expected.push(`${new Date(b.ts).toISOString()} ${ev.signal.action}`);
    }
    const rows = await ctx.db.orm
      .select({ barTs: signals.barTs, action: signals.action })
      .from(signals)
      .where(eq(signals.deploymentId, deployment.id))
      .orderBy(signals.barTs);
    const stored = rows.map((r) => `${r.barTs.toISOString()} ${r.action}`);
    expect(expected.length, 'the series must produce signals').toBeGreaterThan(40);
    expect(stored, 'exactly the backtest signals: none lost, none twice').toEqual(expected);
    const [notifications] = await ctx.db.orm.select({ n: count() }).from(outbox);
    expect(notifications?.n, 'one notification per signal').toBe(expected.length);
    expect(killedMidWork, 'some kills must land while the engine has work').toBeGreaterThan(0);
    console.log(
      `engine crash test: ${KILLS} SIGKILLs (${killedMidWork} with bars still to process), ${expected.length} signals, 0 lost, 0 duplicated`,
    );
  }, 240_000);
});
