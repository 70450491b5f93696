// Builds apps/web when its sources are newer than the last build. Shared by `npm start` and the browser test.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const web = join(root, 'apps/web');
export const webDist = join(web, 'dist');
const builtIndex = join(webDist, 'index.html');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function webBuildIsStale() {
  const sources = [
    join(web, 'src'),
    join(web, 'index.html'),
    join(web, 'vite.config.ts'),
    join(web, 'vite-precompress.ts'),
    join(root, 'packages/contracts/src'),
  ];
  if (!existsSync(builtIndex)) return true;
  return Math.max(...sources.filter(existsSync).map(newestMtime)) > statSync(builtIndex).mtimeMs;
}

export function ensureWebBuild() {
  if (!webBuildIsStale()) return;
  console.log('Building the web app (first start or sources changed)...');
  const build = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`web build failed with exit code ${build.status}`);
}
