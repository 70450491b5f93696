#!/usr/bin/env node
// The `marketlens` command. It runs the CLI's bundle for the current sources (cli-bundle.mjs), building it on
// first use after a change; where it cannot be built or written (a read-only install, a syntax error), it
// runs the TypeScript through tsx as before (no build step is ever required; see docs/decisions.md).
import { buildBundle, sourceFingerprint } from './cli-bundle.mjs';

async function bundledEntry() {
  if (process.env.MARKETLENS_CLI_BUNDLE === '0') return undefined;
  try {
    return await buildBundle(sourceFingerprint());
  } catch {
    return undefined;
  }
}

const entry = await bundledEntry();
if (entry) {
  // Stack traces point at the TypeScript lines, as under tsx.
  process.setSourceMapsEnabled(true);
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
