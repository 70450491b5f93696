export const webDist: string;
export function webBuildIsStale(): boolean;
export function ensureWebBuild(): void;
/** Takes a lock file holding this process's pid, waiting up to `waitMs` while a live process holds it. */
export function acquireBuildLock(lockPath: string, waitMs?: number): () => void;
