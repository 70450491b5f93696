import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layout rules of DESIGN.md §1 live in eslint.config.js; these cases prove each one bites.
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${filePath}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('dependency rules (lint)', () => {
  it('keeps quant free of our packages, Node APIs, env and the clock', async () => {
    expect(
      await restrictedImports(
        'packages/quant/src/x.ts',
        "import { z } from '@marketlens/contracts';\nexport const a = z;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'packages/quant/src/x.ts',
        "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
      ),
    ).toHaveLength(1);
    expect(await restrictedImports('packages/quant/src/x.ts', 'export const now = Date.now();\n')).toHaveLength(1);
    expect(await restrictedImports('packages/quant/src/x.ts', 'export const env = process.env.X;\n')).toHaveLength(1);
  });

  it('keeps contracts free of our other packages', async () => {
    expect(
      await restrictedImports(
        'packages/contracts/src/x.ts',
        "import { a } from '@marketlens/quant';\nexport const b = a;\n",
      ),
    ).toHaveLength(1);
  });

  it('lets web import contracts and quant but not the server', async () => {
    expect(
      await restrictedImports('apps/web/src/x.ts', "import { a } from '@marketlens/contracts';\nexport const b = a;\n"),
    ).toEqual([]);
    expect(
      await restrictedImports('apps/web/src/x.ts', "import { a } from '@marketlens/server';\nexport const b = a;\n"),
    ).toHaveLength(1);
    expect(
      await restrictedImports('apps/web/src/x.ts', "import { a } from '../../server/src/app';\nexport const b = a;\n"),
    ).toHaveLength(1);
  });

  it('keeps the server out of the web app', async () => {
    expect(
      await restrictedImports('apps/server/src/x.ts', "import { a } from '../../web/src/main';\nexport const b = a;\n"),
    ).toHaveLength(1);
  });

  it("lets a module import another module's service but not its store or routes", async () => {
    const file = 'apps/server/src/modules/instruments/x.ts';
    expect(await restrictedImports(file, "import { a } from '../auth/users.service';\nexport const b = a;\n")).toEqual(
      [],
    );
    expect(
      await restrictedImports(file, "import { a } from '../auth/users.store';\nexport const b = a;\n"),
    ).toHaveLength(1);
    expect(
      await restrictedImports(file, "import { a } from '../auth/auth.routes';\nexport const b = a;\n"),
    ).toHaveLength(1);
    expect(await restrictedImports(file, "import { a } from './bars.store';\nexport const b = a;\n")).toEqual([]);
  });
});
