import {
  createRegimeFitRequestSchema,
  MAX_STATES,
  MIN_STATES,
  REGIME_FEATURES,
  regimeFitOptionsSchema,
  symbolSchema,
  type CreateRegimeFitRequest,
  type RegimeFeature,
  type RegimeFitOptions,
  type Timeframe,
} from '@marketlens/contracts';
import { describeFieldProblem } from '../../../shared/api/validation-words';
import type { RegimeUploadQuery } from '../api/regime-upload.api';
import { REGIME_FIELD_LABELS } from './describe-regime-error';

export type RegimeSource = 'instrument' | 'csv';
export type CovarianceType = RegimeFitOptions['covarianceType'];
export type StatesChoice = RegimeFitOptions['states'];

export const STATE_CHOICES: readonly StatesChoice[] = [
  'auto',
  ...Array.from({ length: MAX_STATES - MIN_STATES + 1 }, (_, i) => MIN_STATES + i),
];
export const MAX_FEATURES = 6;

/** What the form holds: numbers stay text until validated, so a half-typed value is not lost. */
export interface RegimeFormValues {
  source: RegimeSource;
  symbol: string;
  timeframe: Timeframe;
  /** yyyy-mm-dd from a date input, or '' for open. */
  from: string;
  to: string;
  file: File | null;
  uploadSymbol: string;
  column: string;
  features: RegimeFeature[];
  states: StatesChoice;
  covarianceType: CovarianceType;
  restarts: string;
  seed: string;
}

export type RegimeFormErrors = Partial<Record<keyof RegimeFormValues, string>>;

export type RegimeRunRequest =
  { kind: 'bars'; request: CreateRegimeFitRequest } | { kind: 'csv'; file: File; query: RegimeUploadQuery };

/** The contract's defaults are the form's defaults: one place decides them. */
export function defaultRegimeFormValues(symbol = '', timeframe: Timeframe = '1d'): RegimeFormValues {
  const defaults = regimeFitOptionsSchema.parse({});
  return {
    source: 'instrument',
    symbol,
    timeframe,
    from: '',
    to: '',
    file: null,
    uploadSymbol: 'UPLOAD',
    column: 'close',
    features: [...defaults.features],
    states: defaults.states,
    covarianceType: defaults.covarianceType,
    restarts: String(defaults.restarts),
    seed: String(defaults.seed),
  };
}

/** Features in the contract's order, whatever order they were clicked in. */
export function toggleFeature(features: readonly RegimeFeature[], feature: RegimeFeature): RegimeFeature[] {
  const next = new Set(features);
  if (next.has(feature)) next.delete(feature);
  else next.add(feature);
  return REGIME_FEATURES.filter((f) => next.has(f));
}

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkCommon(values: RegimeFormValues, errors: RegimeFormErrors) {
  if (values.features.length === 0) errors.features = 'Choose at least one feature.';
  else if (values.features.length > MAX_FEATURES) errors.features = `Choose at most ${MAX_FEATURES} features.`;
  if (wholeNumber(values.restarts, 1, 50) === null) errors.restarts = 'Restarts must be a whole number from 1 to 50.';
  if (wholeNumber(values.seed, 0, Number.MAX_SAFE_INTEGER) === null)
    errors.seed = 'Seed must be a whole number, 0 or more.';
}

function checkDates(values: RegimeFormValues, errors: RegimeFormErrors) {
  if (values.from && !DATE.test(values.from)) errors.from = 'From must be a date (YYYY-MM-DD).';
  if (values.to && !DATE.test(values.to)) errors.to = 'To must be a date (YYYY-MM-DD).';
  if (!errors.from && !errors.to && values.from && values.to && values.from > values.to) {
    errors.to = 'To must be on or after From.';
  }
}

/** Turns the form into the request to send, or says what to fix, field by field. */
export function validateRegimeForm(
  values: RegimeFormValues,
): { ok: true; run: RegimeRunRequest } | { ok: false; errors: RegimeFormErrors } {
  const errors: RegimeFormErrors = {};
  checkCommon(values, errors);
  if (values.source === 'csv') {
    if (!values.file) errors.file = 'Choose a CSV file.';
    if (!symbolSchema.safeParse(values.uploadSymbol).success) errors.uploadSymbol = 'Name the series (e.g. SPX).';
    if (values.column.trim() === '') errors.column = 'Name the price column (e.g. close).';
  } else {
    if (values.symbol === '') errors.symbol = 'Choose an instrument.';
    checkDates(values, errors);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const options = {
    features: values.features,
    states: values.states,
    covarianceType: values.covarianceType,
    restarts: Number(values.restarts),
    seed: Number(values.seed),
  };
  if (values.source === 'csv' && values.file) {
    const query: RegimeUploadQuery = {
      ...options,
      symbol: values.uploadSymbol,
      column: values.column.trim(),
      features: values.features.join(','),
      states: String(values.states),
    };
    return { ok: true, run: { kind: 'csv', file: values.file, query } };
  }
  // The contract has the last word (e.g. the symbol's allowed characters); name the field it objects to.
  const parsed = createRegimeFitRequestSchema.safeParse({
    ...options,
    symbol: values.symbol,
    timeframe: values.timeframe,
    from: values.from ? `${values.from}T00:00:00.000Z` : undefined,
    to: values.to ? `${values.to}T23:59:59.999Z` : undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'symbol');
    const message = describeFieldProblem(REGIME_FIELD_LABELS[field] ?? field, issue?.message ?? 'is not valid');
    return { ok: false, errors: { [field as keyof RegimeFormValues]: message } };
  }
  return { ok: true, run: { kind: 'bars', request: parsed.data } };
}
