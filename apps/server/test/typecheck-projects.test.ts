import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECTS } from '../../../scripts/typecheck.mjs';

// `npm run typecheck` (scripts/typecheck.mjs) lists its projects by hand: a new project with a tsconfig.json
// that the list forgets would never be type-checked.

const ROOT = resolve(import.meta.dirname, '../../..');

function foldersWithTsconfig(dir: string, depth: number): string[] {
  const entries = readdirSync(join(ROOT, dir), { withFileTypes: true });
  const here = entries.some((e) => e.isFile() && e.name === 'tsconfig.json') ? [dir] : [];
  if (depth === 0) return here;
  return [
    ...here,
    ...entries
      .filter((e) => e.isDirectory() && !['node_modules', '.git', 'dist'].includes(e.name) && !e.name.startsWith('.'))
      .flatMap((e) => foldersWithTsconfig(dir === '' ? e.name : `${dir}/${e.name}`, depth - 1)),
  ];
}

describe('npm run typecheck', () => {
  it('checks every folder that has a tsconfig.json, and only those', () => {
    expect([...PROJECTS].sort()).toEqual(foldersWithTsconfig('', 2).sort());
  });
});
