import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import ts from 'typescript';
import type { VercelRoute } from './cicd-static-routes';

// vercel.json is checked with what Vercel publishes on npm: @vercel/config's VercelConfig type (generated from
// the published vercel.json schema, openapi.vercel.sh/vercel.json) and @vercel/routing-utils, the package whose
// JSON schemas validate and whose getTransformedRoutes() compiles rewrites and headers at deploy time.

type RoutingUtils = {
  rewritesSchema: object;
  headersSchema: object;
  redirectsSchema: object;
  cleanUrlsSchema: object;
  trailingSlashSchema: object;
  getTransformedRoutes(config: object): { routes: VercelRoute[] | null; error: { message: string } | null };
};
const routing = createRequire(import.meta.url)('@vercel/routing-utils') as RoutingUtils;

/**
 * TypeScript's verdict on the file as a VercelConfig object literal: unknown keys (excess properties), wrong
 * types and values outside the published enums are errors. `$schema` is an editor hint that Vercel accepts
 * and the generated type leaves out, so it is dropped first.
 */
export function vercelTypeProblems(config: Record<string, unknown>): string[] {
  const { $schema: _hint, ...rest } = config;
  const here = fileURLToPath(new URL('.', import.meta.url));
  const file = join(here, '__vercel-config-check.ts');
  const source = `import type { VercelConfig } from '@vercel/config/v1/types';\nexport const config: VercelConfig = ${JSON.stringify(rest, null, 2)};\n`;
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const original = { getSourceFile: host.getSourceFile, fileExists: host.fileExists, readFile: host.readFile };
  host.fileExists = (f) => f === file || original.fileExists(f);
  host.readFile = (f) => (f === file ? source : original.readFile(f));
  host.getSourceFile = (f, language, ...more) =>
    f === file ? ts.createSourceFile(f, source, language) : original.getSourceFile(f, language, ...more);
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    .filter((message) => message !== '');
}

const ajv = new Ajv({ allErrors: true, strict: false });
const sections = {
  rewrites: ajv.compile(routing.rewritesSchema),
  headers: ajv.compile(routing.headersSchema),
  redirects: ajv.compile(routing.redirectsSchema),
  cleanUrls: ajv.compile(routing.cleanUrlsSchema),
  trailingSlash: ajv.compile(routing.trailingSlashSchema),
};

/** The routing sections against @vercel/routing-utils' schemas, then compiled as a deploy would. */
export function vercelRoutingProblems(config: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [name, validate] of Object.entries(sections)) {
    if (config[name] === undefined || validate(config[name])) continue;
    for (const e of validate.errors ?? []) problems.push(`${name}${e.instancePath} ${e.message ?? ''}`);
  }
  if (problems.length === 0) {
    const { error } = routing.getTransformedRoutes(config);
    if (error) problems.push(error.message);
  }
  return problems;
}

/** The routes Vercel's edge runs for this config. */
export function vercelRoutes(config: Record<string, unknown>): VercelRoute[] {
  const { routes, error } = routing.getTransformedRoutes(config);
  if (error || !routes) throw new Error(`vercel.json does not compile: ${error?.message}`);
  return routes;
}
