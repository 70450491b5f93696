import { SENTIMENT_LABELS } from './sentiment-labels';
import { lexiconFeatureCount, LEXICON_FEATURE_SETS } from './sentiment-features';
import { SentimentModel, type SentimentModelConfig } from './sentiment-model';
import { TfidfVectorizer } from './tfidf';

export const SENTIMENT_MODEL_FORMAT = 'marketlens.sentiment-model';
export const SENTIMENT_MODEL_VERSION = 1;
/** Significant digits kept for idf and weights: 6 keeps every prediction and halves the file. */
const DIGITS = 6;

/** How the model was made, kept with it so a reader can retrain it (free-form, for people). */
export type TrainingProvenance = Record<string, string | number | boolean>;

/**
 * A model as JSON. `terms` has one entry per vocabulary term: [term, idf, w_negative, w_neutral,
 * w_positive]; `lexiconWeights` one [w_negative, w_neutral, w_positive] per lexicon column.
 */
export interface SentimentModelJson {
  format: typeof SENTIMENT_MODEL_FORMAT;
  version: number;
  labels: string[];
  config: SentimentModelConfig;
  training: TrainingProvenance;
  bias: number[];
  lexiconWeights: number[][];
  terms: Array<[string, ...number[]]>;
}

const round = (x: number): number => Number(x.toPrecision(DIGITS));

export function toSentimentModelJson(model: SentimentModel, training: TrainingProvenance = {}): SentimentModelJson {
  const { vectorizer, softmax } = model;
  const size = vectorizer.size;
  const weightsOf = (column: number): number[] =>
    SENTIMENT_LABELS.map((_, k) => round(softmax.weights[k * softmax.features + column]!));
  return {
    format: SENTIMENT_MODEL_FORMAT,
    version: SENTIMENT_MODEL_VERSION,
    labels: [...SENTIMENT_LABELS],
    config: { ...model.config },
    training,
    bias: Array.from(softmax.bias, round),
    lexiconWeights: Array.from({ length: softmax.features - size }, (_, k) => weightsOf(size + k)),
    terms: vectorizer.vocabulary.map((term, j) => [term, round(vectorizer.idf[j]!), ...weightsOf(j)]),
  };
}

export class SentimentModelJsonError extends Error {
  override readonly name = 'SentimentModelJsonError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`sentiment model JSON: ${field} ${reason}`);
  }
}

export function sentimentModelFromJson(json: SentimentModelJson): SentimentModel {
  if (json.format !== SENTIMENT_MODEL_FORMAT)
    throw new SentimentModelJsonError('format', `is not ${SENTIMENT_MODEL_FORMAT}`);
  if (json.version !== SENTIMENT_MODEL_VERSION)
    throw new SentimentModelJsonError(
      'version',
      `${json.version} is not supported (expected ${SENTIMENT_MODEL_VERSION})`,
    );
  if (json.labels.join() !== SENTIMENT_LABELS.join())
    throw new SentimentModelJsonError('labels', `must be ${SENTIMENT_LABELS.join(', ')}`);
  if (!LEXICON_FEATURE_SETS.includes(json.config.lexiconFeatures))
    throw new SentimentModelJsonError('config.lexiconFeatures', `is unknown: ${json.config.lexiconFeatures}`);
  const classes = SENTIMENT_LABELS.length;
  const extra = lexiconFeatureCount(json.config.lexiconFeatures);
  if (json.lexiconWeights.length !== extra)
    throw new SentimentModelJsonError('lexiconWeights', `has ${json.lexiconWeights.length} rows, expected ${extra}`);
  const features = json.terms.length + extra;
  const weights = new Float64Array(classes * features);
  const idf = new Float64Array(json.terms.length);
  const vocabulary: string[] = [];
  const setColumn = (column: number, values: readonly unknown[], field: string) => {
    if (values.length !== classes || values.some((v) => typeof v !== 'number' || !Number.isFinite(v)))
      throw new SentimentModelJsonError(field, `needs ${classes} finite weights`);
    values.forEach((v, k) => (weights[k * features + column] = v as number));
  };
  json.terms.forEach(([term, termIdf, ...w], j) => {
    if (typeof term !== 'string' || typeof termIdf !== 'number')
      throw new SentimentModelJsonError(`terms[${j}]`, 'must be [term, idf, weights...]');
    vocabulary.push(term);
    idf[j] = termIdf;
    setColumn(j, w, `terms[${j}]`);
  });
  json.lexiconWeights.forEach((w, k) => setColumn(json.terms.length + k, w, `lexiconWeights[${k}]`));
  if (json.bias.length !== classes) throw new SentimentModelJsonError('bias', `needs ${classes} values`);
  const vectorizer = new TfidfVectorizer(vocabulary, idf, {
    maxN: json.config.maxN,
    minDf: json.config.minDf,
    sublinearTf: json.config.sublinearTf,
  });
  return new SentimentModel(json.config, vectorizer, {
    classes,
    features,
    weights,
    bias: Float64Array.from(json.bias),
  });
}

/**
 * The JSON text as Prettier would print it (objects one key per line, each term on its own line), so the
 * shipped file passes `prettier --check` and a retrained model diffs line by line.
 */
export function formatSentimentModelJson(json: SentimentModelJson): string {
  const s = JSON.stringify;
  const object = (value: object, indent: string): string => {
    const entries = Object.entries(value).map(([k, v]) => `${indent}  ${s(k)}: ${s(v)}`);
    return entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n${indent}}`;
  };
  const row = (values: readonly unknown[]): string => `[${values.map((v) => s(v)).join(', ')}]`;
  // Prettier breaks an array of 2+ arrays one per line, and keeps a single short one inline.
  const rows = (list: readonly (readonly unknown[])[]): string =>
    list.length < 2 ? `[${list.map(row).join('')}]` : `[\n${list.map((r) => `    ${row(r)}`).join(',\n')}\n  ]`;
  return [
    '{',
    `  "format": ${s(json.format)},`,
    `  "version": ${json.version},`,
    `  "labels": [${json.labels.map((l) => s(l)).join(', ')}],`,
    `  "config": ${object(json.config, '  ')},`,
    `  "training": ${object(json.training, '  ')},`,
    `  "bias": [${json.bias.join(', ')}],`,
    `  "lexiconWeights": ${rows(json.lexiconWeights)},`,
    `  "terms": ${rows(json.terms)}`,
    '}',
    '',
  ].join('\n');
}
