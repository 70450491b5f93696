import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTimeline } from '../../features/memecoins/api/token-activity.api';
import { useMemeToken } from '../../features/memecoins/api/tokens.api';
import { AssessmentDiffPanel } from '../../features/memecoins/components/assessment-diff-panel';
import { CollectButton } from '../../features/memecoins/components/collect-button';
import { AssessmentHistory } from '../../features/memecoins/components/assessment-history';
import { CurrentFlags } from '../../features/memecoins/components/current-flags';
import { FlagEvidencePanel } from '../../features/memecoins/components/flag-evidence-panel';
import { HoldersPanel } from '../../features/memecoins/components/holders-panel';
import { ImportPanel } from '../../features/memecoins/components/import-panel';
import { MemeTimeline } from '../../features/memecoins/components/meme-timeline';
import { PostsPanel } from '../../features/memecoins/components/posts-panel';
import { ReassessButton } from '../../features/memecoins/components/reassess-button';
import { TokenHeader } from '../../features/memecoins/components/token-header';
import type { FlagMarker } from '../../features/memecoins/model/flag-markers';
import { hasRole, useSession } from '../../shared/api/use-session';
import { Panel } from '../../shared/ui/panel';
import { ErrorNotice, Loading } from '../../shared/ui/states';

/** /memecoins/:address: one token's timeline, flags with their evidence, what changed, holders and posts. */
export default function MemeTokenPage() {
  const { address = '' } = useParams();
  const { user } = useSession();
  const canEdit = hasRole(user?.role, 'analyst');
  const detail = useMemeToken(address);
  const timeline = useTimeline(address);
  const [marker, setMarker] = useState<FlagMarker | null>(null);

  const back = (
    <Link to="/memecoins" className="mb-2 inline-block text-xs text-sky-700 hover:underline">
      ← Meme Radar
    </Link>
  );
  if (detail.isPending)
    return (
      <>
        {back}
        <Loading label="Loading the token…" />
      </>
    );
  if (detail.isError) {
    return (
      <>
        {back}
        <ErrorNotice error={detail.error} title="Could not load the token" onRetry={() => void detail.refetch()} />
      </>
    );
  }
  const { token, latest } = detail.data;

  return (
    <>
      {back}
      <TokenHeader
        token={token}
        actions={
          canEdit ? (
            <>
              <CollectButton address={token.address} />
              <ReassessButton address={token.address} />
            </>
          ) : undefined
        }
      />
      <div className="flex flex-col gap-4">
        <Panel title="Timeline">
          {timeline.isPending ? (
            <Loading label="Loading the timeline…" />
          ) : timeline.isError ? (
            <ErrorNotice
              error={timeline.error}
              title="Could not load the timeline"
              onRetry={() => void timeline.refetch()}
            />
          ) : (
            <MemeTimeline
              timeline={timeline.data}
              synthetic={token.synthetic}
              selected={marker?.key ?? null}
              onSelect={(m) => setMarker((current) => (current?.key === m.key ? null : m))}
            />
          )}
        </Panel>
        {marker ? (
          <FlagEvidencePanel
            key={marker.key}
            marker={marker}
            synthetic={token.synthetic}
            onClose={() => setMarker(null)}
          />
        ) : null}
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <AssessmentDiffPanel latest={latest} />
          <CurrentFlags latest={latest} synthetic={token.synthetic} />
        </div>
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <HoldersPanel address={token.address} decimals={token.decimals} synthetic={token.synthetic} />
          <PostsPanel address={token.address} />
        </div>
        <AssessmentHistory address={token.address} />
        {canEdit ? <ImportPanel address={token.address} /> : null}
      </div>
    </>
  );
}
