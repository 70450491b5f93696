// Entry of a compute worker thread. Workers do not inherit the parent's TypeScript loader (on Node 20 neither
// tsx's module.register() hooks nor `--import tsx` in execArgv reach a worker's entry), so each worker
// registers tsx itself, exactly as bin/marketlens.mjs does for the main thread. This works the same under
// `npm start`, the Docker image (tsx is a production dependency), the CLI and vitest.
import { register } from 'tsx/esm/api';

register();
await import('./compute-worker.ts');
