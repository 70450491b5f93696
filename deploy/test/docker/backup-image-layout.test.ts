import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requirePostgresClient, SAMPLE_SCHEMA, SKIP_REASON } from '../support/backup-postgres';
import { readDockerfile } from '../support/docker-file';
import { materializeImage, type MaterializedImage } from '../support/docker-image-layout';
import { runToExit } from '../support/process';
import { query, scratchDatabase, testDatabaseUrl, type ScratchDatabase } from '../support/scratch-postgres';

// No Docker engine here: the backup image's files are laid out from its own COPY list (only what .dockerignore
// lets into the context), and its ENTRYPOINT, run as the CronJob and the compose service run it, must make a
// real backup that the image's restore.sh restores. A forgotten lib/ or a script that lost its exec bit fails
// here, not in the first hourly run.

describe.skipIf(!testDatabaseUrl)(`backup image file layout${testDatabaseUrl ? '' : SKIP_REASON}`, () => {
  const root = mkdtempSync(join(tmpdir(), 'marketlens-backup-image-'));
  const backups = join(root, 'backups');
  let image: MaterializedImage;
  let database: ScratchDatabase;
  let target: ScratchDatabase | undefined;

  beforeAll(async () => {
    requirePostgresClient();
    image = await materializeImage(readDockerfile('deploy/docker/backup.Dockerfile'), root);
    database = await scratchDatabase('backup_image');
    await query(database.url, SAMPLE_SCHEMA);
  });

  afterAll(async () => {
    await database?.drop();
    await target?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('holds exactly backup.sh, restore.sh and the lib/ they source, and dumps into /backups by default', () => {
    expect(readdirSync(image.appDir, { recursive: true }).map(String).sort()).toEqual([
      'backup.sh',
      'lib',
      'lib/common.sh',
      'restore.sh',
    ]);
    expect(image.env.BACKUP_DIR).toBe('/backups');
    expect(image.cmd, 'no default arguments: the schedulers add none either').toEqual([]);
  });

  it('runs its ENTRYPOINT to a complete, checksummed backup', async () => {
    const [command, ...args] = image.entrypoint;
    // The image's ENV with the backup folder moved to a temp folder, as the volume mount moves it in a container.
    const { code, output } = await runToExit(command!, [...args, '--no-upload'], {
      cwd: image.appDir,
      env: { PATH: process.env.PATH, ...image.env, BACKUP_DIR: backups, DATABASE_URL: database.url },
    });
    expect(code, output).toBe(0);
    const files = readdirSync(backups).sort();
    expect(files).toHaveLength(2);
    const [dump, sum] = files as [string, string];
    expect(dump).toMatch(/^marketlens-\d{8}T\d{6}Z\.dump$/);
    expect(sum).toBe(`${dump}.sha256`);
    const digest = createHash('sha256')
      .update(readFileSync(join(backups, dump)))
      .digest('hex');
    expect(readFileSync(join(backups, sum), 'utf8')).toBe(`${digest}  ${dump}\n`);
  });

  it("restores that backup with the image's restore.sh (how a restore from the backups volume runs)", async () => {
    target = await scratchDatabase('backup_image_restore');
    const [dump] = readdirSync(backups).filter((f) => f.endsWith('.dump'));
    const { code, output } = await runToExit(join(image.appDir, 'restore.sh'), [join(backups, dump!)], {
      cwd: image.appDir,
      env: { PATH: process.env.PATH, ...image.env, RESTORE_DATABASE_URL: target.url },
    });
    expect(code, output).toBe(0);
    const count = async (url: string) => (await query<{ n: string }>(url, 'select count(*) as n from bars'))[0]?.n;
    expect(await count(target.url)).toBe(await count(database.url));
  });
});
