// The CLI's compiled form: the TypeScript sources of the server, quant and contracts bundled into JavaScript
// (npm packages stay outside), so a `marketlens` process skips tsx's loader. Built on first use after any source
// change into a folder named by the sources' fingerprint, which is written once and never changed afterwards.
// The reasons, the alternatives and what it saves are in docs/decisions.md ("The CLI runs from a bundle").
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SERVER = join(ROOT, 'apps/server');
const ENTRY = join(SERVER, 'src/cli/main.ts');
const BUNDLES = join(SERVER, 'dist/cli');
/** Everything the bundle is made from: a change to any file under these folders makes a new bundle. */
const SOURCES = [join(SERVER, 'src'), join(ROOT, 'packages/quant/src'), join(ROOT, 'packages/contracts/src')];
const PACKAGE_FILES = [join(SERVER, 'package.json'), join(ROOT, 'package-lock.json')];

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) yield path;
  }
}

/** A hash of each file's path, size and modification time (a stat each, no reads), and of Node's version. */
export function fingerprintOf(files) {
  const hash = createHash('sha256');
  for (const file of files) {
    const stat = statSync(file);
    hash.update(`${relative(ROOT, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  hash.update(process.version);
  return hash.digest('hex').slice(0, 20);
}

/** The fingerprint of what the bundle is made from: the TypeScript sources but the tests, the packages, this file. */
export function sourceFingerprint() {
  return fingerprintOf([
    fileURLToPath(import.meta.url),
    ...PACKAGE_FILES,
    ...SOURCES.flatMap((d) => [...sourceFiles(d)]),
  ]);
}

/** The bundle's entry for the sources as they are now, or undefined when it has not been built. */
export function currentBundle(fingerprint) {
  const main = join(BUNDLES, fingerprint, 'main.js');
  return existsSync(main) ? main : undefined;
}

/**
 * Every `import.meta.url` in the sources becomes the URL of the source file it is written in, so paths found
 * from it (migrations, config, the web build, the compute worker, task modules) stay where they are.
 */
const keepSourceUrls = {
  name: 'keep-source-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const text = readFileSync(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/**
 * Builds the bundle for the current sources (if missing) and returns its entry. Written aside and renamed into
 * place, so a process never loads a half-written bundle; of two processes building at once, the second
 * keeps the first one's. Bundles of older sources are removed once they are a day old.
 */
export async function buildBundle(fingerprint) {
  const existing = currentBundle(fingerprint);
  if (existing) return existing;
  const { build } = await import('esbuild');
  mkdirSync(BUNDLES, { recursive: true });
  const staging = mkdtempSync(join(BUNDLES, `.staging-${fingerprint}-`));
  try {
    await build({
      entryPoints: { main: ENTRY },
      outdir: staging,
      bundle: true,
      // Each command's module is its own chunk, loaded only when that command runs (program.ts).
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node}`,
      packages: 'external',
      // The workspace packages are TypeScript sources: they go into the bundle, not through tsx.
      alias: {
        '@marketlens/quant': join(ROOT, 'packages/quant/src/index.ts'),
        '@marketlens/contracts': join(ROOT, 'packages/contracts/src/index.ts'),
      },
      sourcemap: 'linked',
      logLevel: 'silent',
      plugins: [keepSourceUrls],
    });
    renameSync(staging, join(BUNDLES, fingerprint));
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    if (!currentBundle(fingerprint)) throw err;
  }
  removeOldBundles(fingerprint);
  return join(BUNDLES, fingerprint, 'main.js');
}

/** Another process may remove the same folder at the same time: a folder already gone is not an error. */
function removeOldBundles(keep) {
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of readdirSync(BUNDLES)) {
    const path = join(BUNDLES, name);
    const modified = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
    if (name !== keep && modified !== undefined && modified < dayAgo) rmSync(path, { recursive: true, force: true });
  }
}
