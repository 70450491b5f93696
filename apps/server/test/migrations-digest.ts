import { createHash, type Hash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsFolder } from '../src/db/migrate';

/**
 * Feeds every file of the migrations folder (its name and bytes, in name order) into `hash`. The tests' migrated
 * templates (a PGlite folder, a PostgreSQL database) are named by it, so a changed migration gets a new one.
 */
export function hashMigrations(hash: Hash = createHash('sha256')): Hash {
  for (const file of readdirSync(migrationsFolder, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(migrationsFolder, file);
    if (statSync(path).isFile()) hash.update(file).update(readFileSync(path));
  }
  return hash;
}
