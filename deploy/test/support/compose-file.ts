import { dirname } from 'node:path';
import { parse } from 'yaml';
import { readRepoFile, repoPath } from './repo';

// A compose file as `docker compose config` sees it before defaults are filled in: YAML with anchors and merge
// keys resolved, then ${...} interpolated from a given environment (never this machine's).

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type ComposeService = Record<string, Json>;

export interface ComposeFile {
  /** Repository-relative path of the file. */
  path: string;
  /** Absolute folder relative paths in the file are resolved against (the project directory). */
  dir: string;
  model: { services: Record<string, ComposeService> } & Record<string, Json>;
}

export class InterpolationError extends Error {
  override readonly name = 'InterpolationError';
}

/**
 * Compose's interpolation: $$ is a literal $, ${VAR}, ${VAR:-default} / ${VAR-default} (":" also replaces an
 * empty value), ${VAR:?message} / ${VAR?message} fail with the message when unset (or empty with ":").
 */
export function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])((?:[^{}]|\{[^{}]*\})*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, name?: string, colon?: string, op?: string, arg?: string, bare?: string) => {
      if (whole === '$$') return '$';
      if (bare) return env[bare] ?? '';
      const value = env[name!];
      const missing = value === undefined || (colon === ':' && value === '');
      if (op === '-') return missing ? interpolate(arg ?? '', env) : value!;
      if (op === '?' && missing) throw new InterpolationError(`${name}: ${arg}`);
      return value ?? '';
    },
  );
}

function interpolateDeep(value: Json, env: Record<string, string | undefined>): Json {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((v) => interpolateDeep(v, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, env)]));
  }
  return value;
}

/** Parses compose YAML text; `env` is what compose would read from the shell and the --env-file. */
export function parseCompose(text: string, path: string, env: Record<string, string | undefined> = {}): ComposeFile {
  const raw = parse(text, { merge: true, maxAliasCount: -1 }) as Json;
  const model = interpolateDeep(raw, env) as ComposeFile['model'];
  return { path, dir: dirname(repoPath(path)), model };
}

export const loadCompose = (path: string, env: Record<string, string | undefined> = {}): ComposeFile =>
  parseCompose(readRepoFile(path), path, env);

/** KEY=VALUE lines of an env file (comments and blank lines skipped). */
export function envFileKeys(text: string): string[] {
  return [...text.matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]!);
}

/** A service's `environment` as a map (compose accepts a map or a list of KEY=VALUE). */
export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment;
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((e) => {
        const [key, ...rest] = String(e).split('=');
        return [key ?? '', rest.join('=')];
      }),
    );
  }
  if (env && typeof env === 'object') {
    return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
  }
  return {};
}

/** depends_on as { service: condition } (the short list form means service_started). */
export function dependsOn(service: ComposeService): Record<string, string> {
  const deps = service.depends_on;
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [String(d), 'service_started']));
  if (deps && typeof deps === 'object') {
    return Object.fromEntries(
      Object.entries(deps).map(([name, spec]) => [
        name,
        String((spec as Record<string, Json> | null)?.condition ?? 'service_started'),
      ]),
    );
  }
  return {};
}

/** The short-syntax string of a healthcheck test, or null when there is none (or it is disabled). */
export function healthcheckCommand(service: ComposeService): string | null {
  const check = service.healthcheck as Record<string, Json> | undefined;
  if (!check || check.disable === true) return null;
  const test = check.test;
  if (Array.isArray(test)) return test[0] === 'NONE' ? null : test.slice(1).map(String).join(' ');
  return typeof test === 'string' ? test : null;
}

/** Bind-mount sources of a service (short `src:dst[:mode]` or long `type: bind`), as written. */
export function bindSources(service: ComposeService): { source: string; target: string }[] {
  const volumes = Array.isArray(service.volumes) ? service.volumes : [];
  return volumes.flatMap((v) => {
    if (typeof v === 'string') {
      const [source = '', target = ''] = v.split(':');
      return source.startsWith('.') || source.startsWith('/') ? [{ source, target }] : [];
    }
    const long = v as Record<string, Json>;
    return long.type === 'bind' ? [{ source: String(long.source), target: String(long.target) }] : [];
  });
}

/** Named volumes a service mounts. */
export function namedVolumes(service: ComposeService): string[] {
  const volumes = Array.isArray(service.volumes) ? service.volumes : [];
  return volumes.flatMap((v) => {
    if (typeof v === 'string') {
      const [source = ''] = v.split(':');
      return source.startsWith('.') || source.startsWith('/') || !v.includes(':') ? [] : [source];
    }
    const long = v as Record<string, Json>;
    return long.type === 'volume' && long.source ? [String(long.source)] : [];
  });
}

/** Published ports as { host IP (empty = every interface), host port, container port }. */
export function publishedPorts(service: ComposeService): { ip: string; published: string; target: string }[] {
  const ports = Array.isArray(service.ports) ? service.ports : [];
  return ports.map((p) => {
    if (typeof p === 'object' && p !== null && !Array.isArray(p)) {
      return { ip: String(p.host_ip ?? ''), published: String(p.published ?? ''), target: String(p.target ?? '') };
    }
    const parts = String(p).split(':');
    const target = parts.pop() ?? '';
    const published = parts.pop() ?? '';
    return { ip: parts.join(':'), published, target };
  });
}
