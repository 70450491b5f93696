// How the two static hosts answer a path, from their documented rules, so tests can ask what a URL of the
// deployed web app does (serve a file, the SPA's index.html, or proxy to the API) instead of reading config.

export interface Answer {
  /** 200 with a file, 'proxy' to another origin, a redirect status, or 404. */
  status: number | 'proxy';
  file?: string;
  proxy?: string;
  headers: Record<string, string>;
}

/** A route as @vercel/routing-utils' getTransformedRoutes() produces it (what Vercel's edge runs). */
export interface VercelRoute {
  src?: string;
  dest?: string;
  headers?: Record<string, string>;
  status?: number;
  continue?: boolean;
  check?: boolean;
  handle?: string;
}

/**
 * Vercel's routing: header routes (`continue`) add headers; `handle: filesystem` serves an existing file; the
 * rewrites after it replace the path (`$1` = capture), an absolute URL proxies, `check` serves the new path.
 */
export function vercelAnswer(routes: VercelRoute[], path: string, files: Set<string>): Answer {
  const headers: Record<string, string> = {};
  let current = path;
  for (const route of routes) {
    if (route.handle === 'filesystem') {
      if (files.has(current)) return { status: 200, file: current, headers };
      continue;
    }
    const match = route.src ? new RegExp(route.src).exec(current) : null;
    if (!match) continue;
    if (route.status) return { status: route.status, headers: { ...headers, ...route.headers } };
    Object.assign(headers, route.headers);
    if (route.dest) {
      const dest = route.dest.replace(/\$(\d+)/g, (_, i: string) => match[Number(i)] ?? '');
      if (/^https?:\/\//.test(dest)) return { status: 'proxy', proxy: dest, headers };
      current = dest;
      if (route.check && files.has(current)) return { status: 200, file: current, headers };
    }
    if (!route.continue && route.dest) break;
  }
  return { status: 404, headers };
}

export interface RenderRoute {
  type: 'rewrite' | 'redirect';
  source: string;
  destination: string;
}
export interface RenderHeader {
  path: string;
  name: string;
  value: string;
}

/** Render's wildcard: `*` matches any rest of the path; in a destination it inserts what the source matched. */
function renderMatch(pattern: string, path: string): string | null {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern === path ? '' : null;
  return path.startsWith(pattern.slice(0, star)) ? path.slice(star) : null;
}

/**
 * Render's static site: an existing file is served as it is; otherwise the first matching rule applies (a
 * rewrite to a URL proxies, to a path serves that file). Headers apply by path pattern either way.
 */
export function renderAnswer(
  routes: RenderRoute[],
  headerRules: RenderHeader[],
  path: string,
  files: Set<string>,
): Answer {
  const headers = Object.fromEntries(
    headerRules.filter((h) => renderMatch(h.path, path) !== null).map((h) => [h.name, h.value]),
  );
  if (files.has(path)) return { status: 200, file: path, headers };
  for (const route of routes) {
    const rest = renderMatch(route.source, path);
    if (rest === null) continue;
    const dest = route.destination.replace('*', rest);
    if (route.type === 'redirect') return { status: 301, headers: { ...headers, Location: dest } };
    if (/^https?:\/\//.test(dest)) return { status: 'proxy', proxy: dest, headers };
    return files.has(dest) ? { status: 200, file: dest, headers } : { status: 404, headers };
  }
  return { status: 404, headers };
}
