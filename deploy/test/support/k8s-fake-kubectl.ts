import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * One kubectl invocation as the fake recorded it. For an `apply`: `applied` lists what it matched (-o name form),
 * `images` the container images of their pod templates, `secretKeys` the data keys of any Secret (never values).
 */
export interface KubectlCall {
  namespace?: string;
  args: string[];
  applied?: string[];
  images?: string[];
  secretKeys?: string[];
}

/**
 * A stand-in for kubectl with no cluster behind it, shared by the tests of deploy/k8s/apply.sh and
 * deploy/scripts/k8s-release.sh. Client-side commands run the real kubectl (`kustomize`, `create --dry-run=client`,
 * `label --local`); `apply -f FILE|- [-l SEL]` filters the documents with kubectl's label-selector rules and answers
 * in `-o name` form; the Job reports the conditions listed in FAKE_JOB_CONDITIONS (one per poll, comma-separated);
 * the Secret marketlens-secrets exists unless FAKE_NO_SECRET is set and no apply has carried it; a Deployment or
 * StatefulSet named in FAKE_FAIL_ROLLOUT (comma-separated) never becomes ready until it is rolled back, one in
 * FAKE_STUCK_ROLLOUT not even then; `get
 * deployments` lists the five MarketLens Deployments. Every call is recorded for the test to read; anything
 * else fails with exit 99.
 */
const FAKE = String.raw`#!/usr/bin/env node
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');
const log = process.env.FAKE_KUBECTL_LOG;
let args = process.argv.slice(2);
let namespace;
if (args[0] === '--namespace' || args[0] === '-n') { namespace = args[1]; args = args.slice(2); }
const record = (extra) => fs.appendFileSync(log, JSON.stringify({ namespace, args, ...extra }) + '\n');
const recorded = () => fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const flag = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const matches = (selector, labels) => selector.split(',').every((term) => {
  const negated = term.includes('!=');
  const [key, value] = term.split(negated ? '!=' : /==?/);
  return negated ? labels[key] !== value : labels[key] === value;
});
const nameOf = (o) => {
  const group = o.apiVersion.includes('/') ? '.' + o.apiVersion.split('/')[0] : '';
  return o.kind.toLowerCase() + group + '/' + o.metadata.name;
};
const imagesOf = (o) => {
  const spec = o.kind === 'CronJob' ? o.spec && o.spec.jobTemplate && o.spec.jobTemplate.spec : o.spec;
  const pod = (spec && spec.template && spec.template.spec) || {};
  return [...(pod.containers || []), ...(pod.initContainers || [])].map((c) => c.image);
};
const real = () => {
  const ns = namespace === undefined ? [] : ['--namespace', namespace];
  const run = spawnSync(process.env.REAL_KUBECTL, [...ns, ...args], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
};
const [command, what] = args;
if (command === 'version') process.exit(0);
if (command === 'kustomize') { record(); real(); }
if (command === 'create' && args.includes('--dry-run=client')) { record(); real(); }
if (command === 'label' && args.includes('--local')) { record(); real(); }
if (command === 'apply') {
  const file = flag('-f');
  const text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  // Loaded here only: every call is a process of its own, and the YAML parser is most of a bare call's start-up.
  const YAML = require(process.env.FAKE_YAML_MODULE);
  const docs = YAML.parseAllDocuments(text).map((d) => d.toJS()).filter(Boolean);
  const selector = flag('-l');
  const picked = docs.filter((o) => !selector || matches(selector, (o.metadata && o.metadata.labels) || {}));
  const foreign = picked.find((o) => o.metadata.namespace && o.metadata.namespace !== namespace);
  if (foreign) { console.error('error: the namespace from the provided object does not match'); process.exit(1); }
  const applied = picked.map(nameOf);
  const images = [...new Set(picked.flatMap(imagesOf))].sort();
  const secretKeys = picked.filter((o) => o.kind === 'Secret')
    .flatMap((o) => [...Object.keys(o.data || {}), ...Object.keys(o.stringData || {})]).sort();
  record({ applied, images, secretKeys });
  console.log(args.includes('name') ? applied.join('\n') : applied.map((n) => n + ' configured').join('\n'));
  process.exit(0);
}
record();
if (command === 'get' && what === 'secret') {
  const applied = recorded().some((c) => (c.applied || []).includes('secret/marketlens-secrets'));
  if (process.env.FAKE_NO_SECRET && !applied) {
    console.error('Error from server (NotFound): secrets "marketlens-secrets" not found');
    process.exit(1);
  }
  console.log('secret/marketlens-secrets');
  process.exit(0);
}
if (command === 'get' && what.startsWith('job/')) {
  const polls = recorded().filter((c) => c.args[0] === 'get' && c.args[1].startsWith('job/')).length;
  const sequence = (process.env.FAKE_JOB_CONDITIONS || 'Complete').split(',');
  process.stdout.write(sequence[Math.min(polls, sequence.length) - 1] + ' ');
  process.exit(0);
}
if (command === 'get' && what === 'deployments') {
  for (const role of ['api', 'bot', 'engine', 'scheduler', 'web', 'worker']) console.log('deployment.apps/marketlens-' + role);
  process.exit(0);
}
if (command === 'rollout' && what === 'status') {
  const object = args[2];
  const listed = (name) => (process.env[name] || '').split(',').includes(object.split('/').pop());
  const undone = recorded().some((c) => c.args[0] === 'rollout' && c.args[1] === 'undo' && c.args[2] === object);
  if ((listed('FAKE_FAIL_ROLLOUT') && !undone) || listed('FAKE_STUCK_ROLLOUT')) { console.error('error: ' + object + ' exceeded its progress deadline'); process.exit(1); }
  console.log(object + ' successfully rolled out');
  process.exit(0);
}
if (command === 'logs') { console.log('FAKE MIGRATION LOG'); process.exit(0); }
if (['delete', 'rollout'].includes(command)) { console.log(command + ' ok'); process.exit(0); }
console.error('fake kubectl: unexpected call ' + args.join(' '));
process.exit(99);
`;

