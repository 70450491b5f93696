import type { ScreenView } from './screen-view';

/** What the page asks the server to screen: everything that changes the rows or their order. */
export interface ScreenRequest {
  /** Null: the server's default universe (the one with the newest snapshot). */
  universeId: string | null;
  /** Null: the universe's latest snapshot. */
  asOf: string | null;
  filter: string;
  /** "-ret3m" = descending; null = the server's order. */
  sort: string | null;
  view: ScreenView;
}
