import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import {
  bindSources,
  dependsOn,
  environmentOf,
  envFileKeys,
  healthcheckCommand,
  namedVolumes,
  type ComposeFile,
  type ComposeService,
  type Json,
} from './compose-file';
import { REPO_ROOT, serverEnvVarNames } from './repo';

// Rules for compose.yaml and deploy/compose.prod.yaml. Each returns the broken rules in words (empty = all
// hold), so tests show both that the real files pass and that a broken copy is caught.

/** The compose-spec JSON schema as shipped by dclint (it tracks the official compose-spec schema). */
export const COMPOSE_SCHEMA_PATH = join(
  dirname(createRequire(import.meta.url).resolve('dclint/package.json')),
  'schemas/compose.schema.json',
);

let validateSchema: ValidateFunction | undefined;

export function schemaViolations(file: ComposeFile): string[] {
  if (!validateSchema) {
    // Draft-07, named by its https URL, which ajv registers under http: drop the reference, keep the draft.
    const { $schema: _draft07, ...schema } = JSON.parse(readFileSync(COMPOSE_SCHEMA_PATH, 'utf8')) as Record<
      string,
      unknown
    >;
    // strict: false, because the schema uses annotation keywords (deprecated, ...) that ajv does not know.
    validateSchema = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  if (validateSchema(file.model)) return [];
  return (validateSchema.errors ?? []).map(
    (e: ErrorObject) => `schema: ${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

/** Server containers: built from, or named after, the marketlens server image. */
export const isServerService = (service: ComposeService): boolean =>
  String(service.image ?? '').includes('marketlens/server') ||
  String(service.image ?? '').includes('marketlens-server') ||
  JSON.stringify(service.build ?? '').includes('server.Dockerfile');

export function dependencyViolations(file: ComposeFile): string[] {
  const problems: string[] = [];
  const services = file.model.services;
  for (const [name, service] of Object.entries(services)) {
    for (const [target, condition] of Object.entries(dependsOn(service))) {
      const dependency = services[target];
      if (!dependency) {
        problems.push(`${name} depends on ${target}, which is not a service`);
        continue;
      }
      if (condition === 'service_healthy' && healthcheckCommand(dependency) === null) {
        problems.push(`${name} waits for ${target} to be healthy, but ${target} has no healthcheck`);
      }
      if (condition === 'service_completed_successfully' && (dependency.restart ?? 'no') !== 'no') {
        problems.push(
          `${name} waits for ${target} to complete, but ${target} restarts (${String(dependency.restart)})`,
        );
      }
    }
  }
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (name: string, path: string[]): void => {
    if (done.has(name) || !services[name]) return;
    if (visiting.has(name)) {
      problems.push(`dependency cycle: ${[...path, name].join(' -> ')}`);
      return;
    }
    visiting.add(name);
    for (const target of Object.keys(dependsOn(services[name]!))) visit(target, [...path, name]);
    visiting.delete(name);
    done.add(name);
  };
  for (const name of Object.keys(services)) visit(name, []);
  return problems;
}

/**
 * Every server container gets every variable the server reads (from `environment` or its env files), listens on
 * 8080 on every interface, and is probed on /healthz:8080.
 */
export function serverServiceViolations(file: ComposeFile, envFileText: (path: string) => string): string[] {
  const problems: string[] = [];
  const required = serverEnvVarNames();
  for (const [name, service] of Object.entries(file.model.services)) {
    if (!isServerService(service)) continue;
    const env = environmentOf(service);
    const fromFiles = envFiles(service).flatMap((p) => envFileKeys(envFileText(resolve(file.dir, p))));
    const missing = required.filter((v) => !(v in env) && !fromFiles.includes(v));
    if (missing.length > 0) problems.push(`${name} does not set ${missing.join(', ')}`);
    const twice = Object.keys(env).filter((v) => fromFiles.includes(v));
    if (twice.length > 0) problems.push(`${name} sets ${twice.join(', ')} both in environment and an env file`);
    if (env.PORT !== undefined && env.PORT !== '8080') problems.push(`${name} listens on PORT ${env.PORT}, not 8080`);
    if (env.MARKETLENS_SERVER__HOST !== undefined && env.MARKETLENS_SERVER__HOST !== '0.0.0.0') {
      problems.push(`${name} binds ${env.MARKETLENS_SERVER__HOST}: unreachable from other containers`);
    }
    const check = healthcheckCommand(service);
    const oneShot = (service.restart ?? '') === 'no';
    if (!oneShot && (check === null || !/127\.0\.0\.1:8080\/healthz\b/.test(check))) {
      problems.push(`${name} is not health-checked on 127.0.0.1:8080/healthz`);
    }
    for (const port of Array.isArray(service.ports) ? service.ports : []) {
      if (!String(port).endsWith(':8080')) problems.push(`${name} publishes container port ${String(port)}, not 8080`);
    }
  }
  return problems;
}

export const envFiles = (service: ComposeService): string[] =>
  (Array.isArray(service.env_file) ? service.env_file : service.env_file ? [service.env_file] : []).map((f) =>
    typeof f === 'string' ? f : String((f as Record<string, Json>).path),
  );

/** Bind-mounted files and env files exist in the repository, except secrets, which must be git-ignored instead. */
export function mountViolations(file: ComposeFile, isSecretPath: (repoRelative: string) => boolean): string[] {
  const problems: string[] = [];
  const declared = new Set(Object.keys((file.model.volumes as Record<string, Json> | undefined) ?? {}));
  for (const [name, service] of Object.entries(file.model.services)) {
    for (const { source } of bindSources(service)) {
      const path = relative(REPO_ROOT, resolve(file.dir, source));
      if (isSecretPath(path)) continue;
      if (!existsSync(resolve(file.dir, source))) problems.push(`${name} mounts ${path}, which does not exist`);
    }
    for (const volume of namedVolumes(service)) {
      if (!declared.has(volume)) problems.push(`${name} mounts volume ${volume}, which is not declared`);
    }
  }
  return problems;
}

/** no-new-privileges and no capabilities beyond a listed few, on every service. */
export function hardeningViolations(file: ComposeFile): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(file.model.services)) {
    const securityOpt = Array.isArray(service.security_opt) ? service.security_opt.map(String) : [];
    if (!securityOpt.some((o) => /^no-new-privileges(:true)?$/.test(o))) {
      problems.push(`${name} lacks security_opt no-new-privileges`);
    }
    if (!(Array.isArray(service.cap_drop) && service.cap_drop.includes('ALL')))
      problems.push(`${name} keeps capabilities`);
    if (isServerService(service) && service.read_only !== true) problems.push(`${name} has a writable root filesystem`);
  }
  return problems;
}

export interface ComposeRuleOptions {
  /** The text of an env file the compose file names (the real one, or its committed example). */
  envFileText: (path: string) => string;
  /** Repository-relative paths that hold secrets: git-ignored, so they need not exist in a checkout. */
  isSecretPath: (repoRelative: string) => boolean;
}

/** Every rule both compose files keep, at once (empty = all hold). */
export const composeViolations = (file: ComposeFile, options: ComposeRuleOptions): string[] => [
  ...schemaViolations(file),
  ...dependencyViolations(file),
  ...serverServiceViolations(file, options.envFileText),
  ...mountViolations(file, options.isSecretPath),
  ...hardeningViolations(file),
];

/** The services of a compose model, writable, for the tests' mutations. */
export type MutableServices = Record<string, ComposeService & Record<string, Json>>;

/** A deep copy of `file` with `mutate` applied to its services: a broken copy the rules must reject. */
export function mutatedCopy(file: ComposeFile, mutate: (services: MutableServices) => void): ComposeFile {
  const copy = structuredClone(file);
  mutate(copy.model.services as MutableServices);
  return copy;
}
