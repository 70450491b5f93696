import type { Watchlist } from '@marketlens/contracts';
import { errorMessage } from '../../../shared/api/api-error';
import { ConfirmButton } from '../../../shared/ui/confirm-button';
import { Panel } from '../../../shared/ui/panel';
import { EmptyState, ErrorNotice, Loading } from '../../../shared/ui/states';
import { useDeleteWatchlist, useRemoveFromWatchlist, useWatchlists } from '../api/watchlists.api';

interface WatchlistsPanelProps {
  /** Analysts and admins change watchlists; viewers see theirs. */
  canEdit: boolean;
  /** Open a symbol in the stock drawer. */
  onOpen: (symbol: string) => void;
}

/** Your watchlists with their symbols: open one in the drawer, take one off, or delete a whole list. */
export function WatchlistsPanel({ canEdit, onOpen }: WatchlistsPanelProps) {
  const watchlists = useWatchlists();
  const remove = useRemoveFromWatchlist();
  const drop = useDeleteWatchlist();
  const failure = remove.error ?? drop.error;

  return (
    <Panel title="Watchlists">
      <div data-testid="watchlists-panel" className="flex flex-col gap-3">
        {watchlists.isPending ? (
          <Loading label="Loading watchlists…" />
        ) : watchlists.isError ? (
          <ErrorNotice error={watchlists.error} onRetry={() => void watchlists.refetch()} />
        ) : watchlists.data.watchlists.length === 0 ? (
          <EmptyState title="No watchlists yet">
            {canEdit ? 'Open a stock and add it to a new watchlist.' : 'An analyst can make watchlists.'}
          </EmptyState>
        ) : (
          <ul className="flex flex-col gap-3">
            {watchlists.data.watchlists.map((watchlist) => (
              <WatchlistItem
                key={watchlist.id}
                watchlist={watchlist}
                canEdit={canEdit}
                onOpen={onOpen}
                onRemove={(symbol) => remove.mutate({ id: watchlist.id, symbol })}
                onDelete={() => drop.mutate(watchlist.id)}
              />
            ))}
          </ul>
        )}
        {failure ? (
          <p role="alert" data-testid="watchlist-error" className="text-xs text-rose-700">
            {errorMessage(failure)}
          </p>
        ) : null}
      </div>
    </Panel>
  );
}

interface WatchlistItemProps {
  watchlist: Watchlist;
  canEdit: boolean;
  onOpen: (symbol: string) => void;
  onRemove: (symbol: string) => void;
  onDelete: () => void;
}

function WatchlistItem({ watchlist, canEdit, onOpen, onRemove, onDelete }: WatchlistItemProps) {
  const { name, symbols } = watchlist;
  return (
    <li data-testid="watchlist" data-name={name} data-count={symbols.length} className="flex flex-col gap-1.5">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-800">
          {name} <span className="font-normal text-slate-500">({symbols.length})</span>
        </h3>
        {canEdit ? (
          <ConfirmButton
            label="Delete"
            ariaLabel={`Delete watchlist ${name}`}
            question={`Delete “${name}”?`}
            testId="watchlist-delete"
            onConfirm={onDelete}
          />
        ) : null}
      </div>
      {symbols.length === 0 ? (
        <p className="text-xs text-slate-500">No symbols yet.</p>
      ) : (
        <ul className="flex flex-wrap gap-1.5" aria-label={`Symbols on ${name}`}>
          {symbols.map(({ symbol }) => (
            <li
              key={symbol}
              data-testid="watchlist-symbol"
              data-symbol={symbol}
              className="inline-flex items-center rounded-md bg-slate-100 ring-1 ring-slate-200"
            >
              <button
                type="button"
                onClick={() => onOpen(symbol)}
                className="px-2 py-0.5 font-mono text-xs text-slate-800 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500"
              >
                {symbol}
              </button>
              {canEdit ? (
                <button
                  type="button"
                  data-testid="watchlist-remove"
                  aria-label={`Remove ${symbol} from ${name}`}
                  onClick={() => onRemove(symbol)}
                  className="rounded-r-md px-1.5 py-0.5 text-xs text-slate-500 hover:bg-rose-50 hover:text-rose-700 focus-visible:outline-2 focus-visible:outline-sky-500"
                >
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
