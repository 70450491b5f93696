import { MAX_COMPARE_RUNS, MIN_COMPARE_RUNS, type RunDetail } from '@marketlens/contracts';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  useCompare,
  useExperiments,
  useModelDetail,
  useRegisteredModels,
  useRegistryChange,
  useRun,
  useRunDetails,
  useRuns,
} from '../../features/models/api/registry.api';
import { CompareView } from '../../features/models/components/compare-view';
import { ExperimentList } from '../../features/models/components/experiment-list';
import { ModelDetailView } from '../../features/models/components/model-detail-view';
import { ModelList } from '../../features/models/components/model-list';
import { RegistryChangeDialog, type PendingChange } from '../../features/models/components/registry-change-dialog';
import { RunDetailView } from '../../features/models/components/run-detail-view';
import { RunList } from '../../features/models/components/run-list';
import { KEY_METRICS } from '../../features/models/model/key-metrics';
import { hasRole, useSession } from '../../shared/api/use-session';
import { Button } from '../../shared/ui/button';
import { PageHeader, Panel } from '../../shared/ui/panel';
import { EmptyState, ErrorNotice, Loading } from '../../shared/ui/states';

/** Key-metric columns of the run list get their values from run details; more rows than this show none. */
const DETAILED_RUNS = 25;

