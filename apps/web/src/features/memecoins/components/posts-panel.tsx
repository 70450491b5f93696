import type { MemePost } from '@marketlens/contracts';
import { formatDateTime } from '../../../shared/format/format';
import { Badge, type BadgeTone } from '../../../shared/ui/badge';
import { Panel } from '../../../shared/ui/panel';
import { ErrorNotice, Loading } from '../../../shared/ui/states';
import { RECENT_POSTS, useRecentPosts } from '../api/token-activity.api';

const LABEL_TONE: Readonly<Record<MemePost['label'], BadgeTone>> = {
  positive: 'success',
  negative: 'danger',
  neutral: 'neutral',
};

const signed = (score: number) => (score > 0 ? `+${score.toFixed(2)}` : score.toFixed(2));

/** Only http(s) links are made clickable: a post's url comes from the outside. */
const safeUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

function Post({ post }: { post: MemePost }) {
  const url = safeUrl(post.url);
  return (
    <li data-testid="post" data-id={post.id} data-label={post.label} className="py-2 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <span data-testid="post-label">
          <Badge tone={LABEL_TONE[post.label]} title="Sentiment label of the shipped model">
            {post.label}
          </Badge>
        </span>
        <span
          data-testid="post-score"
          title="Sentiment score, −1 (negative) to +1 (positive)"
          className={
            post.label === 'positive' ? 'text-emerald-700' : post.label === 'negative' ? 'text-rose-700' : undefined
          }
        >
          {signed(post.score)}
        </span>
        <span className="font-medium text-slate-700">{post.author ?? 'unknown author'}</span>
        <span>{formatDateTime(post.postedAt)}</span>
        <span>via {post.source}</span>
        {url ? (
          <a href={url} target="_blank" rel="noreferrer" className="text-sky-700 hover:underline">
            open
          </a>
        ) : null}
      </div>
      <p className="mt-0.5 text-sm break-words text-slate-800">{post.text}</p>
    </li>
  );
}

/** The newest posts about the token with their sentiment. */
export function PostsPanel({ address }: { address: string }) {
  const posts = useRecentPosts(address);
  return (
    <Panel title={`Recent posts${posts.data ? ` (latest ${Math.min(posts.data.posts.length, RECENT_POSTS)})` : ''}`}>
      {posts.isPending ? (
        <Loading label="Loading the posts…" />
      ) : posts.isError ? (
        <ErrorNotice error={posts.error} onRetry={() => void posts.refetch()} />
      ) : posts.data.posts.length === 0 ? (
        <p className="text-sm text-slate-500">No posts collected for this token yet.</p>
      ) : (
        <ul data-testid="posts" className="max-h-[32rem] divide-y divide-slate-100 overflow-y-auto pr-1">
          {posts.data.posts.map((p) => (
            <Post key={`${p.source}:${p.id}`} post={p} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
