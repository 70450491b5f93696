// A rule kind's params come as JSON Schema (GET /alerts/kinds); the editor renders one input per field of
// type number, integer, string or enum. Values stay text while typed and become params on save.

/**
 * Params that are fractions (0.05 = 5%) and are typed as percent. Listed by hand because the schema only says
 * "number": a probability and a price move read naturally as percent, a price level or a log return does not.
 */
export const PERCENT_PARAMS: Readonly<Record<string, readonly string[]>> = {
  price_move: ['pct'],
  regime_change: ['minProbability'],
};

const KIND_LABELS: Readonly<Record<string, string>> = {
  price_cross: 'Price crosses a level',
  price_move: 'Price moves by a percentage',
  regime_change: 'Regime becomes likely',
  forecast_band: 'Forecast leaves a band',
};

const PARAM_LABELS: Readonly<Record<string, string>> = {
  pct: 'Move',
  level: 'Price level',
  windowBars: 'Window (bars)',
  minProbability: 'Probability at least',
  horizon: 'Horizon (bars)',
};

export type ParamFieldType = 'number' | 'integer' | 'string' | 'enum';

export interface Bound {
  value: number;
  exclusive: boolean;
}

export interface ParamField {
  name: string;
  label: string;
  type: ParamFieldType;
  options: readonly string[];
  required: boolean;
  /** Typed as percent, sent as a fraction. */
  percent: boolean;
  /** In the units typed (percent for a percent field). */
  min: Bound | null;
  max: Bound | null;
  minLength: number | null;
  maxLength: number | null;
  /** The server's default, as it would be typed; '' when there is none. */
  defaultText: string;
}

export interface KindForm {
  fields: ParamField[];
  /** Params of a type this form cannot edit: left to the server's defaults. */
  unsupported: string[];
}

export const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind.replaceAll('_', ' ');

/** "windowBars" -> "Window bars": a readable name for a param without a label of its own. */
function paramLabel(name: string): string {
  const known = PARAM_LABELS[name];
  if (known) return known;
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Rounded to 12 significant digits, so 0.07 x 100 reads 7 and not 7.000000000000001. */
const clean = (x: number) => Number(x.toPrecision(12));
export const toPercent = (fraction: number) => clean(fraction * 100);
export const fromPercent = (percent: number) => clean(percent / 100);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const numberOr = (value: unknown) => (typeof value === 'number' ? value : null);

function bound(schema: Record<string, unknown>, inclusive: string, exclusive: string, percent: boolean): Bound | null {
  const strict = numberOr(schema[exclusive]);
  const loose = numberOr(schema[inclusive]);
  const value = strict ?? loose;
  if (value === null) return null;
  return { value: percent ? toPercent(value) : value, exclusive: strict !== null };
}

function fieldType(schema: Record<string, unknown>): ParamFieldType | null {
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string')) return 'enum';
  if (schema.type === 'integer') return 'integer';
  if (schema.type === 'number') return 'number';
  if (schema.type === 'string') return 'string';
  return null;
}

/** The form for a kind: one field per param the form can edit, in the schema's order. */
export function kindForm(kind: string, paramsSchema: Record<string, unknown>): KindForm {
  const properties = isRecord(paramsSchema.properties) ? paramsSchema.properties : {};
  const required = new Set(Array.isArray(paramsSchema.required) ? paramsSchema.required : []);
  const percentNames = PERCENT_PARAMS[kind] ?? [];
  const fields: ParamField[] = [];
  const unsupported: string[] = [];
  for (const [name, raw] of Object.entries(properties)) {
    const schema = isRecord(raw) ? raw : {};
    const type = fieldType(schema);
    if (!type) {
      unsupported.push(name);
      continue;
    }
    const percent = type === 'number' && percentNames.includes(name);
    const fallback = schema.default;
    const defaultText =
      typeof fallback === 'number'
        ? String(percent ? toPercent(fallback) : fallback)
        : typeof fallback === 'string'
          ? fallback
          : '';
    fields.push({
      name,
      label: percent ? `${paramLabel(name)} (%)` : paramLabel(name),
      type,
      options: type === 'enum' ? (schema.enum as string[]) : [],
      required: required.has(name),
      percent,
      min: bound(schema, 'minimum', 'exclusiveMinimum', percent),
      max: bound(schema, 'maximum', 'exclusiveMaximum', percent),
      minLength: numberOr(schema.minLength),
      maxLength: numberOr(schema.maxLength),
      defaultText,
    });
  }
  return { fields, unsupported };
}

export type ParamValues = Record<string, string>;

/** What a new rule's inputs start with: the server's defaults, or empty. */
export function defaultValues(form: KindForm): ParamValues {
  return Object.fromEntries(form.fields.map((f) => [f.name, f.defaultText]));
}

/** A saved rule's params as the inputs show them (fractions back to percent). */
export function valuesOf(form: KindForm, params: Record<string, unknown>): ParamValues {
  return Object.fromEntries(
    form.fields.map((f) => {
      const value = params[f.name];
      if (typeof value === 'number') return [f.name, String(f.percent ? toPercent(value) : value)];
      return [f.name, typeof value === 'string' ? value : ''];
    }),
  );
}

function boundProblem(field: ParamField, value: number): string | null {
  const { min, max } = field;
  if (min && (min.exclusive ? value <= min.value : value < min.value)) {
    return `${field.label} must be ${min.exclusive ? 'more than' : 'at least'} ${min.value}.`;
  }
  if (max && (max.exclusive ? value >= max.value : value > max.value)) {
    return `${field.label} must be ${max.exclusive ? 'less than' : 'at most'} ${max.value}.`;
  }
  return null;
}

function readField(field: ParamField, text: string): { value?: unknown; problem?: string } {
  if (field.type === 'enum') {
    return field.options.includes(text)
      ? { value: text }
      : { problem: `${field.label} must be one of ${field.options.join(', ')}.` };
  }
  if (field.type === 'string') {
    if (field.minLength !== null && text.length < field.minLength) return { problem: `${field.label} is required.` };
    if (field.maxLength !== null && text.length > field.maxLength) {
      return { problem: `${field.label} must be at most ${field.maxLength} characters long.` };
    }
    return { value: text };
  }
  const typed = Number(text);
  if (!Number.isFinite(typed)) return { problem: `${field.label} must be a number.` };
  if (field.type === 'integer' && !Number.isInteger(typed))
    return { problem: `${field.label} must be a whole number.` };
  const problem = boundProblem(field, typed);
  if (problem) return { problem };
  return { value: field.percent ? fromPercent(typed) : typed };
}

/** The params to send, or one sentence per field to fix; an empty optional field is left out. */
export function toParams(
  form: KindForm,
  values: ParamValues,
): { ok: true; params: Record<string, unknown> } | { ok: false; problems: string[] } {
  const params: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const field of form.fields) {
    const text = (values[field.name] ?? '').trim();
    if (text === '') {
      if (field.required) problems.push(`${field.label} is required.`);
      continue;
    }
    const read = readField(field, text);
    if (read.problem) problems.push(read.problem);
    else params[field.name] = read.value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, params };
}

/** The editor's labels by param name, for the server's INVALID_ALERT_PARAMS details. */
export function paramLabels(form: KindForm): Record<string, string> {
  return Object.fromEntries(form.fields.map((f) => [f.name, f.label]));
}
