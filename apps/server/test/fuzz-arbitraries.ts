import fc from 'fast-check';

// Hostile inputs for the fuzz tests (test-only): wrong types, huge and non-finite numbers, deep nesting, long
// strings, unicode, injection strings and path traversal names, plus values shaped by a JSON Schema so that
// generated objects get past the first field and exercise the validation of every other one.

/** Strings that have broken parsers, queries, templates and file paths elsewhere. */
export const INJECTION_STRINGS: readonly string[] = [
  "' OR '1'='1' --",
  '"; DROP TABLE users; --',
  '1; SELECT pg_sleep(10)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${jndi:ldap://127.0.0.1/a}',
  '{{constructor.constructor("return process")()}}',
  '$(touch /tmp/pwned)',
  '=HYPERLINK("http://127.0.0.1")',
  '%s%s%s%n',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '....//....//etc/passwd',
  '/etc/passwd\u0000.csv',
  'file:///etc/passwd',
  'http://169.254.169.254/latest/meta-data/',
  '\u0000',
  '\ud800',
  '\ufeff',
  '\u202etxt.exe',
  'Z\u0351\u0362\u0337a\u0334\u0344lgo',
  '𝕸𝖆𝖗𝖐𝖊𝖙',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x1F',
  '',
  ' ',
  'null',
  'undefined',
  '[]',
  '{}',
];

const EXTREME_NUMBERS = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER + 2,
  -(2 ** 63),
  2 ** 64,
  1e21,
  0.1 + 0.2,
];

/** Nests a value `depth` times in arrays or in objects. */
function nest(depth: number, inObjects: boolean): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = inObjects ? { a: value } : [value];
  return value;
}

/** An object whose own key is `__proto__` (as JSON.parse makes it), not one that changes its prototype. */
const protoKeyed = (inner: unknown): unknown =>
  Object.defineProperty({}, '__proto__', { value: inner, enumerable: true, writable: true, configurable: true });

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...INJECTION_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 100_000 }).map((n) => 'A'.repeat(n)) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

/** A value that is wrong for almost any field. `jsonSafe` leaves out what JSON cannot carry (BigInt). */
export function hostileValue(jsonSafe: boolean): fc.Arbitrary<unknown> {
  const leaves: fc.Arbitrary<unknown>[] = [
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.constantFrom(...EXTREME_NUMBERS),
    hostileString,
    fc.uuid(),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  ];
  if (!jsonSafe) leaves.push(fc.bigInt(), fc.constant(undefined));
  const leaf = fc.oneof(...leaves);
  return fc.oneof(
    { weight: 6, arbitrary: leaf },
    { weight: 1, arbitrary: fc.integer({ min: 20, max: 1_500 }).chain((d) => fc.boolean().map((o) => nest(d, o))) },
    { weight: 1, arbitrary: leaf.map(protoKeyed) },
    { weight: 1, arbitrary: fc.array(leaf, { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => new Array<number>(n).fill(7)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/** A JSON Schema node, as z.toJSONSchema and @fastify/swagger write them (only what we read). */
export interface JsonSchemaNode {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  allOf?: JsonSchemaNode[];
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode | JsonSchemaNode[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  $defs?: Record<string, JsonSchemaNode>;
  definitions?: Record<string, JsonSchemaNode>;
  components?: { schemas?: Record<string, JsonSchemaNode> };
}

function resolveRef(ref: string, root: JsonSchemaNode): JsonSchemaNode | undefined {
  let node: unknown = root;
  for (const part of ref.replace(/^#\/?/, '').split('/')) {
    if (part === '') continue;
    node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node as JsonSchemaNode | undefined;
}

function stringFor(node: JsonSchemaNode): fc.Arbitrary<string> {
  switch (node.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'date-time':
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    case 'date':
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'uri':
    case 'url':
      return fc.webUrl();
  }
  if (node.pattern) {
    try {
      return fc.stringMatching(new RegExp(node.pattern)).filter((s) => s.length <= 200);
    } catch {
      // a pattern JavaScript cannot compile: fall through to plain strings
    }
  }
  const min = node.minLength ?? 0;
  return fc.string({ minLength: min, maxLength: Math.max(min, Math.min(node.maxLength ?? 24, 60)) });
}

function numberFor(node: JsonSchemaNode, integer: boolean): fc.Arbitrary<number> {
  const min = node.minimum ?? -1e6;
  const max = node.maximum ?? 1e6;
  const edges = fc.constantFrom(min, max, min - 1, max + 1, 0);
  const inside = integer
    ? fc.integer({ min: Math.max(Math.ceil(min), -2e9), max: Math.min(Math.floor(max), 2e9) })
    : fc.double({ min, max, noNaN: true });
  return fc.oneof(inside, edges);
}

/**
 * Values shaped by a JSON Schema, with a hostile value in place of any field now and then: mostly-valid
 * objects whose one bad field must be the one the validator names. `root` resolves `$ref`s.
 */
export function shapedBy(
  node: JsonSchemaNode,
  root: JsonSchemaNode,
  jsonSafe: boolean,
  depth = 0,
): fc.Arbitrary<unknown> {
  const hostile = hostileValue(jsonSafe);
  if (depth > 5) return hostile;
  return fc.oneof({ weight: 4, arbitrary: guided(node, root, jsonSafe, depth) }, { weight: 1, arbitrary: hostile });
}

function guided(node: JsonSchemaNode, root: JsonSchemaNode, jsonSafe: boolean, depth: number): fc.Arbitrary<unknown> {
  const next = (n: JsonSchemaNode) => shapedBy(n, root, jsonSafe, depth + 1);
  if (node.$ref) {
    const target = resolveRef(node.$ref, root);
    return target ? next(target) : hostileValue(jsonSafe);
  }
  if (node.const !== undefined) return fc.constant(node.const);
  if (node.enum && node.enum.length > 0) return fc.constantFrom(...node.enum);
  const union = node.anyOf ?? node.oneOf ?? node.allOf;
  if (union && union.length > 0) return fc.oneof(...union.map(next));
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  switch (type) {
    case 'object': {
      const props = Object.entries(node.properties ?? {});
      const record = fc.record(Object.fromEntries(props.map(([k, v]) => [k, next(v)])), { requiredKeys: [] });
      const extra = fc.option(fc.tuple(hostileString, hostileValue(jsonSafe)), { freq: 4 });
      return fc.tuple(record, extra).map(([obj, more]) => (more ? { ...obj, [more[0]]: more[1] } : obj));
    }
    case 'array': {
      const items = Array.isArray(node.items) ? node.items[0] : node.items;
      return fc.array(items ? next(items) : hostileValue(jsonSafe), { maxLength: 6 });
    }
    case 'string':
      return stringFor(node);
    case 'integer':
      return numberFor(node, true);
    case 'number':
      return numberFor(node, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return hostileValue(jsonSafe);
  }
}

/**
 * What a query string or path parameter can be once parsed: strings (or repeated keys), shaped by the
 * schema when it gives a format, pattern or enum, hostile otherwise.
 */
export function queryValue(node: JsonSchemaNode, root: JsonSchemaNode): fc.Arbitrary<string | string[]> {
  const shaped = shapedBy(node, root, true).map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? '')));
  const one = fc.oneof({ weight: 3, arbitrary: shaped }, { weight: 2, arbitrary: hostileString });
  return fc.oneof(
    { weight: 5, arbitrary: one },
    { weight: 1, arbitrary: fc.array(one, { minLength: 2, maxLength: 3 }) },
  );
}
