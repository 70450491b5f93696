import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requirePostgresClient, runScript, SKIP_REASON } from '../support/backup-postgres';
import { testDatabaseUrl } from '../support/scratch-postgres';
import { S3_CREDENTIALS, startVerifyingS3, type VerifyingS3 } from '../support/backup-s3';

const BUCKET = 'marketlens-backups';

describe.skipIf(!testDatabaseUrl)(
  `backup.sh upload to S3-compatible storage${testDatabaseUrl ? '' : SKIP_REASON}`,
  () => {
    let s3: VerifyingS3;
    let dir = '';
    beforeAll(async () => {
      requirePostgresClient();
      s3 = await startVerifyingS3(BUCKET);
    });
    afterAll(() => s3?.close());
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** The .env.example variables the server reads for its artifact store, pointed at the test store. */
    const s3Env = (overrides: Record<string, string> = {}) => ({
      DATABASE_URL: testDatabaseUrl ?? '',
      MARKETLENS_S3__ENDPOINT: s3.endpoint,
      MARKETLENS_S3__BUCKET: BUCKET,
      MARKETLENS_S3__REGION: S3_CREDENTIALS.region,
      MARKETLENS_S3__PREFIX: 'staging/',
      MARKETLENS_S3__ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
      MARKETLENS_S3__SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
      MARKETLENS_S3__FORCE_PATH_STYLE: 'true',
      ...overrides,
    });
    const backup = (env: Record<string, string>) => {
      dir = mkdtempSync(join(tmpdir(), 'marketlens-upload-'));
      return runScript('backup.sh', ['--dir', dir], env);
    };

    it('uploads the dump and its checksum, correctly signed, and the objects arrive byte for byte', async () => {
      const before = s3.seen.length;
      const run = await backup(s3Env());
      expect(run.status, run.output).toBe(0);
      const name = readdirSync(dir).find((f) => f.endsWith('.dump')) ?? '';
      const requests = s3.seen.slice(before);
      expect(requests.map((r) => `${r.method} ${r.path} ${r.problem || 'signature ok'}`)).toEqual([
        `PUT /${BUCKET}/staging/backups/${name} signature ok`,
        `PUT /${BUCKET}/staging/backups/${name}.sha256 signature ok`,
      ]);
      // Buffer.compare, not toEqual: the dump is of the shared test database, and toEqual walks a buffer index by
      // index as object keys (a few hundred MB of leftover test data once took the runner past its heap limit).
      const stored = (await s3.object(BUCKET, `staging/backups/${name}`)) ?? Buffer.alloc(0);
      const local = readFileSync(join(dir, name));
      expect([stored.length, Buffer.compare(stored, local)], 'size, then byte for byte').toEqual([local.length, 0]);
      expect((await s3.object(BUCKET, `staging/backups/${name}.sha256`))?.toString()).toBe(
        readFileSync(join(dir, `${name}.sha256`), 'utf8'),
      );
      expect(run.output).toContain(`uploaded s3://${BUCKET}/staging/backups/${name}`);
    });

    it('fails with exit 6 when the store refuses, keeps the local backup, and never prints the secret key', async () => {
      const secret = 'wrong-secret-key-0f9e8d';
      const run = await backup(s3Env({ MARKETLENS_S3__SECRET_ACCESS_KEY: secret }));
      expect(run.status).toBe(6);
      expect(run.output).toContain('failed; ');
      expect(run.output).not.toContain(secret);
      expect(readdirSync(dir).filter((f) => f.endsWith('.dump'))).toHaveLength(1);
      expect(s3.seen.at(-1)?.problem, 'the store saw a wrongly signed request').toBe('signature does not match');
    });

    it('does not upload without credentials or with --no-upload', async () => {
      const before = s3.seen.length;
      expect((await backup(s3Env({ MARKETLENS_S3__SECRET_ACCESS_KEY: '' }))).status).toBe(0);
      rmSync(dir, { recursive: true, force: true });
      expect(
        (
          await runScript(
            'backup.sh',
            ['--dir', (dir = mkdtempSync(join(tmpdir(), 'marketlens-upload-'))), '--no-upload'],
            s3Env(),
          )
        ).status,
      ).toBe(0);
      expect(s3.seen.length).toBe(before);
    });
  },
);
