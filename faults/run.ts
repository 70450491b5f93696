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

/**
 * With FAULTS_SOAK_ALONGSIDE=1 (CI) the soak runs on a PostgreSQL and a Redis of its own while the other
 * scenarios run one after another on the suite's: its guarantee (RSS growth) is the soak API's own and no
 * other scenario stops its servers, so the run takes the longest of the two instead of their sum. Its p99
 * figures then include the other scenarios' load. By hand the soak runs alone, after the others.
 */
const soakAlongside = (names: string[]) =>
  process.env.FAULTS_SOAK_ALONGSIDE === '1' && names.includes('soak') && names.length > 1;

async function runScenario(name: string, suite: SuiteContext): Promise<ScenarioResult & { seconds: string }> {
  const started = Date.now();
  let result: ScenarioResult;
  try {
    result = await SCENARIOS[name]!(suite);
  } catch (err) {
    result = { name, figures: {}, broken: [`did not complete: ${err instanceof Error ? err.message : String(err)}`] };
  }
  return { ...result, seconds: ((Date.now() - started) / 1000).toFixed(0) };
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !(w in SCENARIOS));
  if (unknown.length > 0) {
    process.stderr.write(`unknown scenario ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}\n`);
    return 64;
  }
  const names = wanted.length > 0 ? wanted : Object.keys(SCENARIOS);
  const alongside = soakAlongside(names);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // Every server started is stopped at the end, also when a later one fails to start.
  const started: { stop(): Promise<void> }[] = [];
  const start = async <T extends { stop(): Promise<void> }>(starting: Promise<T>): Promise<T> => {
    const server = await starting;
    started.push(server);
    return server;
  };
  let failed = 0;
  const report = (result: ScenarioResult & { seconds: string }) => {
    const verdict = result.broken.length === 0 ? 'PASS' : 'FAIL';
    process.stdout.write(`${verdict} ${result.name} (${result.seconds} s) ${formatFigures(result.figures)}\n`);
    for (const b of result.broken) process.stdout.write(`  broken: ${b}\n`);
    if (result.broken.length > 0) failed++;
  };
  try {
    const suite: SuiteContext = {
      postgres: await start(startPostgresServer()),
      redis: await start(startRedisServer()),
      log,
    };
    const soakRun = alongside
      ? runScenario('soak', {
          postgres: await start(startPostgresServer()),
          redis: await start(startRedisServer()),
          log,
        }).then((result) => ({
          ...result,
          figures: { ...result.figures, besideOtherScenarios: 'yes' },
        }))
      : undefined;
    for (const name of names) {
      if (soakRun && name === 'soak') continue;
      report(await runScenario(name, suite));
    }
    if (soakRun) report(await soakRun);
  } finally {
    for (const server of started) await server.stop();
  }
  process.stdout.write(`${names.length - failed}/${names.length} scenarios kept their guarantees\n`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