export interface FakeKubectl {
  bin: string;
  /** The environment for a script under test: KUBECTL and the front of PATH are the fake, polling is instant. */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
  calls(): KubectlCall[];
  /** Every byte the fake recorded (to prove that something, e.g. a secret value, never reached a command line). */
  rawLog(): string;
  reset(): void;
  remove(): void;
}

/** `realKubectl` is the kubectl the fake delegates client-side commands to (see k8s-build's kubectlPath()). */
export function createFakeKubectl(realKubectl: string): FakeKubectl {
  // An absolute path: PATH starts with the fake, so a bare `kubectl` would call the fake itself.
  const real = spawnSync('bash', ['-c', 'command -v -- "$0"', realKubectl], { encoding: 'utf8' }).stdout.trim();
  if (!real) throw new Error(`kubectl (${realKubectl}) is not on PATH: install kubectl >= 1.27`);
  const dir = mkdtempSync(join(tmpdir(), 'marketlens-fake-kubectl-'));
  const bin = join(dir, 'kubectl');
  const log = join(dir, 'calls.jsonl');
  writeFileSync(bin, FAKE);
  chmodSync(bin, 0o755);
  writeFileSync(log, '');
  const yamlModule = createRequire(import.meta.url).resolve('yaml');
  const rawLog = () => readFileSync(log, 'utf8');
  return {
    bin,
    env: (extra = {}) => ({
      ...process.env,
      PATH: `${dir}${delimiter}${process.env.PATH ?? ''}`,
      KUBECTL: bin,
      REAL_KUBECTL: real,
      FAKE_KUBECTL_LOG: log,
      FAKE_YAML_MODULE: yamlModule,
      POLL_INTERVAL: '0',
      ...extra,
    }),
    calls: () =>
      rawLog()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as KubectlCall),
    rawLog,
    reset: () => writeFileSync(log, ''),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** apply.sh's calls from prepare to rollout, as the tests name them: the order a schema change needs. */
export const PHASE_CALLS = [
  'apply marketlens.io/phase=prepare',
  'get secret',
  'delete job',
  'apply marketlens.io/phase=migrate',
  'get job/marketlens-migrate',
  'apply marketlens.io/phase!=migrate',
] as const;
