// Test helper: loads hmmlearn reference files from ../shared/reference (the repo root's sibling, i.e.
// new URL('../../../../../shared/reference/', import.meta.url) from here; never copied into the repo, see
// its README). quant has no Node APIs (nor Node types), so files are read through Vite's `?raw` import of
// a path relative to this module, which works in Vitest. `referenceAvailable` is false when the folder is
// absent, and the reference tests skip.
import type { CovarianceType, GaussianHMMParams, Matrix } from './hmm-types';

declare global {
  // quant compiles without Node or DOM types; Vitest (like every ESM host) provides import.meta.url.
  interface ImportMeta {
    readonly url: string;
  }
}

/** `new URL(relative, base)` for file URLs, without the URL global (not in quant's ES-only lib). */
function resolvePath(relative: string, baseUrl: string): string {
  const parts = baseUrl.replace(/^file:\/\//, '').split('/');
  parts.pop();
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return `${parts.join('/')}/`;
}

export const REFERENCE_DIR = resolvePath('../../../../../shared/reference/', import.meta.url);

export async function readReferenceText(path: string): Promise<string | null> {
  try {
    const module = (await import(/* @vite-ignore */ `${REFERENCE_DIR}${path}?raw`)) as { default: string };
    return module.default;
  } catch {
    return null;
  }
}

export const referenceAvailable = (await readReferenceText('README.md')) !== null;

export async function readReferenceJson<T = unknown>(path: string): Promise<T> {
  const text = await readReferenceText(path);
  if (text === null) throw new Error(`reference file ${path} is missing under ${REFERENCE_DIR}`);
  return JSON.parse(text) as T;
}

/** Columns of a reference CSV as numbers, by header name. */
export async function readReferenceCsv(path: string): Promise<Map<string, number[]>> {
  const text = await readReferenceText(path);
  if (text === null) throw new Error(`reference file ${path} is missing under ${REFERENCE_DIR}`);
  const lines = text.trim().split('\n');
  const header = lines[0]!.split(',');
  const columns = new Map(header.map((name) => [name, [] as number[]]));
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    header.forEach((name, i) => columns.get(name)!.push(Number(cells[i])));
  }
  return columns;
}

export function matrixFromColumns(columns: number[][]): Matrix {
  const rows = columns[0]!.length;
  const cols = columns.length;
  const data = new Float64Array(rows * cols);
  for (let t = 0; t < rows; t++) for (let d = 0; d < cols; d++) data[t * cols + d] = columns[d]![t]!;
  return { data, rows, cols };
}

/** Feature matrix of a reference configuration, from the exact feature CSVs hmmlearn saw. */
export async function referenceFeatures(names: readonly string[]): Promise<Matrix> {
  const file = names.includes('vol20')
    ? 'hmmlearn/synth5000_features_logret_absret_vol20.csv'
    : 'hmmlearn/synth5000_features_logret_absret.csv';
  const csv = await readReferenceCsv(file);
  return matrixFromColumns(names.map((name) => csv.get(name)!));
}

export interface ReferenceParamsJson {
  covariance_type: CovarianceType;
  startprob: number[];
  transmat: number[][];
  means: number[][];
  covars: unknown;
  features?: string[];
}

export function paramsFromJson(json: ReferenceParamsJson): GaussianHMMParams {
  const means = json.means;
  return {
    nStates: means.length,
    nFeatures: means[0]!.length,
    covarianceType: json.covariance_type,
    startProb: Float64Array.from(json.startprob),
    transMat: Float64Array.from(json.transmat.flat()),
    means: Float64Array.from(means.flat()),
    covars: Float64Array.from((json.covars as number[]).flat(2) as number[]),
  };
}
