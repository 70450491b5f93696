import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readRepoFile, repoPath } from '../support/repo';
import { requireTool, runTool } from '../support/prom-tools';
import { scratchCopy, type ScratchCopy } from '../support/monitoring-scratch';
import { freePort, spawnLogged, waitFor, waitForHttp, type LoggedProcess } from '../support/process';

// Alertmanager: amtool validates both configurations and shows where each severity goes; a real
// Alertmanager running the compose configuration applies the inhibitions to alerts posted to its API.

const CONFIGS = ['alertmanager.yml', 'alertmanager.prod.yml'] as const;
interface AlertmanagerConfig {
  global: Record<string, unknown>;
  route: unknown;
  inhibit_rules: unknown[];
  receivers: { name: string; email_configs?: { to: string }[] }[];
}
const load = (file: string) => parse(readRepoFile('deploy/alertmanager', file)) as AlertmanagerConfig;

beforeAll(() => requireTool('amtool'));

describe('notification templates', () => {
  const render = (definition: string) => {
    const result = runTool('amtool', [
      'template',
      'render',
      `--template.glob=${repoPath('deploy/alertmanager/templates')}/*.tmpl`,
      `--template.text={{ template "${definition}" . }}`,
    ]);
    expect(result.code, result.output).toBe(0);
    return result.stdout;
  };

  it('turns the repository-relative runbook path of each alert into a link someone on call can open', () => {
    // amtool renders with its own sample alerts, which carry no annotations: the base URL must still be absolute.
    const text = render('marketlens.text');
    expect(text).toMatch(/^Runbook: https:\/\/\S+\/blob\/main\/$/m);
    expect(render('marketlens.email.html')).toMatch(/Runbook: <a href="https:\/\/[^"]+\/blob\/main\/">/);
  });
});

describe.each(CONFIGS)('%s', (file) => {
  const path = repoPath('deploy/alertmanager', file);
  const routesTo = (...labels: string[]) =>
    runTool('amtool', ['config', 'routes', 'test', `--config.file=${path}`, ...labels]).stdout.trim();

  it('passes amtool check-config, templates included', () => {
    const result = runTool('amtool', ['check-config', path]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/1 templates/);
  });

  it('sends critical alerts to email and the chat webhook, warnings to the chat webhook', () => {
    expect(routesTo('severity=critical', 'alertname=DatabaseUnreachable')).toBe('email-oncall,chat-critical');
    expect(routesTo('severity=warning', 'alertname=QueueBacklog')).toBe('chat-warnings');
    expect(routesTo('alertname=Unlabelled'), 'an alert without severity still reaches someone').toBe('chat-warnings');
  });

  it('reads every secret from a mounted file, never from the repository', () => {
    const keys: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          keys.push(k);
          walk(v);
        }
      }
    };
    walk(load(file));
    expect(keys.filter((k) => /(password|secret|api_url|token|url)$/.test(k))).toEqual([]);
    expect(load(file).global.slack_api_url_file).toBe('/etc/alertmanager/secrets/slack-webhook-url');
  });
});

describe('compose and production configurations', () => {
  it('route, inhibit and name receivers identically', () => {
    const [compose, prod] = CONFIGS.map(load) as [AlertmanagerConfig, AlertmanagerConfig];
    const withoutAddresses = (c: AlertmanagerConfig) =>
      c.receivers.map((r) => ({ ...r, email_configs: r.email_configs?.map((e) => ({ ...e, to: '<to>' })) }));
    expect(prod.route).toEqual(compose.route);
    expect(prod.inhibit_rules).toEqual(compose.inhibit_rules);
    expect(withoutAddresses(prod)).toEqual(withoutAddresses(compose));
  });

  it('deliver compose mail to mailpit, production mail with TLS and a password file', () => {
    const [compose, prod] = CONFIGS.map(load) as [AlertmanagerConfig, AlertmanagerConfig];
    expect(compose.global.smtp_smarthost).toBe('mailpit:1025');
    expect(prod.global.smtp_require_tls).toBe(true);
    expect(prod.global.smtp_auth_password_file).toBe('/etc/alertmanager/secrets/smtp-password');
  });

  it('a broken copy fails amtool check-config', () => {
    const scratch = scratchCopy('alertmanager');
    try {
      const config = load('alertmanager.yml') as AlertmanagerConfig & { route: { receiver: string } };
      config.route.receiver = 'nobody';
      scratch.write('alertmanager.yml', stringify(config));
      const result = runTool('amtool', ['check-config', scratch.path('alertmanager.yml')]);
      expect(result.code, result.output).not.toBe(0);
      expect(result.output).toMatch(/nobody/);
    } finally {
      scratch.remove();
    }
  });
});

