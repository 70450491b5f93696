// CLI start-up: the `marketlens` binary running its bundle (apps/server/bin/cli-bundle.mjs) next to the same
// binary running the sources through tsx (MARKETLENS_CLI_BUNDLE=0, what it did before), and `node -e 0` as the
// floor, in the same run. Three commands: `--version` (start-up alone), `import --help` (one command's
// modules) and an import of a 3-row CSV into an existing embedded database (the platform and PGlite opened).
// Each case runs RUNS times, bundle and tsx alternating so both see the same machine; medians of wall time
// and of CPU time (user + system of the child process).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migratedDataDir } from '../apps/server/test/run-cli';

const BIN = fileURLToPath(new URL('../apps/server/bin/marketlens.mjs', import.meta.url));
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 7);

interface Sample {
  wallMs: number;
  cpuMs: number;
}

/**
 * Runs `node args` in a bash child and returns its wall time and its CPU time (user + system), read from
 * bash's `times`, whose second line is what the shell's children used (Node cannot read a child's rusage).
 */
function timed(args: string[], env: Record<string, string>): Sample {
  const command = [process.execPath, ...args].map((a) => `'${a}'`).join(' ');
  const script = `start=$(date +%s%N); ${command} >/dev/null || exit 1; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); times`;
  const run = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${run.stderr}`);
  const [wallLine, , childLine] = run.stdout.trim().split('\n');
  return { wallMs: Number(wallLine), cpuMs: childCpuMs(childLine ?? '') };
}

/** bash's `times` second line: the children's user and system time, e.g. "0m1.210s 0m0.310s". */
function childCpuMs(line: string): number {
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60_000 + Number(m[2]) * 1000);
  if (parts.length !== 2) throw new Error(`cannot read the children's times from "${line}"`);
  return parts[0]! + parts[1]!;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

export async function runCliStartupBenchmark(): Promise<void> {
  console.log(`\n## CLI start-up (bench/cli-startup.bench.ts), median of ${RUNS} runs each`);
  const csv = join(mkdtempSync(join(tmpdir(), 'ml-bench-cli-')), 'three.csv');
  writeFileSync(csv, 'Date,Close\n2024-01-02,1\n2024-01-03,2\n2024-01-04,3\n');
  const embedded = { DATABASE_URL: '', REDIS_URL: '', MARKETLENS_LOG__LEVEL: 'warn' };
  const cases: { name: string; args: () => string[]; env: () => Record<string, string> }[] = [
    { name: '--version', args: () => [BIN, '--version'], env: () => ({}) },
    { name: 'import --help', args: () => [BIN, 'import', '--help'], env: () => ({}) },
    {
      name: 'import 3 rows (existing database)',
      args: () => [BIN, 'import', csv, '--symbol', 'BENCH'],
      env: () => ({ ...embedded, MARKETLENS_DATABASE__DATA_DIR: migratedDataDir('ml-bench-cli-') }),
    },
  ];
  // The first run builds the bundle when the sources changed; it is not part of the figures.
  timed([BIN, '--version'], { MARKETLENS_CLI_BUNDLE: '1' });
  const floor: Sample[] = [];
  for (let i = 0; i < RUNS; i++) floor.push(timed(['-e', '0'], {}));
  console.log(`node -e 0 (floor): ${median(floor.map((s) => s.wallMs))} ms wall`);
  console.log('| command | bundle wall | tsx wall | tsx / bundle | bundle CPU | tsx CPU | tsx / bundle |');
  console.log('|---|---|---|---|---|---|---|');
  for (const c of cases) {
    const bundle: Sample[] = [];
    const tsx: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      bundle.push(timed(c.args(), { ...c.env(), MARKETLENS_CLI_BUNDLE: '1' }));
      tsx.push(timed(c.args(), { ...c.env(), MARKETLENS_CLI_BUNDLE: '0' }));
    }
    const [bw, tw] = [median(bundle.map((s) => s.wallMs)), median(tsx.map((s) => s.wallMs))];
    const [bc, tc] = [median(bundle.map((s) => s.cpuMs)), median(tsx.map((s) => s.cpuMs))];
    console.log(
      `| ${c.name} | ${bw} ms | ${tw} ms | ${(tw / bw).toFixed(2)}x | ${bc} ms | ${tc} ms | ${(tc / bc).toFixed(2)}x |`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runCliStartupBenchmark();
