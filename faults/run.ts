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
 * With FAULTS_PARALLEL=1 (CI) the scenarios run in these lanes at once, each lane on a PostgreSQL and a Redis of
 * its own, one scenario after another within a lane. No scenario touches another lane's servers, so the suite
 * takes about as long as its longer lane; each line then says `besideOtherScenarios=yes`, and its latencies
 * include the other lane's load. The soak runs first, beside the same scenarios as when it had a lane to itself
 * (redis-outage, import-kill, then worker-kill), and the two short ones follow it in its lane, so both lanes
 * take about as long: 4 min 25 s at CI size here against 5 min 11 s with the soak alone in its lane. Three lanes
 * (worker-kill alone too) took 3 min 20 s, but under that load the 3-minute soak's RSS grew 11% in one CI run of
 * four, its request rate rising as the other lanes finished. By hand the scenarios run one after another.
 */
const LANES: readonly (readonly string[])[] = [
  ['soak', 'postgres-restart', 'replicas'],
  ['redis-outage', 'import-kill', 'worker-kill'],
];

/** A scenario left out of LANES would never run in CI: every run refuses to start until it has a lane. */
const laneless = Object.keys(SCENARIOS).filter((name) => !LANES.some((lane) => lane.includes(name)));
if (laneless.length > 0) throw new Error(`faults/run.ts: scenario ${laneless.join(', ')} is in no lane of LANES`);

/** The lanes to run: the fixed ones (FAULTS_PARALLEL=1) holding the wanted scenarios, else one lane of them all. */
function lanesFor(names: string[]): string[][] {
  if (process.env.FAULTS_PARALLEL !== '1') return [names];
  return LANES.map((lane) => lane.filter((name) => names.includes(name))).filter((lane) => lane.length > 0);
}

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
  const lanes = lanesFor(names);
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
  const runLane = async (lane: string[]) => {
    const suite: SuiteContext = {
      postgres: await start(startPostgresServer()),
      redis: await start(startRedisServer()),
      log,
    };
    for (const name of lane) {
      const result = await runScenario(name, suite);
      report(lanes.length > 1 ? { ...result, figures: { ...result.figures, besideOtherScenarios: 'yes' } } : result);
    }
  };
  try {
    // allSettled: a lane whose servers fail to start must not leave the others running past the cleanup.
    const outcomes = await Promise.allSettled(lanes.map(runLane));
    for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
  } finally {
    for (const server of started) await server.stop();
  }
  process.stdout.write(`${names.length - failed}/${names.length} scenarios kept their guarantees\n`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
