import { formatDateTime } from '../../../shared/format/format';
import { Badge } from '../../../shared/ui/badge';
import { Panel } from '../../../shared/ui/panel';
import { ErrorNotice, Loading } from '../../../shared/ui/states';
import { Table, Td, Th } from '../../../shared/ui/table';
import { HISTORY_LIMIT, useAssessmentHistory } from '../api/assessments.api';
import { byLevel, LEVEL_TONE } from '../model/flag-words';
import { trendBetween } from '../model/risk-band';
import { RiskScore } from './risk-score';

/** Every assessment of the token, newest first: when, the score, what triggered it, its flags. */
export function AssessmentHistory({ address }: { address: string }) {
  const history = useAssessmentHistory(address);
  return (
    <Panel title="Assessments">
      {history.isPending ? (
        <Loading label="Loading the assessments…" />
      ) : history.isError ? (
        <ErrorNotice error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.assessments.length === 0 ? (
        <p className="text-sm text-slate-500">No assessment yet.</p>
      ) : (
        <>
          <Table data-testid="assessment-history" aria-label="Assessments, newest first">
            <thead>
              <tr>
                <Th>Time</Th>
                <Th>Score</Th>
                <Th>Trigger</Th>
                <Th>Flags</Th>
              </tr>
            </thead>
            <tbody>
              {history.data.assessments.map((a, i) => {
                const older = history.data.assessments[i + 1];
                return (
                  <tr key={a.id} data-testid="assessment-row" data-id={a.id} data-score={a.riskScore}>
                    <Td className="text-xs whitespace-nowrap">{formatDateTime(a.assessedAt)}</Td>
                    <Td>
                      <RiskScore
                        score={a.riskScore}
                        trend={trendBetween(a.riskScore, older?.riskScore ?? null)}
                        previous={older?.riskScore ?? null}
                      />
                    </Td>
                    <Td className="text-xs text-slate-600">{a.trigger}</Td>
                    <Td>
                      {a.flags.length === 0 ? (
                        <span className="text-xs text-slate-400">none</span>
                      ) : (
                        <span className="flex flex-wrap gap-1">
                          {byLevel(a.flags).map((f) => (
                            <Badge key={f.code} tone={LEVEL_TONE[f.level]} title={`${f.code} (${f.level})`}>
                              {f.code}
                            </Badge>
                          ))}
                        </span>
                      )}
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
          {history.data.assessments.length >= HISTORY_LIMIT ? (
            <p className="mt-2 text-xs text-slate-500">The latest {HISTORY_LIMIT} assessments.</p>
          ) : null}
        </>
      )}
    </Panel>
  );
}
