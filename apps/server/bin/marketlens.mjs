#!/usr/bin/env node
// The `marketlens` command: runs the TypeScript CLI through tsx (no build step; see docs/decisions.md).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
