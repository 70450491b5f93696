/**
 * JSON snapshots of the engine's in-memory state (indicators, rule history, position), so a live engine
 * restarts from its last bar instead of replaying history. Generic over plain fields: numbers (NaN and
 * infinities included), strings, booleans, arrays, typed arrays and nested objects; functions are skipped
 * (they are configuration, rebuilt from the strategy). Restoring writes into the freshly built objects of the
 * same strategy version, so class instances keep their prototypes.
 */
export type Snapshot = number | string | boolean | null | Snapshot[] | { [key: string]: Snapshot };

type TypedArray =
  Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;
const TYPED: Record<string, new (values: number[]) => TypedArray> = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
};

const encodeNumber = (x: number): Snapshot => (Number.isFinite(x) ? x : { $n: String(x) });

export function captureState(value: unknown): Snapshot {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return encodeNumber(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const ta = value as TypedArray;
    return { $ta: ta.constructor.name, v: Array.from(ta, encodeNumber) };
  }
  if (Array.isArray(value)) return value.map(captureState);
  if (typeof value === 'object') {
    const out: Record<string, Snapshot> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'function') continue;
      out[k] = captureState(v);
    }
    return { $o: out };
  }
  return null;
}

function isRecord(x: Snapshot): x is { [key: string]: Snapshot } {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** A value from a snapshot, built fresh (plain objects for `$o`). */
export function decodeState(snap: Snapshot): unknown {
  if (!isRecord(snap)) return Array.isArray(snap) ? snap.map(decodeState) : snap;
  if ('$n' in snap) return Number(snap.$n);
  if ('$ta' in snap) {
    const Ctor = TYPED[String(snap.$ta)];
    if (!Ctor) throw new Error(`snapshot: unknown typed array ${String(snap.$ta)}`);
    return new Ctor((snap.v as Snapshot[]).map((x) => decodeState(x) as number));
  }
  if ('$o' in snap) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(snap.$o as Record<string, Snapshot>)) out[k] = decodeState(v);
    return out;
  }
  throw new Error('snapshot: unrecognised value');
}

/** Writes `snap` (captured from an object of the same shape) into `target`, in place where it can. */
export function restoreState(target: object, snap: Snapshot): void {
  if (!isRecord(snap) || !('$o' in snap)) throw new Error('snapshot: expected an object');
  const fields = snap.$o as Record<string, Snapshot>;
  const t = target as Record<string, unknown>;
  for (const [key, value] of Object.entries(fields)) {
    const current = t[key];
    if (
      isRecord(value) &&
      '$o' in value &&
      current !== null &&
      typeof current === 'object' &&
      !ArrayBuffer.isView(current)
    ) {
      restoreState(current, value);
    } else if (Array.isArray(value) && Array.isArray(current) && current.length === value.length) {
      value.forEach((v, i) => {
        const item: unknown = current[i];
        if (isRecord(v) && '$o' in v && item !== null && typeof item === 'object') restoreState(item, v);
        else current[i] = decodeState(v);
      });
    } else if (
      isRecord(value) &&
      '$ta' in value &&
      ArrayBuffer.isView(current) &&
      (current as TypedArray).length === (value.v as Snapshot[]).length
    ) {
      (current as TypedArray).set(decodeState(value) as TypedArray);
    } else {
      t[key] = decodeState(value);
    }
  }
}
