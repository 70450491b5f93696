export const webDist: string;
export function webBuildIsStale(): boolean;
export function ensureWebBuild(): void;
