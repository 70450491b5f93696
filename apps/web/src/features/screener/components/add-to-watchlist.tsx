import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../../shared/api/api-error';
import { Button } from '../../../shared/ui/button';
import { Select, TextInput } from '../../../shared/ui/field';
import { useAddToWatchlist, useCreateWatchlist, useWatchlists } from '../api/watchlists.api';

/** The select's value for "make a new watchlist with this stock". */
const NEW_WATCHLIST = 'new';

/**
 * The drawer's stock onto one of your watchlists, or onto a new one named here (created holding it, in one
 * request). Lists that already hold it are named above instead of offered. Analysts and admins.
 */
export function AddToWatchlist({ symbol }: { symbol: string }) {
  const watchlists = useWatchlists();
  const create = useCreateWatchlist();
  const add = useAddToWatchlist();
  const [target, setTarget] = useState('');
  const [name, setName] = useState('');
  const [addedTo, setAddedTo] = useState<string | null>(null);

  const lists = watchlists.data?.watchlists ?? [];
  const holding = lists.filter((w) => w.symbols.some((s) => s.symbol === symbol));
  const offered = lists.filter((w) => !holding.includes(w));
  // The choice made, while it is still on offer; else the first list that lacks the stock, else a new one.
  const chosen =
    target === NEW_WATCHLIST || offered.some((w) => w.id === target) ? target : (offered[0]?.id ?? NEW_WATCHLIST);
  const failure = create.error ?? add.error ?? watchlists.error;
  const pending = create.isPending || add.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.reset();
    add.reset();
    setAddedTo(null);
    if (chosen !== NEW_WATCHLIST) {
      add.mutate({ id: chosen, symbol }, { onSuccess: (w) => setAddedTo(w.name) });
      return;
    }
    const listName = name.trim();
    if (!listName) return;
    create.mutate(
      { name: listName, symbols: [symbol] },
      {
        onSuccess: (w) => {
          setAddedTo(w.name);
          setName('');
          setTarget('');
        },
      },
    );
  };

  return (
    <section aria-label="Watchlists" data-testid="drawer-watchlists" className="flex flex-col gap-1.5">
      <p className="text-xs text-slate-500" data-testid="drawer-watchlists-holding">
        {holding.length > 0 ? `On ${holding.map((w) => `“${w.name}”`).join(', ')}` : 'On none of your watchlists'}
      </p>
      <form onSubmit={submit} className="flex flex-wrap items-center gap-1.5">
        <label className="sr-only" htmlFor="watchlist-target">
          Watchlist to add {symbol} to
        </label>
        <Select
          id="watchlist-target"
          data-testid="watchlist-target"
          className="py-1 text-[13px]"
          style={{ width: 170 }}
          disabled={watchlists.isPending}
          value={chosen}
          onChange={(e) => setTarget(e.target.value)}
        >
          {offered.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
          <option value={NEW_WATCHLIST}>New watchlist…</option>
        </Select>
        {chosen === NEW_WATCHLIST ? (
          <>
            <label className="sr-only" htmlFor="watchlist-new-name">
              Name of the new watchlist
            </label>
            <TextInput
              id="watchlist-new-name"
              data-testid="watchlist-new-name"
              className="py-1 text-[13px]"
              style={{ width: 160 }}
              placeholder="Name"
              maxLength={120}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </>
        ) : null}
        <Button
          size="sm"
          type="submit"
          data-testid="watchlist-add"
          disabled={pending || watchlists.isPending || (chosen === NEW_WATCHLIST && !name.trim())}
        >
          Add {symbol}
        </Button>
      </form>
      {addedTo ? (
        <p role="status" data-testid="watchlist-added" className="text-xs text-emerald-700">
          Added {symbol} to “{addedTo}”.
        </p>
      ) : null}
      {failure ? (
        <p role="alert" data-testid="watchlist-add-error" className="text-xs text-rose-700">
          {errorMessage(failure)}
        </p>
      ) : null}
    </section>
  );
}
