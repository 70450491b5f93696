import { tokenCreateSchema } from '@marketlens/contracts';
import { ApiError, errorMessage } from '../../../shared/api/api-error';
import { describeFieldProblem } from '../../../shared/api/validation-words';
import type { TokenCreateBody } from '../api/tokens.api';

export const TOKEN_FORM_FIELDS = ['address', 'symbol', 'name', 'instrumentSymbol', 'searchQuery'] as const;
export type TokenFormField = (typeof TOKEN_FORM_FIELDS)[number];
export type TokenFormValues = Record<TokenFormField, string>;
export type TokenFormProblems = Partial<Record<TokenFormField, string>>;

export const TOKEN_FORM_LABELS: Readonly<Record<TokenFormField, string>> = {
  address: 'Contract address',
  symbol: 'Symbol',
  name: 'Name',
  instrumentSymbol: 'Price instrument',
  searchQuery: 'Search query',
};

export const EMPTY_TOKEN_FORM: TokenFormValues = {
  address: '',
  symbol: '',
  name: '',
  instrumentSymbol: '',
  searchQuery: '',
};

const isField = (name: string): name is TokenFormField => (TOKEN_FORM_FIELDS as readonly string[]).includes(name);

interface Issue {
  path: string;
  message: string;
}

/** The contract's own messages name what is expected ("an address as 0x ..."): read as "must be an address ...". */
const asRule = (message: string) => (/^an? /.test(message) ? `must be ${message}` : message);

/** The first problem of each field, as a sentence named by the form's label; issues about no field are left out. */
function problemsOf(issues: readonly Issue[]): TokenFormProblems {
  const problems: TokenFormProblems = {};
  for (const { path, message } of issues) {
    const field = path.split('.')[0] ?? '';
    if (!isField(field) || problems[field]) continue;
    problems[field] = describeFieldProblem(TOKEN_FORM_LABELS[field], asRule(message));
  }
  return problems;
}

/** The request body, blanks left out so the server applies its defaults. */
export function tokenFormBody(values: TokenFormValues): TokenCreateBody {
  const body: TokenCreateBody = { address: values.address.trim(), symbol: values.symbol.trim() };
  for (const field of ['name', 'instrumentSymbol', 'searchQuery'] as const) {
    const value = values[field].trim();
    if (value !== '') body[field] = value;
  }
  return body;
}

/** Checks the form with the API's own schema before sending, so the answer is the same as the server's. */
export function checkTokenForm(
  values: TokenFormValues,
): { ok: true; body: TokenCreateBody } | { ok: false; problems: TokenFormProblems } {
  const body = tokenFormBody(values);
  const parsed = tokenCreateSchema.safeParse(body);
  if (parsed.success) return { ok: true, body };
  return {
    ok: false,
    problems: problemsOf(parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))),
  };
}

/**
 * The server's refusal split into the fields it names (VALIDATION_FAILED details, shown under each input) and
 * a message for the rest (a token already watched, no permission, the network).
 */
export function describeTokenFormError(error: unknown): { fields: TokenFormProblems; message: string | null } {
  if (!(error instanceof ApiError)) return { fields: {}, message: errorMessage(error) };
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(error.details)) {
    const issues = (error.details as unknown[]).flatMap((d) => {
      const { path, message } = (d ?? {}) as { path?: unknown; message?: unknown };
      return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
    });
    const fields = problemsOf(issues);
    if (Object.keys(fields).length > 0) return { fields, message: null };
  }
  return { fields: {}, message: error.message };
}
