// `npm start`: builds the web app when its sources changed, then runs the platform in embedded mode
// (API + web + jobs in one process, PGlite data in ./.marketlens/).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureWebBuild } from './web-build.mjs';

const root = new URL('..', import.meta.url).pathname;
try {
  ensureWebBuild();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}

const child = spawn(
  process.execPath,
  [join(root, 'apps/server/bin/marketlens.mjs'), 'serve', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
