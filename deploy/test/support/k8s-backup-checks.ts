import type { ICronJobSpec, IJobSpec } from 'kubernetes-models/batch/v1';
import type { IContainer, IPodSpec } from 'kubernetes-models/v1';
import { SECRET_NAME, secretTemplateKeys, serverConfig } from './k8s-env-checks';
import { containersOf, isBackupImage, ofKind, podLabelsOf, podSpecOf, ref, type K8sObject } from './k8s-objects';
import { isSecretEnvVar } from './repo';

export const BACKUP_CRONJOB = 'marketlens-backup';
export const BACKUP_CLAIM = 'marketlens-backups';
/** The recovery point objective of plan 004: no more than this many seconds of data lost. */
export const RPO_SECONDS = 3600;

/** Seconds between runs of a standard five-field cron schedule, when it is a fixed interval we recognise. */
export function scheduleIntervalSeconds(schedule: string): number | null {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const [minute = '', hour = '', ...rest] = fields;
  if (rest.some((f) => f !== '*')) return null;
  const step = (field: string, size: number): number | null => {
    if (/^\d+$/.test(field)) return size;
    const every = /^(?:\*|\d+(?:-\d+)?)\/(\d+)$/.exec(field);
    return every && size % Number(every[1]) === 0 ? Number(every[1]) : null;
  };
  if (hour === '*') {
    const minutes = minute === '*' ? 1 : step(minute, 60);
    return minutes === null ? null : minutes * 60;
  }
  const hours = /^\d+$/.test(minute) ? step(hour, 24) : null;
  return hours === null ? null : hours * 3600;
}

function envProblems(objects: K8sObject[], c: IContainer, where: string): string[] {
  const problems: string[] = [];
  const env = new Map((c.env ?? []).map((e) => [e.name, e]));
  const config = serverConfig(objects);
  const secretKeys = secretTemplateKeys();
  for (const e of c.env ?? []) {
    if (isSecretEnvVar(e.name) && e.value !== undefined) problems.push(`${where}: secret ${e.name} is a plain value`);
    const fromSecret = e.valueFrom?.secretKeyRef;
    if (fromSecret && (fromSecret.name !== SECRET_NAME || !secretKeys.includes(fromSecret.key))) {
      problems.push(`${where}: ${e.name} reads ${fromSecret.name}/${fromSecret.key}, not a key of ${SECRET_NAME}`);
    }
    const fromConfig = e.valueFrom?.configMapKeyRef;
    const configName = ofKind(objects, 'ConfigMap').find((o) => o.metadata.name.startsWith('marketlens-config'));
    if (fromConfig && (fromConfig.name !== configName?.metadata.name || !(fromConfig.key in config))) {
      problems.push(`${where}: ${e.name} reads ${fromConfig.name}/${fromConfig.key}, not a key of marketlens-config`);
    }
  }
  for (const name of ['DATABASE_URL', 'MARKETLENS_S3__ACCESS_KEY_ID', 'MARKETLENS_S3__SECRET_ACCESS_KEY']) {
    if (!env.get(name)?.valueFrom?.secretKeyRef) problems.push(`${where}: ${name} does not come from ${SECRET_NAME}`);
  }
  for (const name of ['MARKETLENS_S3__BUCKET', 'MARKETLENS_S3__ENDPOINT', 'MARKETLENS_S3__REGION']) {
    if (!env.has(name)) problems.push(`${where}: not given ${name}, so uploads would go elsewhere`);
  }
  return problems;
}

/** BACKUP_DIR is a mount of the PersistentVolumeClaim, and that claim is part of the build. */
function storageProblems(objects: K8sObject[], pod: IPodSpec, c: IContainer, where: string): string[] {
  const dir = c.env?.find((e) => e.name === 'BACKUP_DIR')?.value;
  if (!dir) return [`${where}: BACKUP_DIR is not set`];
  const mount = c.volumeMounts?.find((m) => m.mountPath === dir);
  const claim = pod.volumes?.find((v) => v.name === mount?.name)?.persistentVolumeClaim?.claimName;
  if (claim !== BACKUP_CLAIM)
    return [`${where}: BACKUP_DIR ${dir} is not on the PersistentVolumeClaim ${BACKUP_CLAIM}`];
  if (!ofKind(objects, 'PersistentVolumeClaim').some((o) => o.metadata.name === BACKUP_CLAIM)) {
    return [`PersistentVolumeClaim ${BACKUP_CLAIM} is not in the build`];
  }
  return [];
}

/**
 * The backup CronJob: the backup image at least once per RPO, never two at once, each run bounded to less than
 * the interval, kept history, labelled as the backup component, its database URL and S3 keys from the Secret,
 * its other settings from keys that exist, and its dumps on the backups PersistentVolumeClaim.
 */
export function backupCronJobProblems(objects: K8sObject[]): string[] {
  const cronJobs = ofKind(objects, 'CronJob').filter((o) => o.metadata.name === BACKUP_CRONJOB);
  if (cronJobs.length !== 1) return [`expected exactly one CronJob ${BACKUP_CRONJOB}, found ${cronJobs.length}`];
  const cron = cronJobs[0]!;
  const where = ref(cron);
  const s = cron.spec as ICronJobSpec;
  const job: IJobSpec = s.jobTemplate.spec ?? { template: {} };
  const problems: string[] = [];

  const interval = scheduleIntervalSeconds(s.schedule);
  if (interval === null || interval > RPO_SECONDS) {
    problems.push(`${where}: schedule "${s.schedule}" does not run at least every ${RPO_SECONDS / 3600} hour`);
  }
  if (s.concurrencyPolicy !== 'Forbid') problems.push(`${where}: concurrencyPolicy is not Forbid`);
  if (s.suspend) problems.push(`${where}: is suspended`);
  for (const field of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const) {
    if (!s[field]) problems.push(`${where}: ${field} is not set (failures would vanish from kubectl get jobs)`);
  }
  if (job.backoffLimit === undefined) problems.push(`${where}: backoffLimit is not set`);
  const deadline = job.activeDeadlineSeconds;
  if (!deadline || deadline >= (interval ?? RPO_SECONDS)) {
    problems.push(`${where}: activeDeadlineSeconds ${deadline ?? 'unset'} does not end a run before the next one`);
  }

  const labels = podLabelsOf(cron);
  if (labels['app.kubernetes.io/name'] !== 'marketlens' || labels['app.kubernetes.io/component'] !== 'backup') {
    problems.push(`${where}: pods are not labelled app.kubernetes.io/name=marketlens, component=backup`);
  }
  const pod = podSpecOf(cron)!;
  const containers = containersOf(cron);
  const backup = containers.find((c) => isBackupImage(c.image));
  if (!backup || containers.length !== 1) {
    return [...problems, `${where}: does not run the backup image alone`];
  }
  const inContainer = `${where} container ${backup.name}`;
  problems.push(...envProblems(objects, backup, inContainer), ...storageProblems(objects, pod, backup, inContainer));
  return problems;
}
