import type { MemeToken } from '@marketlens/contracts';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../../shared/format/format';
import { shortHex } from '../model/hex';
import { CopyButton } from './copy-button';
import { MemeSyntheticBadge } from './meme-synthetic-badge';
import { RiskScore } from './risk-score';

/** Symbol, name, address (short, full in the title, copyable), current score and trend; actions on the right. */
export function TokenHeader({ token, actions }: { token: MemeToken; actions?: ReactNode }) {
  return (
    <div data-testid="token-header" className="mb-5 flex flex-wrap items-start justify-between gap-3">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-xl font-semibold tracking-tight text-slate-900" data-testid="token-symbol">
            {token.symbol}
          </h1>
          {token.synthetic ? <MemeSyntheticBadge /> : null}
          {token.trusted ? (
            <span className="text-xs text-slate-500" title="On the trusted list: transfer flags are informational">
              trusted ({token.trusted})
            </span>
          ) : null}
          <RiskScore score={token.riskScore} trend={token.trend} previous={token.previousScore} size="lg" />
        </div>
        <p className="mt-0.5 text-sm text-slate-600">{token.name ?? 'No name given'}</p>
        <div className="mt-1 flex flex-wrap items-center gap-1 text-xs text-slate-500">
          <span>Ethereum</span>
          <span aria-hidden>·</span>
          <span data-testid="token-address" data-value={token.address} title={token.address} className="font-mono">
            {shortHex(token.address, 10, 8)}
          </span>
          <CopyButton value={token.address} label={`Copy the address ${token.address}`} />
          <span aria-hidden>·</span>
          <span>last assessed {token.lastAssessedAt ? formatDateTime(token.lastAssessedAt) : 'never'}</span>
        </div>
      </div>
      {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
    </div>
  );
}
