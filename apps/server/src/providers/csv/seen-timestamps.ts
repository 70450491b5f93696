/**
 * The timestamps a CSV parse has accepted, each with a number the caller stores beside it (the parser keeps
 * line and value hash). Exports are nearly always in time order, so while every new timestamp is above the
 * last one they sit in two growing Float64Arrays: a timestamp above the last cannot be a repeat (no lookup
 * at all) and any other is found by binary search. The first one out of order moves everything into a Map.
 * For a 1M-row file in order that is 16 MB of arrays instead of a million Map entries (a quarter of the
 * parser's CPU time went to the Map).
 */
export class SeenTimestamps {
  private ts = new Float64Array(1024);
  private info = new Float64Array(1024);
  private count = 0;
  private map: Map<number, number> | null = null;

  /** The number stored with `ts`, or undefined if it was never added. */
  get(ts: number): number | undefined {
    if (this.map) return this.map.get(ts);
    const n = this.count;
    if (n === 0 || ts > this.ts[n - 1]!) return undefined;
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.ts[mid]!;
      if (at === ts) return this.info[mid]!;
      if (at < ts) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** Adds a timestamp that get() did not find. */
  add(ts: number, info: number): void {
    if (this.map) {
      this.map.set(ts, info);
      return;
    }
    const n = this.count;
    if (n > 0 && !(ts > this.ts[n - 1]!)) {
      this.toMap().set(ts, info);
      return;
    }
    if (n === this.ts.length) {
      this.ts = grow(this.ts);
      this.info = grow(this.info);
    }
    this.ts[n] = ts;
    this.info[n] = info;
    this.count = n + 1;
  }

  private toMap(): Map<number, number> {
    const map = new Map<number, number>();
    for (let i = 0; i < this.count; i++) map.set(this.ts[i]!, this.info[i]!);
    this.map = map;
    this.ts = new Float64Array(0);
    this.info = new Float64Array(0);
    this.count = 0;
    return map;
  }
}

function grow(array: Float64Array): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
