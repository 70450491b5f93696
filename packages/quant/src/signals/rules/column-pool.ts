type Column = Float64Array | Uint8Array;

/**
 * Scratch columns of the batch rule evaluator, handed back when a backtest pass ends and reused by the next
 * pass over as many bars. A pass over a million bars needs a few 8 MB columns, and in a heap that holds a
 * million bar objects each burst of fresh ArrayBuffers makes V8 run a full garbage collection (it collects
 * on external-memory growth), which costs more than the pass itself. Columns are held through WeakRefs, so
 * the pool never keeps memory alive against a collection. A taken column has stale contents: its user
 * writes every entry.
 */
class ColumnPool {
  private free: Array<WeakRef<Column>> = [];

  take64(length: number): Float64Array {
    return (this.take(length, Float64Array) as Float64Array | undefined) ?? new Float64Array(length);
  }

  take8(length: number): Uint8Array {
    return (this.take(length, Uint8Array) as Uint8Array | undefined) ?? new Uint8Array(length);
  }

  giveBack(columns: Iterable<Column>): void {
    this.free = this.free.filter((ref) => ref.deref() !== undefined);
    for (const column of new Set(columns)) {
      if (this.free.length >= MAX_POOLED) return;
      this.free.push(new WeakRef(column));
    }
  }

  private take(length: number, type: typeof Float64Array | typeof Uint8Array): Column | undefined {
    for (let i = this.free.length - 1; i >= 0; i--) {
      const column = this.free[i]!.deref();
      if (column !== undefined && column.length === length && column instanceof type) {
        this.free.splice(i, 1);
        return column;
      }
    }
    return undefined;
  }
}

const MAX_POOLED = 64;

export const COLUMN_POOL = new ColumnPool();
