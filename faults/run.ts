import { importKill } from './scenarios/import-kill';
import { postgresRestart } from './scenarios/postgres-restart';
import { redisOutage } from './scenarios/redis-outage';
import { replicas } from './scenarios/replicas';
import { soak } from './scenarios/soak';
import { workerKill } from './scenarios/worker-kill';
import { formatFigures, type ScenarioResult } from './support/figures';
import { startPostgresServer } from './support/postgres-server';
import { startRedisServer } from './support/redis-server';
import type { SuiteContext } from './support/suite-context';

// `npm run faults [scenario ...]`: each scenario starts real MarketLens processes on the suite's own
// PostgreSQL and Redis (loopback only, bounded in time), breaks something, and prints one line of figures.
// The run fails when any figure breaks its guarantee (docs/reliability.md lists them with their tests).

const SCENARIOS: Record<string, (suite: SuiteContext) => Promise<ScenarioResult>> = {
  'redis-outage': redisOutage,
  'postgres-restart': postgresRestart,
  'import-kill': importKill,
  'worker-kill': workerKill,
  replicas,
  soak,
};

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !(w in SCENARIOS));
  if (unknown.length > 0) {
    process.stderr.write(`unknown scenario ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}\n`);
    return 64;
  }
  const names = wanted.length > 0 ? wanted : Object.keys(SCENARIOS);
  const postgres = await startPostgresServer();
  const redis = await startRedisServer();
  const suite: SuiteContext = { postgres, redis, log: (line) => process.stderr.write(`${line}\n`) };
  let failed = 0;
  try {
    for (const name of names) {
      const started = Date.now();
      let result: ScenarioResult;
      try {
        result = await SCENARIOS[name]!(suite);
      } catch (err) {
        result = {
          name,
          figures: {},
          broken: [`did not complete: ${err instanceof Error ? err.message : String(err)}`],
        };
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const verdict = result.broken.length === 0 ? 'PASS' : 'FAIL';
      process.stdout.write(`${verdict} ${result.name} (${seconds} s) ${formatFigures(result.figures)}\n`);
      for (const b of result.broken) process.stdout.write(`  broken: ${b}\n`);
      if (result.broken.length > 0) failed++;
    }
  } finally {
    await redis.stop();
    await postgres.stop();
  }
  process.stdout.write(`${names.length - failed}/${names.length} scenarios kept their guarantees\n`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
