import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../../e2e/server-process';
import { runToExit } from '../support/process';
import { readRepoFile, repoPath } from '../support/repo';

// deploy.yml's smoke test, run against a real MarketLens server (embedded mode, started as `npm start` does).
// Asynchronously: the web-origin stand-ins below live in this process and must answer while the script runs.
async function smoke(env: Record<string, string>): Promise<{ status: number | null; output: string }> {
  const { code, output } = await runToExit('bash', [repoPath('deploy/scripts/smoke.sh')], {
    env: { PATH: process.env.PATH ?? '', SMOKE_READY_ATTEMPTS: '2', SMOKE_READY_INTERVAL: '0.2', ...env },
  });
  return { status: code, output };
}

/** A stand-in for the web origin: answers every path with `body`. */
function webOrigin(body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(body));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    ),
  );
}

describe('deploy/scripts/smoke.sh against a running server', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess();
  });
  afterAll(() => server?.stop());

  const login = () => ({
    SMOKE_URL: server.url,
    SMOKE_EMAIL: server.admin.email,
    SMOKE_PASSWORD: server.admin.password,
  });

  it('passes on a healthy server: ready, a real login, an authenticated call', async () => {
    const { status, output } = await smoke(login());
    expect(status, output).toBe(0);
    expect(output).toContain('ok   GET /api/v1/auth/setup 200');
    expect(output).toContain(`ok   POST /api/v1/auth/login 200 (${server.admin.email})`);
    expect(output).toMatch(/ok {3}GET \/api\/v1\/system 200 \(version \d+\.\d+\.\d+\)/);
    expect(output, 'the password is never printed').not.toContain(server.admin.password);
  });

  it('fails with a clear message on a wrong password, without printing it', async () => {
    const wrong = 'wrong "pass\\word" 1234';
    const { status, output } = await smoke({ ...login(), SMOKE_PASSWORD: wrong });
    expect(status).toBe(1);
    expect(output).toContain("answered 401: the smoke user's email or password is wrong");
    expect(output).not.toContain(wrong);
  });

  it('fails when nothing answers at the URL', async () => {
    const closed = await webOrigin('');
    closed.server.close();
    const { status, output } = await smoke({ ...login(), SMOKE_URL: closed.url });
    expect(status).toBe(1);
    expect(output).toContain(`FAIL: ${closed.url}/api/v1/auth/setup did not answer after 2 attempts`);
  });

  it('fails when the URL is a web front that answers every path with the app (no API behind it)', async () => {
    const spaOnly = await webOrigin(readRepoFile('apps/web/index.html'));
    try {
      const { status, output } = await smoke({ ...login(), SMOKE_URL: spaOnly.url });
      expect(status).toBe(1);
      expect(output).toContain('answered 200 but not as the MarketLens API');
    } finally {
      spaOnly.server.close();
    }
  });

  it('refuses to run without the smoke user', async () => {
    const { status, output } = await smoke({ SMOKE_URL: server.url });
    expect(status).toBe(2);
    expect(output).toContain('SMOKE_EMAIL is not set');
  });

  it('checks the web origin when given one: the app’s HTML passes, another page fails', async () => {
    const app = await webOrigin(readRepoFile('apps/web/index.html'));
    const other = await webOrigin('<html><body>Welcome to nginx!</body></html>');
    try {
      expect((await smoke({ ...login(), SMOKE_WEB_URL: app.url })).status).toBe(0);
      const { status, output } = await smoke({ ...login(), SMOKE_WEB_URL: other.url });
      expect(status).toBe(1);
      expect(output).toContain('is not the MarketLens web app');
    } finally {
      app.server.close();
      other.server.close();
    }
  });
});
