/** The TypeScript projects `npm run typecheck` checks (folders with a tsconfig.json). */
export const PROJECTS: readonly string[];
