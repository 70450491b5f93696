import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as contracts from '@marketlens/contracts';
import { hostileValue, queryValue, shapedBy, type JsonSchemaNode } from './fuzz-arbitraries';
import { assertParameters, brief, fuzzSettings, reportFuzz, runsAt } from './fuzz-settings';

// Every zod schema the contracts package exports (request bodies, query strings, path parameters, and the
// responses too) meets generated hostile and half-valid inputs in-process. The HTTP layer validates with
// these same schemas (fastify-type-provider-zod's safeParse), so a schema that throws here is a 500 there.

const settings = fuzzSettings();
/** Request-side schemas get more inputs than response schemas, which only ever see our own data. */
const REQUEST_SIDE = /(Request|Query|Params?|Create|Update|Rename|Symbols|Definition)Schema$/;
const QUERY_SIDE = /(Query|Params?)Schema$/;
const RUNS = { request: 300, other: 40 };
/**
 * Far above a normal parse (microseconds; a 50,000-element array with an issue per element takes ~0.4 s): a
 * schema this slow on one input has super-linear (e.g. regex backtracking) cost, a denial-of-service risk.
 */
const SLOW_PARSE_MS = 5_000;

const schemas = Object.entries(contracts as Record<string, unknown>)
  .filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType)
  .sort(([a], [b]) => a.localeCompare(b));

/** Inputs for one schema: hostile values, values shaped by its JSON Schema, and for query schemas string maps. */
function inputsFor(name: string, schema: z.ZodType): fc.Arbitrary<unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
  const arbitraries = [hostileValue(false), shapedBy(json, json, false)];
  if (QUERY_SIDE.test(name) && json.properties) {
    const entries = Object.entries(json.properties).map(([k, v]) => [k, queryValue(v, json)] as const);
    arbitraries.push(fc.record(Object.fromEntries(entries), { requiredKeys: [] }));
  }
  return fc.oneof(...arbitraries);
}

describe('fuzz: every contracts schema', () => {
  it(
    'never throws, hangs or rejects without saying why, whatever it is given',
    () => {
      expect(schemas.length, 'the contracts package exports its schemas').toBeGreaterThan(100);
      let inputs = 0;
      let rejected = 0;
      let requestSchemas = 0;
      let slowest = { ms: 0, schema: '' };
      for (const [name, schema] of schemas) {
        const requestSide = REQUEST_SIDE.test(name);
        if (requestSide) requestSchemas += 1;
        const numRuns = runsAt(settings, requestSide ? RUNS.request : RUNS.other);
        const property = fc.property(inputsFor(name, schema), (input) => {
          const started = performance.now();
          const result = schema.safeParse(input);
          const ms = performance.now() - started;
          if (ms > slowest.ms) slowest = { ms, schema: name };
          if (ms > SLOW_PARSE_MS) throw new Error(`${name} took ${ms.toFixed(0)} ms on one input`);
          if (!result.success) {
            rejected += 1;
            if (result.error.issues.length === 0) throw new Error(`${name} rejected an input without an issue`);
          }
        });
        try {
          fc.assert(property, assertParameters(settings, numRuns));
        } catch (err) {
          throw new Error(`schema ${name} (replay with FUZZ_SEED=${settings.seed}): ${brief(err)}`);
        }
        inputs += numRuns;
      }
      reportFuzz('contracts schemas', settings, {
        schemas: schemas.length,
        requestSchemas,
        inputs,
        rejected,
        crashes: 0,
        slowestMs: slowest.ms.toFixed(1),
        slowestSchema: slowest.schema,
      });
    },
    60_000 * settings.scale,
  );
});
