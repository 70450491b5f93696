import { Ajv, type ErrorObject } from 'ajv';

// Render publishes its Blueprint schema only on its website (render.com/schema/render.yaml.json), in no npm
// package and under no license, so it is not vendored here. This is a strict schema written from Render's
// Blueprint YAML reference (render.com/docs/blueprint-spec): the fields this project uses or might, every
// enum the reference lists, and no unknown field anywhere, so a misspelt key fails here as it would there.

const str = { type: 'string', minLength: 1 } as const;
const strings = { type: 'array', items: str } as const;
/** A service's type, also what fromService names. */
const serviceType = { enum: ['web', 'pserv', 'worker', 'cron', 'keyvalue', 'redis'] } as const;
const ipAllowList = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['source'],
    properties: { source: str, description: str },
  },
} as const;

const fromDatabase = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'property'],
  properties: { name: str, property: { enum: ['host', 'port', 'database', 'user', 'password', 'connectionString'] } },
} as const;
const fromService = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'name'],
  properties: {
    type: serviceType,
    name: str,
    property: { enum: ['host', 'port', 'hostport', 'connectionString'] },
    envVarKey: str,
  },
  oneOf: [{ required: ['property'] }, { required: ['envVarKey'] }],
} as const;

const keyed = (source: Record<string, unknown>, required: string) => ({
  type: 'object',
  additionalProperties: false,
  required: ['key', required],
  properties: { key: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }, previewValue: str, ...source },
});
/** One source per variable: a literal, a generated secret, a value asked for on sync, or a reference. */
const envVar = {
  oneOf: [
    keyed({ value: { type: ['string', 'number', 'boolean'] } }, 'value'),
    keyed({ generateValue: { const: true } }, 'generateValue'),
    keyed({ sync: { const: false } }, 'sync'),
    keyed({ fromDatabase }, 'fromDatabase'),
    keyed({ fromService }, 'fromService'),
    { type: 'object', additionalProperties: false, required: ['fromGroup'], properties: { fromGroup: str } },
  ],
} as const;
/** Environment groups hold literals and generated values only (no references, nothing asked on sync). */
const groupEnvVar = { oneOf: [envVar.oneOf[0], envVar.oneOf[1]] } as const;

const service = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'name'],
  properties: {
    type: serviceType,
    name: str,
    runtime: { enum: ['docker', 'image', 'node', 'python', 'ruby', 'go', 'rust', 'elixir', 'static'] },
    plan: str,
    region: { enum: ['oregon', 'ohio', 'virginia', 'frankfurt', 'singapore'] },
    repo: str,
    branch: str,
    rootDir: str,
    autoDeploy: { type: 'boolean' },
    autoDeployTrigger: { enum: ['off', 'commit', 'checksPass'] },
    buildFilter: {
      type: 'object',
      additionalProperties: false,
      properties: { paths: strings, ignoredPaths: strings },
    },
    buildCommand: str,
    startCommand: str,
    preDeployCommand: str,
    dockerfilePath: str,
    dockerContext: str,
    dockerCommand: str,
    image: {
      type: 'object',
      additionalProperties: false,
      required: ['url'],
      properties: { url: str, creds: { type: 'object' } },
    },
    registryCredential: { type: 'object' },
    healthCheckPath: { type: 'string', pattern: '^/' },
    numInstances: { type: 'integer', minimum: 1 },
    scaling: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minInstances: { type: 'integer' },
        maxInstances: { type: 'integer' },
        targetMemoryPercent: { type: 'integer' },
        targetCPUPercent: { type: 'integer' },
      },
    },
    maxShutdownDelaySeconds: { type: 'integer', minimum: 1, maximum: 300 },
    domains: strings,
    envVars: { type: 'array', items: envVar },
    disk: { type: 'object', required: ['name', 'mountPath'] },
    schedule: str,
    staticPublishPath: str,
    pullRequestPreviewsEnabled: { type: 'boolean' },
    previews: { type: 'object' },
    routes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'source', 'destination'],
        properties: {
          type: { enum: ['rewrite', 'redirect'] },
          source: { type: 'string', pattern: '^/' },
          destination: str,
        },
      },
    },
    headers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'name', 'value'],
        properties: { path: { type: 'string', pattern: '^/' }, name: str, value: str },
      },
    },
    ipAllowList,
    maxmemoryPolicy: {
      enum: [
        'allkeys-lfu',
        'allkeys-lru',
        'allkeys-random',
        'noeviction',
        'volatile-lfu',
        'volatile-lru',
        'volatile-random',
        'volatile-ttl',
      ],
    },
  },
  allOf: [
    // Key Value: no runtime or build, an allow list is required.
    {
      if: { properties: { type: { const: 'keyvalue' } } },
      then: { required: ['ipAllowList'], not: { required: ['runtime'] } },
    },
    { if: { properties: { type: { not: { enum: ['keyvalue', 'redis'] } } } }, then: { required: ['runtime'] } },
    { if: { required: ['healthCheckPath'] }, then: { properties: { type: { const: 'web' } } } },
    {
      if: { required: ['runtime'], properties: { runtime: { const: 'static' } } },
      then: { required: ['staticPublishPath'], properties: { type: { const: 'web' } } },
    },
    { if: { required: ['staticPublishPath'] }, then: { properties: { runtime: { const: 'static' } } } },
    {
      if: { anyOf: [{ required: ['routes'] }, { required: ['headers'] }] },
      then: { properties: { runtime: { const: 'static' } } },
    },
    {
      if: { anyOf: [{ required: ['dockerfilePath'] }, { required: ['dockerCommand'] }] },
      then: { properties: { runtime: { const: 'docker' } } },
    },
    { if: { required: ['runtime'], properties: { runtime: { const: 'image' } } }, then: { required: ['image'] } },
  ],
} as const;

const blueprintSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { const: '1' },
    previews: { type: 'object' },
    projects: { type: 'array' },
    ungrouped: { type: 'object' },
    services: { type: 'array', items: service },
    envVarGroups: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'envVars'],
        properties: { name: str, envVars: { type: 'array', items: groupEnvVar } },
      },
    },
    databases: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: str,
          databaseName: str,
          user: str,
          plan: str,
          previewPlan: str,
          region: { enum: ['oregon', 'ohio', 'virginia', 'frankfurt', 'singapore'] },
          postgresMajorVersion: { type: ['string', 'integer'], pattern: '^[0-9]+$' },
          diskSizeGB: { type: 'integer' },
          highAvailability: { type: 'object' },
          readReplicas: { type: 'array' },
          ipAllowList,
        },
      },
    },
  },
} as const;

const validate = new Ajv({ allErrors: true, strict: false }).compile(blueprintSchema);

const describe = (e: ErrorObject) =>
  `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`;

/** Problems of a parsed render.yaml against the documented Blueprint fields (empty = valid). */
export function blueprintSchemaProblems(blueprint: unknown): string[] {
  return validate(blueprint) ? [] : [...new Set((validate.errors ?? []).map(describe))];
}
