import { useMemo, useState } from 'react';
import { useMemeTokens } from '../../features/memecoins/api/tokens.api';
import { AddTokenForm } from '../../features/memecoins/components/add-token-form';
import { CollectButton } from '../../features/memecoins/components/collect-button';
import { CollectorsPanel } from '../../features/memecoins/components/collectors-panel';
import { TokenTable } from '../../features/memecoins/components/token-table';
import { sortTokens, type ScoreOrder } from '../../features/memecoins/model/sort-tokens';
import { hasRole, useSession } from '../../shared/api/use-session';
import { PageHeader, Panel } from '../../shared/ui/panel';
import { EmptyState, ErrorNotice, Loading } from '../../shared/ui/states';

/** /memecoins: the watched tokens by risk score, the collectors feeding them, and (analysts) adding a token. */
export default function MemeRadarPage() {
  const { user } = useSession();
  // Analysts and admins add tokens and start collections (the routes' own roles); viewers read.
  const canEdit = hasRole(user?.role, 'analyst');
  const tokens = useMemeTokens();
  const [order, setOrder] = useState<ScoreOrder>('desc');
  const sorted = useMemo(() => (tokens.data ? sortTokens(tokens.data.tokens, order) : []), [tokens.data, order]);

  return (
    <>
      <PageHeader
        title="Meme Radar"
        description="Watched ERC-20 tokens scored 0–100 for pump-and-dump, wash trading and holder risk from their transfers, price and posts."
        actions={canEdit ? <CollectButton /> : undefined}
      />
      <div className="flex flex-col gap-4">
        <Panel title="Tokens">
          {tokens.isPending ? (
            <Loading label="Loading the tokens…" />
          ) : tokens.isError ? (
            <ErrorNotice error={tokens.error} title="Could not load the tokens" onRetry={() => void tokens.refetch()} />
          ) : sorted.length === 0 ? (
            <EmptyState title="No token is watched yet">
              {canEdit ? 'Add one with its contract address below.' : 'An analyst adds tokens to watch.'}
            </EmptyState>
          ) : (
            <>
              <TokenTable tokens={sorted} order={order} onOrder={setOrder} />
              <p className="mt-2 text-xs text-slate-500">
                Risk: below 30 low, 30–59 elevated, 60 and above high; the arrow compares with the previous assessment
                (up = riskier).
              </p>
            </>
          )}
        </Panel>
        <div className="grid grid-cols-1 items-start gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          {canEdit ? <AddTokenForm /> : null}
          <CollectorsPanel />
        </div>
      </div>
    </>
  );
}
