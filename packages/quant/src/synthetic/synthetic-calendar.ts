const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Trading session in UTC minutes; bars are generated only inside it. */
export interface SyntheticSession {
  openMinuteUtc: number;
  lengthMinutes: number;
}

export interface CalendarSlot {
  ts: number;
  /** Position of the bar inside its session in [0, 1], or null for 24-hour series. */
  sessionPosition: number | null;
}

/** 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday. No Date: quant has no clock. */
export function utcWeekday(ts: number): number {
  return (((Math.floor(ts / DAY_MS) + 4) % 7) + 7) % 7;
}

const isWeekend = (ts: number): boolean => {
  const day = utcWeekday(ts);
  return day === 0 || day === 6;
};

/**
 * Produces `count` bar open times from `start`.
 * - with a session: bars every timeframe inside [open, open + length) of each (week)day, from the day of `start`;
 * - daily without a session: one bar at 00:00 UTC per calendar day (weekends skipped when asked);
 * - otherwise a continuous 24/7 grid.
 */
export function buildCalendar(
  start: number,
  count: number,
  timeframeMs: number,
  session: SyntheticSession | undefined,
  skipWeekends: boolean,
): CalendarSlot[] {
  const slots: CalendarSlot[] = [];
  if (session) {
    const barsPerSession = Math.floor((session.lengthMinutes * MINUTE_MS) / timeframeMs);
    if (barsPerSession < 1) throw new RangeError('session is shorter than one bar');
    for (let day = Math.floor(start / DAY_MS) * DAY_MS; slots.length < count; day += DAY_MS) {
      if (skipWeekends && isWeekend(day)) continue;
      const open = day + session.openMinuteUtc * MINUTE_MS;
      for (let k = 0; k < barsPerSession && slots.length < count; k++) {
        const ts = open + k * timeframeMs;
        if (ts < start) continue;
        slots.push({ ts, sessionPosition: barsPerSession === 1 ? 0.5 : k / (barsPerSession - 1) });
      }
    }
    return slots;
  }
  if (timeframeMs === DAY_MS) {
    for (let day = Math.ceil(start / DAY_MS) * DAY_MS; slots.length < count; day += DAY_MS) {
      if (skipWeekends && isWeekend(day)) continue;
      slots.push({ ts: day, sessionPosition: null });
    }
    return slots;
  }
  for (let i = 0; i < count; i++) slots.push({ ts: start + i * timeframeMs, sessionPosition: null });
  return slots;
}

/**
 * U-shaped intraday profile: highest at the open and the close, lowest at midday (the well-known
 * intraday volatility/volume "smile"). `depth` is how much higher the ends are than the middle.
 * Normalised so the mean of its square over a uniform session is 1, which keeps the average per-bar
 * variance equal to the configured regime variance.
 */
export function uShape(position: number, depth: number): number {
  const x = 2 * position - 1;
  // E[(1 + d x^2)^2] for x uniform on [-1, 1] = 1 + 2d/3 + d^2/5.
  const norm = Math.sqrt(1 + (2 * depth) / 3 + (depth * depth) / 5);
  return (1 + depth * x * x) / norm;
}
