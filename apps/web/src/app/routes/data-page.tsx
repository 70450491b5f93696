import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { INSTRUMENTS_QUERY_KEY, useInstruments } from '../../features/instruments/api/instruments.api';
import { InstrumentChartPanel } from '../../features/instruments/components/instrument-chart-panel';
import { InstrumentTable } from '../../features/instruments/components/instrument-table';
import { filterInstruments } from '../../features/instruments/model/filter-instruments';
import { RecentUploads } from '../../features/uploads/components/recent-uploads';
import { UploadPanel } from '../../features/uploads/components/upload-panel';
import { hasRole, useSession } from '../../shared/api/use-session';
import { TextInput } from '../../shared/ui/field';
import { PageHeader, Panel } from '../../shared/ui/panel';
import { EmptyState, ErrorNotice, Loading } from '../../shared/ui/states';

export default function DataPage() {
  const { user } = useSession();
  const instruments = useInstruments();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const list = instruments.data?.instruments ?? [];
  // The selection lives in the URL so a reload or a shared link shows the same chart.
  const selected = list.find((i) => i.symbol === params.get('symbol')) ?? list[0] ?? null;
  const canUpload = hasRole(user?.role, 'analyst');
  const [query, setQuery] = useState('');
  const shown = filterInstruments(list, query);

  return (
    <>
      <PageHeader title="Data" description="Instruments, stored bars and CSV uploads." />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <Panel title="Instruments" className="self-start">
          {instruments.isPending ? (
            <Loading label="Loading instruments…" />
          ) : instruments.isError ? (
            <ErrorNotice error={instruments.error} onRetry={() => void instruments.refetch()} />
          ) : list.length === 0 ? (
            <EmptyState title="No instruments yet">
              {canUpload ? 'Upload a CSV below to add one.' : 'An analyst can upload price data.'}
            </EmptyState>
          ) : (
            <>
              <TextInput
                type="search"
                aria-label="Filter instruments"
                placeholder={`Filter ${list.length} instruments by symbol or name`}
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                className="mb-3 w-full"
              />
              {shown.length === 0 ? (
                <EmptyState title={`No instrument matches "${query.trim()}"`} />
              ) : (
                <InstrumentTable
                  instruments={shown}
                  selected={selected?.symbol ?? null}
                  onSelect={(symbol) => setParams({ symbol }, { replace: true })}
                />
              )}
            </>
          )}
        </Panel>
        <div className="min-w-0">
          {selected ? (
            <InstrumentChartPanel key={selected.symbol} instrument={selected} />
          ) : (
            <Panel title="Chart">
              <EmptyState title="Select an instrument to chart it" />
            </Panel>
          )}
        </div>
      </div>
      <div className="mt-5 grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        {canUpload ? (
          <UploadPanel onUploaded={() => void queryClient.invalidateQueries({ queryKey: INSTRUMENTS_QUERY_KEY })} />
        ) : (
          <Panel title="Upload CSV">
            <p className="text-sm text-slate-500">Uploading needs the analyst role; ask an administrator.</p>
          </Panel>
        )}
        <RecentUploads />
      </div>
    </>
  );
}