export default function ModelsPage() {
  const { user } = useSession();
  const canChange = hasRole(user?.role, 'analyst');
  const [params, setParams] = useSearchParams();
  // What is open lives in the URL so a reload or a shared link shows the same runs and model.
  const set = (next: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const out = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(next)) {
          if (value === null) out.delete(key);
          else out.set(key, value);
        }
        return out;
      },
      { replace: true },
    );

  const experiments = useExperiments();
  const experimentList = experiments.data?.experiments ?? [];
  const experimentId = params.get('experiment') ?? experimentList[0]?.id ?? null;
  const experiment = experimentList.find((e) => e.id === experimentId) ?? null;
  const runs = useRuns(experimentId);
  const runList = runs.data?.runs ?? [];
  const detailQueries = useRunDetails(runList.slice(0, DETAILED_RUNS).map((r) => r.id));
  const details = new Map<string, RunDetail>();
  for (const q of detailQueries) if (q.data) details.set(q.data.id, q.data);
  const metricKeys = KEY_METRICS.filter((key) =>
    [...details.values()].some((d) => d.metrics.some((m) => m.key === key)),
  );

  const [checked, setChecked] = useState<string[]>([]);
  const compareIds = useMemo(() => (params.get('compare') ?? '').split(',').filter(Boolean), [params]);
  const compare = useCompare(compareIds);
  const runId = params.get('run');
  const run = useRun(runId);

  const models = useRegisteredModels();
  const modelList = models.data?.models ?? [];
  const modelName = params.get('model') ?? modelList[0]?.name ?? null;
  const model = useModelDetail(modelName);
  const [pending, setPending] = useState<PendingChange | null>(null);
  const change = useRegistryChange();

  const toggle = (id: string) =>
    setChecked((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id].slice(-MAX_COMPARE_RUNS)));
  const canCompare = checked.length >= MIN_COMPARE_RUNS && checked.length <= MAX_COMPARE_RUNS;

  return (
    <>
      <PageHeader
        title="Models"
        description="Experiments and their runs, side-by-side comparison, and the model registry with its aliases."
      />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,4fr)_minmax(0,8fr)]">
        <Panel title="Experiments" className="self-start">
          {experiments.isPending ? (
            <Loading label="Loading experiments…" />
          ) : experiments.isError ? (
            <ErrorNotice error={experiments.error} onRetry={() => void experiments.refetch()} />
          ) : experimentList.length === 0 ? (
            <EmptyState title="No experiments yet">
              Training a forecast or fitting regimes records a run here.
            </EmptyState>
          ) : (
            <ExperimentList
              experiments={experimentList}
              selected={experimentId}
              onSelect={(id) => {
                setChecked([]);
                set({ experiment: id, run: null, compare: null });
              }}
            />
          )}
        </Panel>
        <Panel
          title={
            <span className="flex items-center gap-2">
              Runs
              {experiment ? <span className="font-mono font-normal text-slate-500">{experiment.name}</span> : null}
            </span>
          }
          actions={
            <>
              <span className="text-xs text-slate-500">
                {checked.length} selected (tick {MIN_COMPARE_RUNS}-{MAX_COMPARE_RUNS})
              </span>
              <Button
                size="sm"
                data-testid="models-compare"
                disabled={!canCompare}
                onClick={() => set({ compare: checked.join(','), run: null })}
              >
                Compare
              </Button>
            </>
          }
          className="min-w-0 self-start"
        >
          {!experimentId ? (
            <EmptyState title="Select an experiment" />
          ) : runs.isError ? (
            <ErrorNotice error={runs.error} onRetry={() => void runs.refetch()} />
          ) : !runs.data ? (
            <Loading label="Loading runs…" />
          ) : runList.length === 0 ? (
            <EmptyState title="No runs in this experiment" />
          ) : (
            <RunList
              runs={runList}
              details={details}
              metricKeys={metricKeys}
              checked={checked}
              onToggle={toggle}
              selected={runId}
              onOpen={(id) => set({ run: id, compare: null })}
            />
          )}
        </Panel>
      </div>

      {compareIds.length > 0 ? (
        <div className="mt-5">
          <Panel
            title={`Compare ${compareIds.length} runs`}
            actions={
              <Button size="sm" variant="ghost" onClick={() => set({ compare: null })}>
                Close
              </Button>
            }
          >
            {compare.isError ? (
              <ErrorNotice error={compare.error} title="Could not compare the runs" />
            ) : !compare.data ? (
              <Loading label="Comparing…" />
            ) : (
              <CompareView compare={compare.data} />
            )}
          </Panel>
        </div>
      ) : runId ? (
        <div className="mt-5">
          <Panel
            title="Run"
            actions={
              <Button size="sm" variant="ghost" onClick={() => set({ run: null })}>
                Close
              </Button>
            }
          >
            {run.isError ? (
              <ErrorNotice error={run.error} title="Could not load the run" />
            ) : !run.data ? (
              <Loading label="Loading the run…" />
            ) : (
              <RunDetailView key={run.data.id} run={run.data} />
            )}
          </Panel>
        </div>
      ) : null}

      <h2 className="mt-8 mb-3 text-base font-semibold tracking-tight text-slate-900">Registry</h2>
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,4fr)_minmax(0,8fr)]">
        <Panel title="Registered models" className="self-start">
          {models.isPending ? (
            <Loading label="Loading models…" />
          ) : models.isError ? (
            <ErrorNotice error={models.error} onRetry={() => void models.refetch()} />
          ) : modelList.length === 0 ? (
            <EmptyState title="No registered models yet">Training a forecast registers a version.</EmptyState>
          ) : (
            <ModelList models={modelList} selected={modelName} onSelect={(name) => set({ model: name })} />
          )}
        </Panel>
        <Panel
          title={
            <span className="flex items-center gap-2">
              Versions
              {modelName ? <span className="font-mono font-normal text-slate-500">{modelName}</span> : null}
            </span>
          }
          className="min-w-0 self-start"
        >
          {!modelName ? (
            <EmptyState title="Select a model" />
          ) : model.isError ? (
            <ErrorNotice error={model.error} onRetry={() => void model.refetch()} />
          ) : !model.data ? (
            <Loading label="Loading the model…" />
          ) : (
            <>
              {!canChange ? (
                <p className="mb-3 text-xs text-slate-500">Promoting and archiving need the analyst role.</p>
              ) : null}
              <ModelDetailView
                model={model.data}
                canChange={canChange}
                me={user?.id ?? null}
                onChange={(next) => {
                  change.reset();
                  setPending(next);
                }}
                onOpenRun={(id) => set({ run: id, compare: null })}
              />
            </>
          )}
        </Panel>
      </div>
      {pending && model.data ? (
        <RegistryChangeDialog
          change={pending}
          aliasVersion={(alias) => model.data.aliases[alias] ?? null}
          busy={change.isPending}
          error={change.error}
          onCancel={() => setPending(null)}
          onConfirm={({ alias, reason }) => {
            const name = model.data.name;
            change.mutate(
              pending.kind === 'alias'
                ? { kind: 'alias', model: name, alias, version: pending.version, reason }
                : { kind: 'archive', model: name, version: pending.version, reason },
              { onSuccess: () => setPending(null) },
            );
          }}
        />
      ) : null}
    </>
  );
}
