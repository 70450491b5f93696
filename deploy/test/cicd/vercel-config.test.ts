import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../support/repo';
import { vercelAnswer } from '../support/cicd-static-routes';
import { vercelRoutes, vercelRoutingProblems, vercelTypeProblems } from '../support/cicd-vercel';

// The web app on Vercel (plan 001: frontend on Vercel). The Vercel project's Root Directory is apps/web.
const FILE = 'apps/web/vercel.json';
const config = JSON.parse(readRepoFile(FILE)) as Record<string, unknown>;
const changed = (patch: Record<string, unknown>) => ({ ...config, ...patch });

describe('apps/web/vercel.json', () => {
  it('is a VercelConfig as Vercel publishes it (no unknown key, every value of the right type)', () => {
    expect(vercelTypeProblems(config)).toEqual([]);
  });

  it('has rewrites and headers that match Vercel’s schemas and compile into routes', () => {
    expect(vercelRoutingProblems(config)).toEqual([]);
  });

  it('rejects an unknown key, a wrong type and an unknown framework', () => {
    expect(vercelTypeProblems(changed({ outputDir: 'dist' })).join('\n')).toMatch(/outputDir/);
    expect(vercelTypeProblems(changed({ cleanUrls: 'yes' })).join('\n')).toMatch(/boolean/);
    expect(vercelTypeProblems(changed({ framework: 'vite-react' })).join('\n')).toMatch(/vite-react/);
  });

  it('rejects a rewrite without destination and a header rule without headers', () => {
    expect(vercelRoutingProblems(changed({ rewrites: [{ source: '/api/:path*' }] }))).not.toEqual([]);
    expect(vercelRoutingProblems(changed({ headers: [{ source: '/(.*)' }] }))).not.toEqual([]);
  });

  it('builds apps/web from the repository root into apps/web/dist', () => {
    expect(config.installCommand).toBe('cd ../.. && npm ci');
    expect(config.buildCommand).toBe('cd ../.. && npm run build -w apps/web');
    expect(config.outputDirectory, 'relative to the Root Directory apps/web').toBe('dist');
    expect(readRepoFile('apps/web/vite.config.ts')).toMatch(/outDir: 'dist'/);
    expect(
      (JSON.parse(readRepoFile('apps/web/package.json')) as { scripts: Record<string, string> }).scripts.build,
    ).toBe('vite build');
  });

  describe('what a path of the deployed app answers', () => {
    const routes = vercelRoutes(config);
    const files = new Set(['/index.html', '/assets/index-3f2a1c.js']);
    const answer = (path: string) => vercelAnswer(routes, path, files);

    it('proxies /api to the same API origin as the Render static site', () => {
      const render = parse(readRepoFile('render.yaml')) as {
        services: { routes?: { source: string; destination: string }[] }[];
      };
      const renderApi = render.services.flatMap((s) => s.routes ?? []).find((r) => r.source === '/api/*')?.destination;
      const proxied = answer('/api/v1/system');
      expect(proxied).toMatchObject({ status: 'proxy', proxy: 'https://marketlens-api.onrender.com/api/v1/system' });
      expect(renderApi?.replace('*', 'v1/system')).toBe(proxied.proxy);
    });

    it('serves index.html for app routes, files as they are, and 404 for a missing asset', () => {
      expect(answer('/')).toMatchObject({ status: 200, file: '/index.html' });
      expect(answer('/forecasts/BTC')).toMatchObject({ status: 200, file: '/index.html' });
      expect(answer('/assets/index-3f2a1c.js')).toMatchObject({ status: 200, file: '/assets/index-3f2a1c.js' });
      expect(answer('/assets/gone-1234.js').status, 'a stale asset must not become HTML').toBe(404);
    });

    it('caches hashed assets for a year, revalidates the page, and sends security headers everywhere', () => {
      expect(answer('/assets/index-3f2a1c.js').headers['Cache-Control']).toBe('public, max-age=31536000, immutable');
      expect(answer('/regimes').headers['Cache-Control']).toBe('no-cache');
      for (const path of ['/', '/regimes', '/assets/index-3f2a1c.js', '/api/v1/system']) {
        const headers = answer(path).headers;
        expect(headers['X-Content-Type-Options'], path).toBe('nosniff');
        expect(headers['Strict-Transport-Security'], path).toMatch(/^max-age=\d+/);
        expect(headers['Content-Security-Policy'], path).toContain("script-src 'self'");
      }
    });
  });
});