interface ApiAlert {
  labels: Record<string, string>;
  status: { state: string; inhibitedBy: string[] };
}

describe('inhibitions in a running Alertmanager', () => {
  let scratch: ScratchCopy;
  let alertmanager: LoggedProcess;
  let url: string;

  beforeAll(async () => {
    requireTool('prometheus-alertmanager');
    // The compose configuration, with delivery pointed at a closed local port: no notification leaves this
    // machine, and inhibition does not depend on delivery.
    scratch = scratchCopy('alertmanager');
    const webhookFile = scratch.path('slack-webhook-url');
    writeFileSync(webhookFile, 'http://127.0.0.1:9/hook\n');
    const config = load('alertmanager.yml');
    config.global.smtp_smarthost = '127.0.0.1:9';
    config.global.slack_api_url_file = webhookFile;
    scratch.write('alertmanager.yml', stringify(config));

    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    alertmanager = spawnLogged('prometheus-alertmanager', [
      `--config.file=${scratch.path('alertmanager.yml')}`,
      `--storage.path=${scratch.path('data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ]);
    await waitForHttp(`${url}/-/ready`, alertmanager);
  });
  afterAll(async () => {
    await alertmanager?.stop();
    scratch?.remove();
  });

  it('mutes a warning while its critical tier fires, and everything of an instance that is down', async () => {
    const alert = (labels: Record<string, string>) => ({ labels: { job: 'marketlens', ...labels }, annotations: {} });
    const posted = await fetch(`${url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        alert({ alertname: 'FileDescriptorsHigh', severity: 'warning', role: 'api', instance: 'api-2' }),
        alert({ alertname: 'FileDescriptorsHigh', severity: 'critical', role: 'api', instance: 'api-2' }),
        alert({ alertname: 'FileDescriptorsHigh', severity: 'warning', role: 'api', instance: 'api-3' }),
        alert({ alertname: 'MarketLensDown', severity: 'critical', role: 'worker', instance: 'worker-1' }),
        alert({ alertname: 'EventLoopLagHigh', severity: 'warning', role: 'worker', instance: 'worker-1' }),
        alert({ alertname: 'QueueUnreachable', severity: 'critical', role: 'worker', instance: 'worker-1' }),
        alert({ alertname: 'EventLoopLagHigh', severity: 'warning', role: 'worker', instance: 'worker-2' }),
      ]),
    });
    expect(posted.status).toBe(200);

    const alerts = await waitFor('the 7 alerts', async () => {
      const list = (await (await fetch(`${url}/api/v2/alerts`)).json()) as ApiAlert[];
      return list.length === 7 ? list : undefined;
    });
    const state = (alertname: string, severity: string, instance: string) =>
      alerts.find(
        (a) => a.labels.alertname === alertname && a.labels.severity === severity && a.labels.instance === instance,
      )?.status.state;

    expect(state('FileDescriptorsHigh', 'warning', 'api-2'), 'critical tier mutes the warning').toBe('suppressed');
    expect(state('FileDescriptorsHigh', 'critical', 'api-2')).toBe('active');
    expect(state('FileDescriptorsHigh', 'warning', 'api-3'), 'another instance is not muted').toBe('active');
    expect(state('MarketLensDown', 'critical', 'worker-1')).toBe('active');
    expect(state('EventLoopLagHigh', 'warning', 'worker-1'), 'a down instance mutes its warnings').toBe('suppressed');
    expect(state('QueueUnreachable', 'critical', 'worker-1'), 'and its other criticals').toBe('suppressed');
    expect(state('EventLoopLagHigh', 'warning', 'worker-2')).toBe('active');
  });
});
