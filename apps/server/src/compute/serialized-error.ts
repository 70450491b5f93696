import type { ErrorClass } from './compute-task';

/**
 * An error as it crosses a thread boundary. Structured clone keeps only message and stack of an Error (and
 * turns every custom class into a plain Error), so the fields travel separately and the class by name.
 */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** Own enumerable fields (HttpError's statusCode/code/details, InsufficientDataError's required ...). */
  fields: Record<string, unknown>;
  cause?: { error: SerializedError } | { value: unknown };
}

const MAX_CAUSE_DEPTH = 5;
const SKIPPED = new Set(['message', 'stack', 'cause']);

export function serializeError(thrown: unknown, depth = 0): SerializedError {
  if (!(thrown instanceof Error))
    return { name: 'Error', message: String(thrown), fields: { thrown: cloneable(thrown) } };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(thrown)) {
    if (!SKIPPED.has(key) && isCloneable(value)) fields[key] = value;
  }
  const out: SerializedError = { name: thrown.name, message: thrown.message, fields };
  if (thrown.stack !== undefined) out.stack = thrown.stack;
  if (thrown.cause !== undefined && depth < MAX_CAUSE_DEPTH) {
    out.cause =
      thrown.cause instanceof Error
        ? { error: serializeError(thrown.cause, depth + 1) }
        : { value: cloneable(thrown.cause) };
  }
  return out;
}

/**
 * The error again, as an instance of its class when the class is among `classes` (found by name), else of
 * the standard error class of that name, else a plain Error carrying the name. The constructor is not
 * called (its arguments are unknown here); the instance gets the original message, stack and fields.
 */
export function reviveError(serialized: SerializedError, classes: readonly ErrorClass[] = []): Error {
  const Class = classes.find((c) => c.name === serialized.name) ?? standardErrorClass(serialized.name);
  const error: Error = Class ? Object.create(Class.prototype as object) : new Error();
  define(error, 'message', serialized.message);
  define(error, 'stack', serialized.stack ?? `${serialized.name}: ${serialized.message}`);
  Object.assign(error, serialized.fields);
  if (!Class && serialized.name !== 'Error') define(error, 'name', serialized.name);
  if (serialized.cause) {
    const cause = 'error' in serialized.cause ? reviveError(serialized.cause.error, classes) : serialized.cause.value;
    define(error, 'cause', cause);
  }
  return error;
}

const STANDARD_ERRORS: readonly ErrorClass[] = [
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
];
const standardErrorClass = (name: string) => STANDARD_ERRORS.find((c) => c.name === name);

/** Like the engine's own: writable, configurable, not enumerable. */
function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

function isCloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

const cloneable = (value: unknown) => (isCloneable(value) ? value : String(value));
