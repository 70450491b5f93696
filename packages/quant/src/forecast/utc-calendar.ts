// Civil-date arithmetic on epoch milliseconds without Date (quant is clock-free and host-independent):
// Howard Hinnant's days_from_civil / civil_from_days (http://howardhinnant.github.io/date_algorithms.html),
// exact for the proleptic Gregorian calendar.

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a UTC civil date (month 1-12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** UTC civil date of a timestamp: month 1-12, weekday 0 = Sunday (like Date#getUTCDay). */
export function utcCivil(ts: number): { year: number; month: number; day: number; weekday: number } {
  const z = Math.floor(ts / DAY_MS);
  const weekday = (((z + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const shifted = z + 719_468;
  const era = Math.floor(shifted / 146_097);
  const doe = shifted - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day, weekday };
}

/** Epoch ms of "YYYY-MM-DD" at 00:00 UTC; throws on anything else. */
export function parseIsoDate(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) throw new RangeError(`expected a date as YYYY-MM-DD, got "${text}"`);
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) * DAY_MS;
}
