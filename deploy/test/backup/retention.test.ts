import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requirePostgresClient, runScript, SKIP_REASON } from '../support/backup-postgres';
import { testDatabaseUrl } from '../support/scratch-postgres';

const DAY = 86_400_000;
/** marketlens-YYYYMMDDTHHMMSSZ.dump for a moment `daysAgo` days back. */
const nameFor = (daysAgo: number, prefix = 'marketlens') =>
  `${prefix}-${new Date(Date.now() - daysAgo * DAY)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')}.dump`;

describe.skipIf(!testDatabaseUrl)(`backup.sh retention${testDatabaseUrl ? '' : SKIP_REASON}`, () => {
  let dir = '';
  const old = { d1: nameFor(1), d2: nameFor(2), d10: nameFor(10), d40: nameFor(40) };
  const strangers = ['notes.txt', nameFor(400, 'other'), 'marketlens-latest.dump'];

  beforeAll(() => requirePostgresClient());
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A folder with four earlier backups (each with its checksum) and files retention must never touch. */
  function folder(): string {
    dir = mkdtempSync(join(tmpdir(), 'marketlens-retention-'));
    for (const name of Object.values(old)) {
      writeFileSync(join(dir, name), 'PGDMP');
      writeFileSync(join(dir, `${name}.sha256`), `0  ${name}\n`);
    }
    for (const name of strangers) writeFileSync(join(dir, name), 'x');
    return dir;
  }
  const backup = (args: string[]) =>
    runScript('backup.sh', ['--dir', folder(), ...args], { DATABASE_URL: testDatabaseUrl ?? '' });
  const dumps = () =>
    readdirSync(dir)
      .filter((f) => /^marketlens-\d{8}T\d{6}Z\.dump$/.test(f))
      .sort();
  const newest = () => dumps().at(-1);

  it('keeps the N newest (the new one included) and deletes older ones with their checksums', async () => {
    const run = await backup(['--keep', '3', '--max-age-days', '0']);
    expect(run.status, run.output).toBe(0);
    expect(dumps()).toEqual([old.d2, old.d1, newest()].sort());
    expect(readdirSync(dir)).not.toContain(`${old.d10}.sha256`);
    expect(run.output).toContain(`retention: deleting ${old.d10} (more than 3 backups)`);
  });

  it('deletes backups older than D days', async () => {
    const run = await backup(['--keep', '0', '--max-age-days', '5']);
    expect(run.status, run.output).toBe(0);
    expect(dumps()).toEqual([old.d2, old.d1, newest()].sort());
    expect(run.output).toContain(`retention: deleting ${old.d40} (older than 5 days)`);
  });

  it('applies both limits together, read from the environment', async () => {
    dir = folder();
    const run = await runScript('backup.sh', [], {
      DATABASE_URL: testDatabaseUrl ?? '',
      BACKUP_DIR: dir,
      BACKUP_KEEP: '2',
      BACKUP_MAX_AGE_DAYS: '30',
    });
    expect(run.status, run.output).toBe(0);
    expect(dumps()).toEqual([old.d1, newest()].sort());
  });

  it('deletes nothing with both limits off, never touches other files, and always keeps the new backup', async () => {
    const run = await backup(['--keep', '0', '--max-age-days', '0']);
    expect(run.status, run.output).toBe(0);
    expect(dumps()).toHaveLength(5);
    const one = await runScript('backup.sh', ['--dir', dir, '--keep', '1', '--max-age-days', '1'], {
      DATABASE_URL: testDatabaseUrl ?? '',
    });
    expect(one.status, one.output).toBe(0);
    expect(dumps()).toEqual([newest()]);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining([...strangers, `${newest()}.sha256`]));
  });

  it('rejects a limit that is not a whole number', async () => {
    const run = await backup(['--keep', 'many']);
    expect(run.status).toBe(2);
    expect(run.output).toContain("--keep must be a whole number, got 'many'");
  });
});
