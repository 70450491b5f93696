import { formatDateTime } from '../../../shared/format/format';
import { Badge } from '../../../shared/ui/badge';
import { Button } from '../../../shared/ui/button';
import { Panel } from '../../../shared/ui/panel';
import { ErrorNotice, Loading } from '../../../shared/ui/states';
import { useAssessment } from '../api/assessments.api';
import type { FlagMarker } from '../model/flag-markers';
import { FLAG_LABELS, LEVEL_TONE } from '../model/flag-words';
import { EvidenceList } from './evidence-list';

/**
 * The evidence behind a marker clicked on the timeline, read from the assessment that raised it (the timeline
 * only carries the code, level and message).
 */
export function FlagEvidencePanel({
  marker,
  synthetic,
  onClose,
}: {
  marker: FlagMarker;
  synthetic: boolean;
  onClose: () => void;
}) {
  const assessment = useAssessment(marker.assessmentId);
  const flag = assessment.data?.flags.find((f) => f.code === marker.code);
  return (
    <Panel
      title={
        <span className="flex flex-wrap items-center gap-2">
          Evidence: {FLAG_LABELS[marker.code]}
          <Badge tone={LEVEL_TONE[flag?.level ?? marker.level]}>{flag?.level ?? marker.level}</Badge>
        </span>
      }
      actions={
        <Button size="sm" variant="ghost" data-testid="flag-evidence-close" onClick={onClose}>
          Close
        </Button>
      }
    >
      <div
        data-testid="flag-evidence"
        data-code={marker.code}
        data-assessment-id={marker.assessmentId}
        className="flex flex-col gap-3"
      >
        {assessment.isPending ? (
          <Loading label="Loading the evidence…" />
        ) : assessment.isError ? (
          <ErrorNotice
            error={assessment.error}
            title="Could not load the assessment"
            onRetry={() => void assessment.refetch()}
          />
        ) : !flag ? (
          <p className="text-sm text-slate-600">
            The assessment of {formatDateTime(assessment.data.assessedAt)} no longer lists {marker.code}.
          </p>
        ) : (
          <>
            <p data-testid="flag-evidence-message" className="text-sm break-words text-slate-800">
              {flag.message}
            </p>
            <p className="text-xs text-slate-500">
              <code className="font-mono">{flag.code}</code> in the assessment of{' '}
              {formatDateTime(assessment.data.assessedAt)} (score {assessment.data.riskScore})
              {marker.assessments > 1 ? `, raised at this time by ${marker.assessments} assessments` : ''}.
              {flag.suppressedBy ? ' Informational only: the token is on the trusted list.' : ''}
            </p>
            <EvidenceList evidence={flag.evidence} synthetic={synthetic} />
          </>
        )}
      </div>
    </Panel>
  );
}
