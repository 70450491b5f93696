import { resolve } from 'node:path';
import { envFiles } from './compose-rules';
import { environmentOf, envFileKeys, namedVolumes, type ComposeFile, type Json } from './compose-file';

// The scheduled backup of deploy/compose.prod.yaml: the backup image in a loop that keeps the RPO.

/** Plan 004: at most an hour of data lost. */
export const RPO_SECONDS = 3600;
/** Where deploy/docker/backup.Dockerfile installs the script (its ENTRYPOINT). */
export const IMAGE_SCRIPT = '/opt/marketlens/backup.sh';

/** The shell loop the service runs (`bash -c <loop>`), or null when it runs something else. */
export function backupLoop(service: Record<string, Json>): string | null {
  const entrypoint = JSON.stringify(service.entrypoint);
  const command = service.command;
  if (entrypoint !== '["bash","-c"]' || !Array.isArray(command) || command.length !== 1) return null;
  return typeof command[0] === 'string' ? command[0] : null;
}

export function backupServiceViolations(file: ComposeFile, envFileText: (path: string) => string): string[] {
  const service = file.model.services.backup;
  if (!service) return ['no backup service'];
  const problems: string[] = [];
  if (!/(^|\/)(marketlens\/backup|marketlens-backup):/.test(String(service.image))) {
    problems.push('backup does not run the marketlens backup image');
  }
  // Like the server: it holds the database URL and S3 keys, so nothing it runs may change its own files.
  if (service.read_only !== true) problems.push('backup has a writable root filesystem');
  const env = environmentOf(service);
  const fromFiles = envFiles(service).flatMap((p) => envFileKeys(envFileText(resolve(file.dir, p))));
  for (const name of ['DATABASE_URL', 'MARKETLENS_S3__BUCKET', 'MARKETLENS_S3__SECRET_ACCESS_KEY']) {
    if (!(name in env) && !fromFiles.includes(name)) problems.push(`backup does not get ${name}`);
  }
  const interval = Number(env.BACKUP_INTERVAL_SECONDS);
  if (!(interval > 0 && interval <= RPO_SECONDS)) {
    problems.push(`backup runs every ${env.BACKUP_INTERVAL_SECONDS ?? '?'} s, not at least every ${RPO_SECONDS} s`);
  }
  const loop = backupLoop(service);
  if (!loop?.includes(IMAGE_SCRIPT) || !/\bwhile true\b/.test(loop) || !/\bBACKUP_INTERVAL_SECONDS\b/.test(loop)) {
    problems.push(`backup does not loop over ${IMAGE_SCRIPT} every BACKUP_INTERVAL_SECONDS`);
  }
  const dir = env.BACKUP_DIR;
  const onVolume = (service.volumes as Json[] | undefined)?.some(
    (v) => typeof v === 'string' && v.split(':')[1] === dir && namedVolumes(service).includes(v.split(':')[0]!),
  );
  if (!dir || !onVolume) problems.push(`backup keeps BACKUP_DIR ${dir ?? '(unset)'} off a named volume`);
  return problems;
}
