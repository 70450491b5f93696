import { sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Vite puts only content-hashed bundles under assets/: a changed file is a new URL, so a year is safe. */
export const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';
/** Everything else (index.html names the current bundles) is revalidated on every load. */
export const REVALIDATE_CACHE = 'no-cache';

/** Paths the server answers itself; everything else that is not a file is a client-side route. */
const SERVER_PATHS = new Set(['/api', '/healthz', '/readyz', '/metrics']);

/** True when `path` (no query) belongs to the API or the probes, never to the web app. */
export function isServerPath(path: string): boolean {
  // `/api/` and not `/api`-anything: `/api-keys` is a page of the web app.
  return SERVER_PATHS.has(path) || path.startsWith('/api/');
}

/**
 * Serves the built web app: precompressed `.br`/`.gz` siblings written by the web build when the client
 * accepts them, hashed assets cached as immutable, everything else revalidated. The history fallback for
 * client-side routes is the caller's not-found handler (`reply.sendFile('index.html')`).
 */
export async function serveWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const assetsDir = `${webDir.replace(/[\\/]+$/, '')}${sep}assets${sep}`;
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: true,
    index: 'index.html',
    preCompressed: true,
    // send's own header would say max-age=0 for everything; setHeaders decides per file instead.
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', filePath.startsWith(assetsDir) ? HASHED_ASSET_CACHE : REVALIDATE_CACHE);
    },
  });
}
