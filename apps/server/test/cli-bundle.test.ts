import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildBundle, currentBundle, fingerprintOf, sourceFingerprint } from '../bin/cli-bundle.mjs';
import { VERSION } from '../src/version';

const BIN = fileURLToPath(new URL('../bin/marketlens.mjs', import.meta.url));

/** The real `marketlens` binary; MARKETLENS_CLI_BUNDLE=0 makes it run the sources through tsx. */
function marketlens(args: string[], bundle: boolean) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, MARKETLENS_CLI_BUNDLE: bundle ? '1' : '0' },
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the CLI bundle (bin/cli-bundle.mjs)', { timeout: 120_000 }, () => {
  it('is built for the current sources, and the binary answers from it as it does through tsx', () => {
    const bundled = marketlens(['import', '--help'], true);
    expect(currentBundle(sourceFingerprint()), 'the run built (or found) the bundle').toBeDefined();
    const throughTsx = marketlens(['import', '--help'], false);
    expect(bundled.code).toBe(0);
    expect(bundled.stdout).toMatch(/Usage: marketlens import/);
    expect(bundled.stdout).toBe(throughTsx.stdout);
    // version.ts reads ../package.json from import.meta.url: the bundle must find it beside the sources.
    expect(marketlens(['--version'], true).stdout.trim()).toBe(VERSION);
  });

  it('keeps import.meta.url pointing at each source file, so paths found from it do not move', async () => {
    const entry = await buildBundle(sourceFingerprint());
    const folder = dirname(entry);
    const code = readdirSync(folder)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(join(folder, file), 'utf8'));
    expect(
      code.some((text) => text.includes('import.meta.url')),
      'no import.meta.url left in the bundle',
    ).toBe(false);
    const migrateFrom = new URL('../src/db/migrate.ts', import.meta.url).href;
    expect(code.some((text) => text.includes(JSON.stringify(migrateFrom)))).toBe(true);
  });

  it('names a bundle by its sources: a changed size or modification time gives another name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-bundle-'));
    const files = ['a.ts', 'b.ts'].map((name) => join(dir, name));
    for (const file of files) {
      writeFileSync(file, 'export const x = 1;\n');
      utimesSync(file, 1_700_000_000, 1_700_000_000);
    }
    const before = fingerprintOf(files);
    expect(fingerprintOf(files), 'the same files, the same name').toBe(before);

    utimesSync(files[1]!, 1_700_000_001, 1_700_000_001);
    const touched = fingerprintOf(files);
    expect(touched).not.toBe(before);

    writeFileSync(files[0]!, 'export const x = 12;\n');
    utimesSync(files[0]!, 1_700_000_000, 1_700_000_000);
    expect(fingerprintOf(files)).not.toBe(touched);
    expect(fingerprintOf([files[0]!]), 'a file fewer').not.toBe(fingerprintOf(files));
  });
});
