import { describe, expect, it } from 'vitest';
import { importQuerySchema } from './market-data.schema';

describe('importQuerySchema', () => {
  it('accepts a known IANA time zone and defaults to UTC', () => {
    expect(importQuerySchema.parse({ timezone: 'America/New_York' }).timezone).toBe('America/New_York');
    expect(importQuerySchema.parse({}).timezone).toBe('UTC');
  });

  it('rejects an unknown time zone with a message that says what to send', () => {
    const result = importQuerySchema.safeParse({ timezone: 'Mars/Olympus' });
    expect(result.success, 'the import would otherwise fail inside the CSV parser').toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be an IANA time zone such as UTC or America/New_York');
  });
});
