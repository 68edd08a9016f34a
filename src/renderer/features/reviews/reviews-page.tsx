import type { PullReview, ReviewRequest } from '@shared/contract/reviews';
import { useEffect, useMemo, useState } from 'react';
import { toast } from 'sonner';
import { navigate } from '../../app/router-store';
import { useProjects } from '../../stores/projects-store';
import { sortedReviews, useReviews } from '../../stores/reviews-store';
import { useWorkspaces } from '../../stores/workspaces-store';
import { useClient } from '../../transport/client-context';
import { Badge } from '../../ui/badge';
import { describeError } from '../../ui/describe-error';
import { RefreshButton } from '../../ui/refresh-button';
import { RelativeTime } from '../../ui/relative-time';
import { GitHubCardTitle } from '../board/github-card-title';
import { ProviderSelect, useProviderChoice } from '../settings/provider-choice';
import { ReviewDraft } from './review-draft';
import { reviewStatusLabel } from './review-status';

const FOCUS_REFRESH_MS = 60_000;

/** The review inbox: PRs where the user's review is requested, and the reviews made here. */
export function ReviewsPage({ reviewId }: { reviewId: string | null }) {
  const inbox = useReviews((s) => s.inbox);
  const byId = useReviews((s) => s.byId);
  const projects = useProjects((s) => s.byId);
  const reviews = useMemo(() => sortedReviews(byId), [byId]);
  // Projects change between reads: requests of removed ones go, and which are not on GitHub is live.
  const requests = useMemo(
    () => (inbox?.requests ?? []).filter((r) => projects[r.projectId]),
    [inbox, projects],
  );
  const notOnGitHub = useMemo(() => Object.values(projects).filter((p) => !p.github), [projects]);
  const open = reviewId ? byId[reviewId] : undefined;
  if (reviewId && open) return <ReviewDraft review={open} />;
  return (
    <section className="reviews-page" aria-labelledby="reviews-title">
      <header className="page-header">
        <h1 id="reviews-title">Reviews</h1>
      </header>
      {reviewId && !open && <p className="empty">This review no longer exists.</p>}
      <RequestList requests={requests} reviews={reviews} />
      {inbox && inbox.elsewhere > 0 && (
        <p className="muted reviews-note">
          {inbox.elsewhere} more in repositories that are not projects here.
        </p>
      )}
      {notOnGitHub.length > 0 && (
        <p className="muted reviews-note">
          Not on GitHub (no review requests): {notOnGitHub.map((p) => p.name).join(', ')}
        </p>
      )}
      <section className="reviews-section" aria-labelledby="my-reviews-title">
        <h2 id="my-reviews-title">Your reviews</h2>
        {reviews.length === 0 && <p className="column-empty">Reviews you start with an agent appear here.</p>}
        <ul className="review-list">
          {reviews.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                className="review-row"
                aria-label={`Open the review of ${r.repo}#${r.number} (${reviewStatusLabel(r.status).label})`}
                onClick={() => navigate({ name: 'reviews', reviewId: r.id })}
              >
                <span className="review-row-title">
                  #{r.number} {r.title}
                </span>
                <span className="mono muted">{r.repo}</span>
                <Badge tone={reviewStatusLabel(r.status).tone}>{reviewStatusLabel(r.status).label}</Badge>
                {r.submitError && <Badge tone="danger">Submit failed</Badge>}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}

function RequestList({ requests, reviews }: { requests: ReviewRequest[]; reviews: PullReview[] }) {
  const client = useClient();
  const inbox = useReviews((s) => s.inbox);
  const choice = useProviderChoice();
  const provider = choice.provider;

  // Coming back to the window on this view reads the inbox again (at most once a minute).
  useEffect(() => {
    const onFocus = () => {
      const at = useReviews.getState().inbox?.refreshedAt ?? 0;
      if (Date.now() - at > FOCUS_REFRESH_MS) void client.reviews.refresh().catch(() => {});
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [client]);

  return (
    <section className="reviews-section" aria-labelledby="requested-title">
      <div className="reviews-toolbar">
        <h2 id="requested-title">
          Requested <span className="column-count">{requests.length}</span>
        </h2>
        <span className="muted reviews-meta">
          refreshed <RelativeTime at={inbox?.refreshedAt} />
        </span>
        <ProviderSelect choice={choice} label="Agent for reviews" />
        <RefreshButton
          label="Refresh review requests"
          failure="Could not refresh review requests"
          refresh={async () => useReviews.getState().setInbox(await client.reviews.refresh())}
        />
      </div>
      {inbox?.problem && (
        <p className="issue-list-problem" role="status">
          {inbox.problem.message}
        </p>
      )}
      {inbox?.refreshedAt && requests.length === 0 && !inbox.problem && (
        <p className="column-empty">No pull request is waiting for your review.</p>
      )}
      <div className="review-requests">
        {requests.map((request) => (
          <RequestCard
            key={`${request.projectId}#${request.number}`}
            request={request}
            review={reviews.find(
              (r) =>
                r.projectId === request.projectId && r.number === request.number && r.status !== 'SUBMITTED',
            )}
            provider={provider}
          />
        ))}
      </div>
    </section>
  );
}

function RequestCard(props: {
  request: ReviewRequest;
  review: PullReview | undefined;
  provider: string | null;
}) {
  const { request, review, provider } = props;
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const projectName = useProjects((s) => s.byId[request.projectId]?.name ?? request.repo);
  const live = useWorkspaces((s) => {
    const w = review ? s.byId[review.workspaceId] : undefined;
    return !!w && w.status !== 'ARCHIVED' && w.status !== 'ARCHIVING';
  });

  async function start() {
    if (!provider) return;
    setBusy(true);
    try {
      const started = await client.reviews.start({
        projectId: request.projectId,
        number: request.number,
        provider,
      });
      useReviews.getState().upsertReview(started);
      navigate({ name: 'reviews', reviewId: started.id });
    } catch (error) {
      toast.error(`Could not review #${request.number}`, { description: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <article
      className="card"
      aria-label={`Review request #${request.number} ${request.title} in ${projectName}`}
    >
      <GitHubCardTitle url={request.url} number={request.number} title={request.title} />
      <div className="badge-row">
        <span className="muted">{projectName}</span>
        <span className="mono muted">{request.repo}</span>
        <span className="muted">by {request.author}</span>
        {request.isDraft && <Badge>Draft</Badge>}
        <Badge label={`${files(request.changedFiles)}, +${request.additions} −${request.deletions}`}>
          {files(request.changedFiles)} +{request.additions} −{request.deletions}
        </Badge>
      </div>
      <footer className="card-footer">
        <span className="card-activity mono">
          {request.headRef} → {request.baseRef}
        </span>
        <span className="card-actions">
          {review && live ? (
            <button
              type="button"
              className="btn btn-small"
              aria-label={`Open the review of #${request.number}`}
              onClick={() => navigate({ name: 'reviews', reviewId: review.id })}
            >
              Open review
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-small btn-primary"
              aria-label={`Review #${request.number} with an agent`}
              title={provider ? `Review with ${provider}` : 'No agent is available: set one up in Settings'}
              disabled={busy || !provider}
              onClick={() => void start()}
            >
              {busy ? 'Starting…' : 'Review with an agent'}
            </button>
          )}
        </span>
      </footer>
    </article>
  );
}

function files(n: number): string {
  return n === 1 ? '1 file' : `${n} files`;
}
