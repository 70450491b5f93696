import type { StrategyDetail } from '@marketlens/contracts';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useInstruments } from '../../features/instruments/api/instruments.api';
import {
  useArchiveStrategy,
  useSaveStrategy,
  useStrategy,
  useStrategyVersion,
} from '../../features/signals/api/strategies.api';
import { LanguageHelp } from '../../features/signals/components/language-help';
import { StrategyEditor } from '../../features/signals/components/strategy-editor';
import { SignalsError } from '../../features/signals/components/signals-error';
import { VersionList } from '../../features/signals/components/version-list';
import { strategyProblemsOf } from '../../features/signals/model/describe-signals-error';
import { fromDefinition, NEW_STRATEGY } from '../../features/signals/model/strategy-form';
import { hasRole, useSession } from '../../shared/api/use-session';
import { Badge } from '../../shared/ui/badge';
import { Button } from '../../shared/ui/button';
import { PageHeader, Panel } from '../../shared/ui/panel';
import { ErrorNotice, Loading } from '../../shared/ui/states';
import { StrategyBacktestPanel, StrategyLivePanel } from './strategy-page-panels';

/** /signals/strategies/new and /signals/strategies/:id: the editor, versions, backtests and live runs. */
export default function StrategyPage() {
  const { id } = useParams();
  const strategyId = id ?? null;
  const strategy = useStrategy(strategyId);
  if (strategyId === null) return <StrategyView strategy={null} />;
  if (strategy.isPending) return <Loading label="Loading the strategy…" />;
  if (strategy.isError) {
    return (
      <>
        <BackLink />
        <ErrorNotice
          error={strategy.error}
          title="Could not load the strategy"
          onRetry={() => void strategy.refetch()}
        />
      </>
    );
  }
  return <StrategyView strategy={strategy.data} />;
}

function BackLink() {
  return (
    <Link to="/signals" className="mb-2 inline-block text-xs text-sky-700 hover:underline">
      ← Signals
    </Link>
  );
}

function StrategyView({ strategy }: { strategy: StrategyDetail | null }) {
  const { user } = useSession();
  const canEdit = hasRole(user?.role, 'analyst');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const latest = strategy?.latestVersion ?? null;
  // The version on screen lives in the URL, so a link opens the same document.
  const asked = Number(params.get('version'));
  const version = latest !== null && Number.isInteger(asked) && asked >= 1 && asked <= latest ? asked : latest;
  const older = useStrategyVersion(strategy?.id ?? null, version !== latest ? version : null);
  const definition = version === latest ? strategy?.definition : older.data?.definition;
  const instruments = useInstruments();
  const archive = useArchiveStrategy();
  const save = useSaveStrategy(({ strategy: saved, created }) => {
    setSavedNote(
      created ? `Saved as version ${saved.latestVersion}.` : `No changes: still version ${saved.latestVersion}.`,
    );
    if (strategy === null) void navigate(`/signals/strategies/${saved.id}`, { replace: true });
    else setParams({}, { replace: true });
  });
  const initial = useMemo(
    () => (strategy === null ? NEW_STRATEGY : definition ? fromDefinition(definition) : null),
    [strategy, definition],
  );
  const archived = strategy?.archivedAt != null;
  const readOnly = !canEdit || archived;
  const saveProblems = useMemo(() => strategyProblemsOf(save.error), [save.error]);

  return (
    <>
      <BackLink />
      <PageHeader
        title={strategy ? strategy.name : 'New strategy'}
        description={
          strategy
            ? `${strategy.timeframe} · ${strategy.side} · latest version ${strategy.latestVersion}. Every saved edit is a new version; backtests and signals name theirs.`
            : 'Rules in the strategy language; the server checks them as you type.'
        }
        actions={
          strategy && canEdit ? (
            <div className="flex items-center gap-2">
              {archived ? <Badge>archived</Badge> : null}
              <Button
                variant="secondary"
                size="sm"
                data-testid="strategy-archive"
                disabled={archive.isPending}
                onClick={() => archive.mutate({ id: strategy.id, archive: !archived })}
              >
                {archived ? 'Restore' : 'Archive'}
              </Button>
            </div>
          ) : null
        }
      />
      {archive.isError ? <SignalsError error={archive.error} title="Could not change the strategy" /> : null}
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,7fr)_minmax(0,5fr)]">
        <Panel
          title={strategy ? `Document, version ${version}${version === latest ? ' (latest)' : ''}` : 'Document'}
          className="self-start"
        >
          {!initial ? (
            older.isError ? (
              <ErrorNotice error={older.error} title="Could not load this version" />
            ) : (
              <Loading label="Loading the version…" />
            )
          ) : (
            <>
              {!canEdit ? (
                <p className="mb-3 text-sm text-slate-500">Editing needs the analyst role; you can read the rules.</p>
              ) : archived ? (
                <p className="mb-3 text-sm text-slate-500">Archived strategies are read-only: restore it to edit.</p>
              ) : null}
              <StrategyEditor
                // A new document on screen (another version, or the one just saved) starts a fresh form.
                key={`${strategy?.id ?? 'new'}:${version}:${latest}`}
                initial={initial}
                readOnly={readOnly}
                saving={save.isPending}
                saveLabel={strategy ? 'Save as new version' : 'Create strategy'}
                saveProblems={saveProblems}
                onSave={(document) => {
                  setSavedNote(null);
                  save.mutate({ id: strategy?.id ?? null, document });
                }}
                footer={
                  save.isError && saveProblems.length === 0 ? (
                    <SignalsError error={save.error} title="Not saved" testId="strategy-save-error" />
                  ) : savedNote ? (
                    <span data-testid="strategy-saved" className="text-xs text-emerald-700">
                      {savedNote}
                    </span>
                  ) : null
                }
              />
            </>
          )}
        </Panel>
        {strategy && version !== null ? (
          <div className="flex flex-col gap-5 self-start">
            <Panel title="Versions">
              <VersionList
                versions={strategy.versions}
                selected={version}
                onSelect={(v) => setParams(v === latest ? {} : { version: String(v) }, { replace: true })}
              />
            </Panel>
            <StrategyBacktestPanel
              strategy={strategy}
              version={version}
              timeframe={definition?.timeframe ?? strategy.timeframe}
              instruments={instruments}
              canRun={canEdit && !archived}
            />
            <StrategyLivePanel
              strategy={strategy}
              version={version}
              timeframe={definition?.timeframe ?? strategy.timeframe}
              instruments={instruments}
            />
          </div>
        ) : (
          <Panel title="The strategy language" className="self-start">
            <LanguageHelp />
          </Panel>
        )}
      </div>
    </>
  );
}
