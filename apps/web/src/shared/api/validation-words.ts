import { ApiError } from './api-error';

/**
 * The validator's default messages (zod's, on the client and in the server's VALIDATION_FAILED details)
 * name the rule for a programmer: "Too small: expected string to have >=1 characters". These say what to
 * type instead. Messages written for people in the schemas ("may contain letters, digits ...") pass through.
 */
const RULES: [RegExp, (...groups: string[]) => string][] = [
  [/^Too small: expected string to have >=1 characters?$/, () => 'is required'],
  [/^Invalid input: expected \w+, received undefined$/, () => 'is required'],
  [/^Too small: expected string to have >=(\d+) characters$/, (n) => `must be at least ${n} characters long`],
  [/^Too big: expected string to have <=(\d+) characters$/, (n) => `must be at most ${n} characters long`],
  [/^Too small: expected \w+ to be >=(\S+)$/, (n) => `must be at least ${n}`],
  [/^Too small: expected \w+ to be >(\S+)$/, (n) => `must be more than ${n}`],
  [/^Too big: expected \w+ to be <=(\S+)$/, (n) => `must be at most ${n}`],
  [/^Too big: expected \w+ to be <(\S+)$/, (n) => `must be less than ${n}`],
  [
    /^Invalid option: expected one of (.+)$/,
    (list) => `must be one of ${list.replaceAll('"', '').split('|').join(', ')}`,
  ],
  [/^Invalid input: expected (?:number|int), received \w+$/, () => 'must be a number'],
  [/^Invalid input: expected string, received \w+$/, () => 'must be text'],
  [/^Invalid (ISO datetime|ISO date|email address|UUID|URL)$/, (what) => `must be a valid ${what}`],
  [/^Invalid string: must match pattern .*$/, () => 'contains characters that are not allowed'],
];

/** One validator message in plain words, without the field name: "is required", "must be at most 8". */
export function plainRule(message: string): string {
  for (const [pattern, words] of RULES) {
    const match = pattern.exec(message);
    if (match) return words(...match.slice(1));
  }
  return message;
}

/** "Symbol" + "Too small: expected string to have >=1 characters" -> "Symbol is required." */
export function describeFieldProblem(label: string, message: string): string {
  const sentence = `${label} ${plainRule(message)}`;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** "covarianceType" -> "Covariance type": a readable name for a field no label was given for. */
function fieldName(path: string): string {
  if (path === '' || path === '(root)') return 'The request';
  const last = path.split('.').pop() ?? path;
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Each field the server's VALIDATION_FAILED answer objects to, one sentence per field (the first problem
 * of each), named by the form's own labels; empty for any other error.
 */
export function validationProblems(error: unknown, labels: Readonly<Record<string, string>> = {}): string[] {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details)) return [];
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const detail of error.details as unknown[]) {
    if (typeof detail !== 'object' || detail === null) continue;
    const { path, message } = detail as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') continue;
    const key = typeof path === 'string' ? path : '';
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(describeFieldProblem(labels[key] ?? fieldName(key), message));
  }
  return problems;
}
