import { formatInteger } from '../../../shared/format/format';
import { formatShare } from '../../../shared/format/metric-format';
import { Panel } from '../../../shared/ui/panel';
import { ErrorNotice, Loading } from '../../../shared/ui/states';
import { NumTd, Table, Td, Th } from '../../../shared/ui/table';
import { useHolders } from '../api/token-activity.api';
import { formatTokenAmount } from '../model/token-amount';
import { HexValue } from './hex-value';

function Stat({ label, value, testId, title }: { label: string; value: string; testId: string; title?: string }) {
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200" title={title}>
      <dt className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase">{label}</dt>
      <dd data-testid={testId} className="font-mono text-base font-semibold tabular-nums">
        {value}
      </dd>
    </div>
  );
}

const share = (value: number | null) => (value === null ? '—' : formatShare(value));

/**
 * Who holds the token: top-10 share, HHI, holder count and the largest holders. On a partial history the
 * balances are only net flows over the collected transfers, and the page says so.
 */
export function HoldersPanel({
  address,
  decimals,
  synthetic,
}: {
  address: string;
  decimals: number;
  synthetic: boolean;
}) {
  const holders = useHolders(address);
  return (
    <Panel title="Holder concentration">
      {holders.isPending ? (
        <Loading label="Loading the holders…" />
      ) : holders.isError ? (
        <ErrorNotice error={holders.error} onRetry={() => void holders.refetch()} />
      ) : (
        <div data-testid="holders-panel" data-history={holders.data.history} className="flex flex-col gap-3">
          {holders.data.history === 'partial' ? (
            <p data-testid="holders-partial" className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">
              Partial history: the transfers do not start at the token&rsquo;s creation, so balances below are net flows
              over the collected window, not holdings; supply, holder count and shares are unknown.
            </p>
          ) : null}
          <dl className="grid grid-cols-3 gap-2">
            <Stat label="Top-10 share" value={share(holders.data.topShare)} testId="holders-top-share" />
            <Stat
              label="HHI"
              value={holders.data.hhi === null ? '—' : holders.data.hhi.toFixed(3)}
              testId="holders-hhi"
              title="Herfindahl-Hirschman index of the balances, 0..1 (1 = one holder); 0.15 and 0.25 are the warn and danger cut-offs"
            />
            <Stat
              label="Holders"
              value={holders.data.holders === null ? '—' : formatInteger(holders.data.holders)}
              testId="holders-count"
            />
          </dl>
          {holders.data.top.length === 0 ? (
            <p className="text-sm text-slate-500">No transfers collected yet, so no holders are known.</p>
          ) : (
            <Table data-testid="holders-table" aria-label="Top holders">
              <thead>
                <tr>
                  <Th>Address</Th>
                  <Th className="text-right">{holders.data.history === 'partial' ? 'Net flow' : 'Balance'}</Th>
                  <Th className="text-right">Share</Th>
                </tr>
              </thead>
              <tbody>
                {holders.data.top.map((h) => (
                  <tr key={h.address} data-testid="holder-row">
                    <Td>
                      <HexValue value={h.address} kind="address" synthetic={synthetic} />
                    </Td>
                    <NumTd>
                      <span title={`${h.balance} base units`}>{formatTokenAmount(h.balance, decimals)}</span>
                    </NumTd>
                    <NumTd>{share(h.share)}</NumTd>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </div>
      )}
    </Panel>
  );
}
