import { describe, expect, it } from 'vitest';
import { backupCronJobProblems, scheduleIntervalSeconds } from '../support/k8s-backup-checks';
import { build, KUSTOMIZATION_NAMES } from '../support/k8s-build';
import { named, podTemplateOf, type K8sObject } from '../support/k8s-objects';

// The hourly backup (plan 004: RPO 1 hour) as built: schedule, overlap and deadline, where its settings and
// secrets come from, and where its dumps go. Pod security, network policy, schema and namespace checks apply
// to it through the shared checks (pod-security, network-policy, schema, kustomize-build tests).
type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const cronSpec = (o: K8sObject): Mutable => o.spec as Mutable;
const container = (o: K8sObject): Mutable => podTemplateOf(o)!.spec!.containers[0] as Mutable;
const envOf = (o: K8sObject, name: string): Mutable => container(o).env.find((e: Mutable) => e.name === name);

describe('backup CronJob', () => {
  it.each(KUSTOMIZATION_NAMES)('backs up hourly in %s, one run at a time, onto the backups volume', (name) => {
    expect(backupCronJobProblems(build(name))).toEqual([]);
  });

  it('reads cron schedules as intervals', () => {
    expect(scheduleIntervalSeconds('17 * * * *')).toBe(3600);
    expect(scheduleIntervalSeconds('*/15 * * * *')).toBe(900);
    expect(scheduleIntervalSeconds('0 */6 * * *')).toBe(21600);
    expect(scheduleIntervalSeconds('0 3 * * *')).toBe(86400);
    expect(scheduleIntervalSeconds('0 3 * * 1')).toBeNull();
    expect(scheduleIntervalSeconds('@hourly')).toBeNull();
  });

  const mutations: [string, (cron: K8sObject, objects: K8sObject[]) => void, RegExp][] = [
    ['a daily schedule', (c) => (cronSpec(c).schedule = '0 3 * * *'), /does not run at least every 1 hour/],
    ['overlapping runs', (c) => (cronSpec(c).concurrencyPolicy = 'Allow'), /concurrencyPolicy is not Forbid/],
    ['a suspended schedule', (c) => (cronSpec(c).suspend = true), /is suspended/],
    ['no failed-job history', (c) => delete cronSpec(c).failedJobsHistoryLimit, /failedJobsHistoryLimit is not set/],
    ['no retry limit', (c) => delete cronSpec(c).jobTemplate.spec.backoffLimit, /backoffLimit is not set/],
    [
      'a run allowed to outlast the hour',
      (c) => (cronSpec(c).jobTemplate.spec.activeDeadlineSeconds = 7200),
      /activeDeadlineSeconds 7200 does not end a run/,
    ],
    [
      'another component label',
      (c) => (podTemplateOf(c)!.metadata!.labels!['app.kubernetes.io/component'] = 'api'),
      /not labelled .*component=backup/,
    ],
    ['the server image', (c) => (container(c).image = 'ghcr.io/acme/marketlens-server:1'), /backup image alone/],
    [
      'the database URL as a plain value',
      (c) => {
        const e = envOf(c, 'DATABASE_URL');
        delete e.valueFrom;
        e.value = 'postgres://u:p@db/marketlens';
      },
      /secret DATABASE_URL is a plain value/,
    ],
    [
      'a key the Secret does not have',
      (c) => (envOf(c, 'MARKETLENS_S3__SECRET_ACCESS_KEY').valueFrom.secretKeyRef.key = 'S3_SECRET'),
      /reads marketlens-secrets\/S3_SECRET, not a key of marketlens-secrets/,
    ],
    [
      'a key the ConfigMap does not have',
      (c) => (envOf(c, 'MARKETLENS_S3__BUCKET').valueFrom.configMapKeyRef.key = 'S3_BUCKET'),
      /MARKETLENS_S3__BUCKET reads .*S3_BUCKET, not a key of marketlens-config/,
    ],
    [
      'backups on a pod-local folder',
      (c) => (envOf(c, 'BACKUP_DIR').value = '/tmp/backups'),
      /BACKUP_DIR \/tmp\/backups is not on the PersistentVolumeClaim marketlens-backups/,
    ],
    [
      'no PersistentVolumeClaim',
      (_c, objects) =>
        objects.splice(objects.indexOf(named(objects, 'PersistentVolumeClaim', 'marketlens-backups')), 1),
      /PersistentVolumeClaim marketlens-backups is not in the build/,
    ],
  ];

  it.each(mutations)('rejects a copy with %s', (_name, mutate, expected) => {
    const objects = build('prod');
    mutate(named(objects, 'CronJob', 'marketlens-backup'), objects);
    expect(backupCronJobProblems(objects).join('\n')).toMatch(expected);
  });
});
