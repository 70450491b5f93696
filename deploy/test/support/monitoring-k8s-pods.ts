import { parse } from 'yaml';
import { readRepoFile } from './repo';
import { MONITORED_ROLES, type MonitoredRole } from './monitoring-marketlens';

// prometheus.k8s.yml's pod relabelling, run by a real Prometheus without a cluster: file-based discovery
// hands it the same __meta_kubernetes_* labels Kubernetes discovery would (Debian's Prometheus is built
// without Kubernetes discovery anyway), for the running MarketLens processes and for pods it must ignore.

const NAMESPACE = 'marketlens-test';

interface FakePod {
  name: string;
  phase?: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

const metaName = (s: string) => s.replace(/[^a-zA-Z0-9_]/g, '_');

function discovered(pod: FakePod) {
  const labels: Record<string, string> = {
    __meta_kubernetes_namespace: NAMESPACE,
    __meta_kubernetes_pod_name: pod.name,
    __meta_kubernetes_pod_phase: pod.phase ?? 'Running',
  };
  for (const [k, v] of Object.entries(pod.labels)) labels[`__meta_kubernetes_pod_label_${metaName(k)}`] = v;
  for (const [k, v] of Object.entries(pod.annotations ?? {})) {
    labels[`__meta_kubernetes_pod_annotation_${metaName(k)}`] = v;
  }
  // Pod discovery's address is pod IP and container port; the annotation must replace the port.
  return { targets: ['127.0.0.1:9'], labels };
}

const scrapeAnnotations = (port: number) => ({
  'prometheus.io/scrape': 'true',
  'prometheus.io/port': String(port),
  'prometheus.io/path': '/metrics',
});

/** A pod per role, and three that must not be scraped: unannotated, another app, a finished Job. */
export function fakePods(ports: Record<MonitoredRole, number>) {
  const marketlens = (component: string) => ({
    'app.kubernetes.io/name': 'marketlens',
    'app.kubernetes.io/component': component,
  });
  const pods: FakePod[] = [
    ...MONITORED_ROLES.map((role) => ({
      name: `marketlens-${role}-7d9f8-abcde`,
      labels: marketlens(role),
      annotations: scrapeAnnotations(ports[role]),
    })),
    { name: 'marketlens-web-5c6d7-fghij', labels: marketlens('web') },
    {
      name: 'postgres-exporter-0',
      labels: { 'app.kubernetes.io/name': 'postgres-exporter' },
      annotations: scrapeAnnotations(ports.api),
    },
    {
      name: 'marketlens-migrate-xyz12',
      phase: 'Succeeded',
      labels: marketlens('migrate'),
      annotations: scrapeAnnotations(ports.api),
    },
  ];
  return pods.map(discovered);
}

interface ScrapeJob {
  job_name: string;
  kubernetes_sd_configs?: unknown;
  file_sd_configs?: unknown;
}

/** prometheus.k8s.yml's marketlens job, discovering from `podsFile` instead of the Kubernetes API. */
export function k8sConfigForTest(podsFile: string) {
  const config = parse(readRepoFile('deploy/prometheus/prometheus.k8s.yml')) as {
    global: Record<string, string>;
    scrape_configs: ScrapeJob[];
  };
  const job = config.scrape_configs.find((j) => j.job_name === 'marketlens');
  if (!job?.kubernetes_sd_configs) throw new Error('prometheus.k8s.yml has no marketlens job with pod discovery');
  delete job.kubernetes_sd_configs;
  job.file_sd_configs = [{ files: [podsFile], refresh_interval: '1s' }];
  return {
    global: { ...config.global, scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
    scrape_configs: [job],
  };
}
