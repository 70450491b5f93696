// Wall-clock time in an IANA zone -> UTC epoch ms, with Intl as the only time-zone database.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a RangeError naming the zone when Intl does not know it. */
export function assertTimeZone(timeZone: string): void {
  try {
    formatterFor(timeZone);
  } catch (cause) {
    throw new RangeError(`unknown IANA time zone "${timeZone}"`, { cause });
  }
}

/** Offset of `timeZone` from UTC at instant `utcMs`, in ms (New York in winter: -5 h). */
export function zoneOffsetMs(timeZone: string, utcMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(utcMs);
  const field: Record<string, number> = {};
  let bc = false;
  for (const part of parts) {
    if (part.type === 'era') bc = part.value === 'BC' || part.value === 'B';
    else if (part.type !== 'literal') field[part.type] = Number(part.value);
  }
  const year = bc ? 1 - (field.year ?? 0) : (field.year ?? 0);
  const asUtc = Date.UTC(
    year,
    (field.month ?? 1) - 1,
    field.day ?? 1,
    field.hour ?? 0,
    field.minute ?? 0,
    field.second ?? 0,
  );
  // Intl drops milliseconds, so compare against the instant truncated to the second.
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * Converts a wall-clock time (given as if it were UTC, i.e. Date.UTC of its fields) in `timeZone` to the
 * UTC instant. DST is resolved like Temporal's "compatible" disambiguation: a time that occurs twice
 * (autumn fall-back) takes the earlier instant; a time skipped by spring-forward moves forward by the gap
 * (02:30 on the New York spring-forward day becomes 03:30 EDT).
 */
export function zonedWallTimeToUtc(wallAsUtcMs: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return wallAsUtcMs;
  const before = zoneOffsetMs(timeZone, wallAsUtcMs - 86_400_000);
  const after = zoneOffsetMs(timeZone, wallAsUtcMs + 86_400_000);
  // Try the offset in force a day earlier first: for an ambiguous time that yields the earlier instant.
  for (const offset of before === after ? [before] : [before, after]) {
    const candidate = wallAsUtcMs - offset;
    if (zoneOffsetMs(timeZone, candidate) === offset) return candidate;
  }
  // Neither offset reproduces the wall time: it fell in a spring-forward gap; shift it by the gap.
  return wallAsUtcMs - before;
}

const BUCKET_MS = 900_000;
const MAX_CACHED_BUCKETS = 100_000;

/**
 * A converter for one zone that memoises the offset per 15-minute wall-clock bucket: Intl formatting
 * costs microseconds and a 1M-row file repeats the same few thousand hours. Zone transitions happen on
 * 15-minute boundaries (in every zone since the early 20th century), so one offset serves a whole bucket.
 */
export function createZoneConverter(timeZone: string): (wallAsUtcMs: number) => number {
  assertTimeZone(timeZone);
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return (wall) => wall;
  const offsets = new Map<number, number>();
  return (wall) => {
    const bucket = Math.floor(wall / BUCKET_MS);
    let shift = offsets.get(bucket);
    if (shift === undefined) {
      if (offsets.size >= MAX_CACHED_BUCKETS) offsets.clear();
      const bucketStart = bucket * BUCKET_MS;
      shift = zonedWallTimeToUtc(bucketStart, timeZone) - bucketStart;
      offsets.set(bucket, shift);
    }
    return wall + shift;
  };
}
