import type { Timeline } from '@marketlens/contracts';
import { worseLevel, type FlagCode, type FlagLevel } from './flag-words';

export interface FlagMarker {
  /** Unique per marker: code and time. */
  key: string;
  t: number;
  code: FlagCode;
  /** The worst level any assessment gave the flag at this time. */
  level: FlagLevel;
  message: string;
  /** The newest assessment that raised it here: its evidence is the one the panel shows. */
  assessmentId: string;
  /** How many assessments raised it at this time. */
  assessments: number;
}

/**
 * The timeline's flags as markers. Every assessment repeats the flags still present, pointing at the same bar or
 * transaction, so the same code at the same time is one marker (the newest assessment's message and evidence),
 * not a pile of identical ones. Newest is read from the risk points' times; ordered by time, then code.
 */
export function flagMarkers(timeline: Pick<Timeline, 'flags' | 'risk'>): FlagMarker[] {
  const assessedAt = new Map(timeline.risk.map((r) => [r.assessmentId, r.t]));
  const byKey = new Map<string, FlagMarker & { at: number }>();
  for (const flag of timeline.flags) {
    const key = `${flag.code}@${flag.t}`;
    const at = assessedAt.get(flag.assessmentId) ?? -Infinity;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, {
        key,
        t: flag.t,
        code: flag.code,
        level: flag.level,
        message: flag.message,
        assessmentId: flag.assessmentId,
        assessments: 1,
        at,
      });
      continue;
    }
    seen.assessments += 1;
    seen.level = worseLevel(seen.level, flag.level);
    if (at >= seen.at) Object.assign(seen, { message: flag.message, assessmentId: flag.assessmentId, at });
  }
  return [...byKey.values()]
    .sort((a, b) => a.t - b.t || a.code.localeCompare(b.code))
    .map(({ at: _at, ...marker }) => marker);
}

/**
 * Rows for markers drawn at pixel positions `xs` (in the order given, sorted by x) so that no two in a row are
 * closer than `gap` px: each goes in the lowest row whose last marker is far enough away. Null x (off the time
 * axis) gets row 0 and is not drawn.
 */
export function stackRows(xs: readonly (number | null)[], gap: number): number[] {
  const lastInRow: number[] = [];
  return xs.map((x) => {
    if (x === null) return 0;
    let row = lastInRow.findIndex((last) => x - last >= gap);
    if (row === -1) row = lastInRow.length;
    lastInRow[row] = x;
    return row;
  });
}

/** How far past the plot's edge a marker still counts as on it: the first and last bars sit half a bar out. */
const EDGE_PX = 3;

/**
 * Where a marker of width `size` is drawn: its x kept inside the plot so a flag on the first or last bar is not
 * cut in half, or null when it is scrolled out of view (or has no place on the axis).
 */
export function laneX(x: number | null | undefined, plotWidth: number, size: number): number | null {
  if (x === null || x === undefined || x < -EDGE_PX || x > plotWidth + EDGE_PX) return null;
  return Math.min(Math.max(x, size / 2), Math.max(size / 2, plotWidth - size / 2));
}
