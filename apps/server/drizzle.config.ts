import { defineConfig } from 'drizzle-kit';

// Generates SQL migrations from the one schema (npm run db:generate -w apps/server). The same files run
// on PGlite and PostgreSQL (src/db/migrate.ts), so no dialect-specific hand edits belong in ./drizzle. The one
// custom migration (0003_timescale_bars) checks for TimescaleDB itself and is a no-op without it.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
