// Types of cli-bundle.mjs for the TypeScript that imports it (its test).
export function fingerprintOf(files: readonly string[]): string;
export function sourceFingerprint(): string;
export function currentBundle(fingerprint: string): string | undefined;
export function buildBundle(fingerprint: string): Promise<string>;
