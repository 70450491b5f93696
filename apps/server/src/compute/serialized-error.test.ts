import { describe, expect, it } from 'vitest';
import { BadRequestError, HttpError } from '../http/http-errors';
import { reviveError, serializeError } from './serialized-error';

// Across real threads in compute-pool.test.ts; here the edge cases, through structuredClone as postMessage does.
const roundTrip = (thrown: unknown, classes: Parameters<typeof reviveError>[1] = []) =>
  reviveError(structuredClone(serializeError(thrown)), classes);

describe('serializeError / reviveError', () => {
  it('revives a declared class with its fields and a cause of another declared class', () => {
    const cause = new BadRequestError('INNER', 'inner problem', { row: 3 });
    const err = roundTrip(new HttpError(409, 'OUTER', 'outer problem', { a: 1 }, { cause }), [
      HttpError,
      BadRequestError,
    ]);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ statusCode: 409, code: 'OUTER', message: 'outer problem', details: { a: 1 } });
    expect(err.cause).toBeInstanceOf(BadRequestError);
    expect(err.cause).toMatchObject({ statusCode: 400, code: 'INNER', details: { row: 3 } });
    expect(Object.keys(err), 'message and stack stay non-enumerable, as on a thrown error').not.toContain('message');
  });

  it('revives standard errors as their class without being told', () => {
    const err = roundTrip(new TypeError('x is not a function'));
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toBe('x is not a function');
  });

  it('turns a thrown non-error into an Error naming it, and drops fields that cannot cross threads', () => {
    expect(roundTrip('plain string').message).toBe('plain string');
    const odd = Object.assign(new Error('has a function'), { callback: () => 1, kept: [1, 2] });
    const err = roundTrip(odd);
    expect(err).toMatchObject({ message: 'has a function', kept: [1, 2] });
    expect(err).not.toHaveProperty('callback');
  });
});
