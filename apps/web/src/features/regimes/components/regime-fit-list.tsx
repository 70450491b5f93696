import type { RegimeFit } from '@marketlens/contracts';
import { useState } from 'react';
import { formatDateTime } from '../../../shared/format/format';
import { Badge, type BadgeTone } from '../../../shared/ui/badge';
import { Button } from '../../../shared/ui/button';
import { cx } from '../../../shared/ui/cx';
import { Table, Td, Th } from '../../../shared/ui/table';

const STATUS_TONE: Record<RegimeFit['status'], BadgeTone> = {
  queued: 'neutral',
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
};

interface RegimeFitListProps {
  fits: readonly RegimeFit[];
  selected: string | null;
  onOpen: (id: string) => void;
  /** Absent for viewers: they may look, not delete. */
  onDelete?: (id: string) => void;
  deleting: string | null;
}

export function RegimeFitList({ fits, selected, onOpen, onDelete, deleting }: RegimeFitListProps) {
  // Deleting takes two clicks on the same row, so a stray click loses nothing.
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <Table data-testid="regime-fits" aria-label="Past fits">
      <thead>
        <tr>
          <Th>When</Th>
          <Th>K · cov</Th>
          <Th>Features</Th>
          <Th>Status</Th>
          {onDelete ? <Th className="w-0" /> : null}
        </tr>
      </thead>
      <tbody>
        {fits.map((fit) => {
          const isSelected = fit.id === selected;
          const k = fit.result?.nStates ?? fit.options.states;
          return (
            <tr
              key={fit.id}
              data-testid={`regime-fit-row-${fit.id}`}
              aria-selected={isSelected}
              tabIndex={0}
              onClick={() => onOpen(fit.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') onOpen(fit.id);
              }}
              className={cx(
                'cursor-pointer outline-none focus-visible:bg-sky-50',
                isSelected ? 'bg-sky-50 shadow-[inset_3px_0_0_0_#0284c7]' : 'hover:bg-slate-50',
              )}
            >
              <Td className="text-xs whitespace-nowrap text-slate-600">
                {formatDateTime(fit.createdAt)}
                {fit.source === 'csv' ? <span className="block text-slate-400">CSV upload</span> : null}
              </Td>
              <Td className="font-mono text-xs whitespace-nowrap">
                {k}
                {fit.options.states === 'auto' ? <span className="text-slate-400"> (auto)</span> : null} ·{' '}
                {fit.options.covarianceType}
              </Td>
              <Td className="font-mono text-xs text-slate-600">{fit.options.features.join(', ')}</Td>
              <Td>
                <span title={fit.error ?? undefined}>
                  <Badge tone={STATUS_TONE[fit.status]}>{fit.status}</Badge>
                </span>
              </Td>
              {onDelete ? (
                <Td className="text-right">
                  <Button
                    variant={confirming === fit.id ? 'danger' : 'ghost'}
                    size="sm"
                    data-testid={`regime-fit-delete-${fit.id}`}
                    disabled={deleting === fit.id}
                    onClick={(e) => {
                      e.stopPropagation();
                      if (confirming === fit.id) onDelete(fit.id);
                      else setConfirming(fit.id);
                    }}
                    onBlur={() => setConfirming(null)}
                  >
                    {deleting === fit.id ? 'Deleting…' : confirming === fit.id ? 'Confirm' : 'Delete'}
                  </Button>
                </Td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
