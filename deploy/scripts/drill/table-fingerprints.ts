import type pg from 'pg';

/** What the drill compares for one table (row count + checksum of every row) or sequence (its position). */
export interface Fingerprint {
  /** schema.name */
  name: string;
  kind: 'table' | 'sequence';
  rows: number;
  /** md5 of all rows as text, sorted; for a sequence its last value and is_called. */
  checksum: string;
}

/** Every table and sequence in the public schema, plus drizzle's record of applied migrations. */
const OBJECTS_SQL = `
  select n.nspname as schema, c.relname as name, case c.relkind when 'S' then 'sequence' else 'table' end as kind
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p', 'S')
    and (n.nspname = 'public' or (n.nspname = 'drizzle' and c.relname in ('__drizzle_migrations', '__drizzle_migrations_id_seq')))
  order by 1, 2`;

const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Fingerprints of every object, read through `client` (inside the caller's transaction, so a snapshot holds).
 * Rows are compared as their text form ordered byte-wise (collate "C"), which is the same on any server.
 */
export async function tableFingerprints(client: pg.ClientBase): Promise<Fingerprint[]> {
  const objects = await client.query<{ schema: string; name: string; kind: Fingerprint['kind'] }>(OBJECTS_SQL);
  const result: Fingerprint[] = [];
  for (const { schema, name, kind } of objects.rows) {
    const relation = `${quote(schema)}.${quote(name)}`;
    if (kind === 'sequence') {
      const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
        `select last_value::text, is_called from ${relation}`,
      );
      const row = rows[0];
      result.push({ name: `${schema}.${name}`, kind, rows: 1, checksum: `${row?.last_value}/${row?.is_called}` });
      continue;
    }
    const { rows } = await client.query<{ rows: string; checksum: string }>(
      `select count(*)::text as rows,
              md5(coalesce(string_agg(drill_row::text, E'\\n' order by drill_row::text collate "C"), '')) as checksum
       from ${relation} drill_row`,
    );
    result.push({
      name: `${schema}.${name}`,
      kind,
      rows: Number(rows[0]?.rows ?? 0),
      checksum: rows[0]?.checksum ?? '',
    });
  }
  return result;
}
