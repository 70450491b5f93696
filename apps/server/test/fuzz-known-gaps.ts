import type { LightMyRequestResponse } from 'fastify';

// Answers the HTTP fuzz test tolerates, each a gap it found whose fix lies outside the test files (reported,
// and listed in docs/reliability.md). Each is counted by name on the fuzz report line; when its fix lands,
// delete its entry here and the count must stay 0 from then on because the answer fails the test.
// Empty today: the router's own answers now use the error shape (app.ts frameworkErrors) and strategy
// versions above int4 are a 400 (contracts).

interface KnownGap {
  name: string;
  matches(url: string, res: LightMyRequestResponse): boolean;
}

const KNOWN_GAPS: readonly KnownGap[] = [];

/** The name of the known gap this answer falls under, if any. */
export function knownGapOf(url: string, res: LightMyRequestResponse): string | undefined {
  return KNOWN_GAPS.find((gap) => gap.matches(url, res))?.name;
}
