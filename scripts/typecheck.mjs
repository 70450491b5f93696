// `npm run typecheck`: `tsc --noEmit` for every TypeScript project, as many at a time as there are cores (tsc
// uses one; one after another they took 44 s here, two at a time 36-39 s). Each failing project's errors are
// printed whole, under its name, and any failure fails the run.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));

/** The projects, slowest first, so the longest one starts at once. */
export const PROJECTS = [
  'apps/server',
  'apps/web',
  'bench',
  'packages/quant',
  'deploy',
  'faults',
  'e2e',
  'packages/contracts',
];

function check(project) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', project], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ project, code, output }));
  });
}

async function main() {
  const queue = [...PROJECTS];
  const failed = [];
  const worker = async () => {
    for (let project = queue.shift(); project !== undefined; project = queue.shift()) {
      const result = await check(project);
      if (result.code !== 0) {
        failed.push(project);
        process.stdout.write(`\ntypecheck: ${project} failed (tsc exit ${result.code}):\n${result.output}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), PROJECTS.length) }, worker));
  if (failed.length > 0) {
    process.stdout.write(`typecheck: ${failed.length} of ${PROJECTS.length} projects failed: ${failed.join(', ')}\n`);
    return 1;
  }
  process.stdout.write(`typecheck: ${PROJECTS.length} projects passed\n`);
  return 0;
}

// Run as a script; imported (by its test), it only exports PROJECTS.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main();
