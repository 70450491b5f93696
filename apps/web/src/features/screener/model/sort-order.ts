// The table's sort as the server reads it: "ret3m" ascending, "-ret3m" descending, null = the server's order.

export interface SortState {
  field: string;
  descending: boolean;
}

export function parseSort(sort: string | null | undefined): SortState | null {
  const text = sort?.trim();
  if (!text) return null;
  return text.startsWith('-')
    ? { field: text.slice(1), descending: true }
    : { field: text.replace(/^\+/, ''), descending: false };
}

export function formatSort(state: SortState | null): string | null {
  return state ? `${state.descending ? '-' : ''}${state.field}` : null;
}

/**
 * A click on a column's header: a new numeric column sorts biggest first (what a screen looks for), a text column
 * A to Z; a second click on the same column reverses it.
 */
export function nextSort(current: string | null, field: string, type: 'number' | 'text'): string {
  const state = parseSort(current);
  if (state?.field === field) return formatSort({ field, descending: !state.descending })!;
  return formatSort({ field, descending: type === 'number' })!;
}

/** aria-sort of a header. */
export function ariaSort(current: string | null, field: string): 'ascending' | 'descending' | 'none' {
  const state = parseSort(current);
  if (state?.field !== field) return 'none';
  return state.descending ? 'descending' : 'ascending';
}
