/**
 * Wilder's true range: the bar's range extended to the previous close, max(H - L, |H - C'|, |L - C'|),
 * written as max(H, C') - min(L, C'). With H >= L the two are the same subtraction of the same two numbers
 * in every case, so the result is bit-identical to the three-way max, with two comparisons instead of four.
 */
export function trueRange(high: number, low: number, previousClose: number): number {
  return (high > previousClose ? high : previousClose) - (low < previousClose ? low : previousClose);
}
