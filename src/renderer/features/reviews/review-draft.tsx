import { type PullReview, ReviewComment, type ReviewVerdict } from '@shared/contract/reviews';
import { useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { navigate } from '../../app/router-store';
import { useReviews } from '../../stores/reviews-store';
import { useWorkspaces } from '../../stores/workspaces-store';
import { useClient } from '../../transport/client-context';
import { Badge } from '../../ui/badge';
import { describeError } from '../../ui/describe-error';
import { RelativeTime } from '../../ui/relative-time';
import { openExternal } from '../workspace/open-external';
import { reviewStatusLabel } from './review-status';

interface Draft {
  summary: string;
  verdict: ReviewVerdict;
  comments: Array<{ path: string; line: string; body: string }>;
}

const VERDICTS: Array<[ReviewVerdict, string]> = [
  ['COMMENT', 'Comment'],
  ['APPROVE', 'Approve'],
  ['REQUEST_CHANGES', 'Request changes'],
];
const SAVE_DELAY_MS = 600;

function draftOf(review: PullReview): Draft {
  return {
    summary: review.summary,
    verdict: review.verdict,
    comments: review.comments.map((c) => ({ path: c.path, line: String(c.line), body: c.body })),
  };
}

/** The draft's comments as the contract takes them, or the first reason one cannot be saved yet. */
function checked(draft: Draft): { comments: ReviewComment[] } | { problem: string } {
  const comments: ReviewComment[] = [];
  for (const [i, c] of draft.comments.entries()) {
    const parsed = ReviewComment.safeParse({ ...c, line: Number(c.line) });
    if (!parsed.success)
      return { problem: `Comment ${i + 1}: ${parsed.error.issues[0]?.message ?? 'incomplete'}` };
    comments.push(parsed.data);
  }
  return { comments };
}

/** One review: the agent's proposal as an editable draft (saved as it is edited), submitted from here. */
export function ReviewDraft({ review }: { review: PullReview }) {
  const client = useClient();
  const [draft, setDraft] = useState(() => draftOf(review));
  /** The newest edit not yet stored (null: what is shown is stored). */
  const pending = useRef<Draft | null>(null);
  const [saveState, setSaveState] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const workspace = useWorkspaces((s) => s.byId[review.workspaceId]);
  const nowAt = useReviews(
    (s) =>
      s.inbox?.requests.find((r) => r.projectId === review.projectId && r.number === review.number)?.headSha,
  );
  const done = review.status === 'SUBMITTED';
  const status = reviewStatusLabel(review.status);

  // A new proposal from the agent (or a reread) shows when the user has nothing unsaved.
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the stored review's version only
  useEffect(() => {
    if (!pending.current) setDraft(draftOf(review));
  }, [review.updatedAt]);
  // Leaving the view stores what was typed last (the answer no longer matters to this view).
  // biome-ignore lint/correctness/useExhaustiveDependencies: on unmount only
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (pending.current) void store(pending.current).catch(() => {});
    },
    [],
  );

  async function store(next: Draft): Promise<PullReview> {
    const ready = checked(next);
    if ('problem' in ready) throw new Error(`Not saved yet: ${ready.problem}`);
    return client.reviews.updateDraft({
      id: review.id,
      summary: next.summary,
      verdict: next.verdict,
      comments: ready.comments,
    });
  }

  /** Stores the newest edit; true when nothing is left unsaved. */
  async function flush(): Promise<boolean> {
    if (timer.current) clearTimeout(timer.current);
    const next = pending.current;
    if (!next) return true;
    try {
      const saved = await store(next);
      // Typing that went on during the call stays pending (and shown) rather than being replaced.
      if (pending.current === next) pending.current = null;
      useReviews.getState().upsertReview(saved);
      setSaveState(pending.current ? 'Editing…' : 'Draft saved');
      return pending.current === null;
    } catch (error) {
      setSaveState(
        error instanceof Error && error.message.startsWith('Not saved')
          ? error.message
          : `Not saved: ${describeError(error)}`,
      );
      return false;
    }
  }

  function edit(change: (d: Draft) => Draft) {
    const next = change(draft);
    setDraft(next);
    pending.current = next;
    setSaveState('Editing…');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
  }

  async function submit() {
    if (!(await flush())) return;
    setSubmitting(true);
    try {
      useReviews.getState().upsertReview(await client.reviews.submit({ id: review.id }));
      toast.success(`Review of #${review.number} submitted`);
    } catch (error) {
      toast.error('Could not submit the review', { description: describeError(error) });
    } finally {
      setSubmitting(false);
    }
  }

  async function reread() {
    if (pending.current || review.edited) {
      if (!window.confirm("Replace your edits with the agent's latest proposal?")) return;
    }
    try {
      const fresh = await client.reviews.reread({ id: review.id });
      if (timer.current) clearTimeout(timer.current);
      pending.current = null;
      useReviews.getState().upsertReview(fresh);
      setDraft(draftOf(fresh));
    } catch (error) {
      toast.error("Could not read the agent's proposal", { description: describeError(error) });
    }
  }

  const setComment = (i: number, patch: Partial<Draft['comments'][number]>) =>
    edit((d) => ({ ...d, comments: d.comments.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));

  return (
    <section className="reviews-page review-draft" aria-labelledby="review-title">
      <header className="page-header">
        <h1 id="review-title">
          Review of #{review.number} {review.title}
        </h1>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => navigate({ name: 'reviews', reviewId: null })}
        >
          All reviews
        </button>
      </header>
      <div className="badge-row review-facts">
        <Badge tone={status.tone}>{status.label}</Badge>
        <a href={review.url} target="_blank" rel="noreferrer" onClick={(e) => openExternal(e, review.url)}>
          {review.repo}#{review.number} on GitHub
        </a>
        {workspace && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => navigate({ name: 'workspace', workspaceId: workspace.id, tab: null })}
          >
            Open the review workspace
          </button>
        )}
        <span className="mono muted">at {review.headSha.slice(0, 10)}</span>
      </div>

      {review.status === 'AGENT_WORKING' && (
        <p role="status" className="review-note">
          The agent is reviewing the pull request; its proposed comments appear here when it finishes.
        </p>
      )}
      {!done && nowAt && nowAt !== review.headSha && (
        <p role="status" className="issue-list-problem">
          The pull request changed since the agent reviewed it (now at {nowAt.slice(0, 10)}); the comments are
          sent against the reviewed commit, where GitHub marks lines that moved as outdated.
        </p>
      )}
      {review.readProblem && (
        <p role="status" className="issue-list-problem">
          {review.status === 'UNREADABLE' ? "Could not read the agent's comments. " : ''}
          {review.readProblem}
        </p>
      )}
      {done && (
        <p role="status" className="review-note">
          Submitted ({VERDICTS.find(([v]) => v === review.verdict)?.[1]}){' '}
          <RelativeTime at={review.submittedAt} />
          {review.submittedUrl && (
            <>
              {' · '}
              <a
                href={review.submittedUrl}
                target="_blank"
                rel="noreferrer"
                onClick={(e) => openExternal(e, review.submittedUrl ?? undefined)}
              >
                see it on GitHub
              </a>
            </>
          )}
        </p>
      )}
      {review.submitError && (
        <p role="alert" className="issue-list-problem">
          {review.submitError}
        </p>
      )}

      <form
        className="form-stack review-form"
        aria-label="Review draft"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="form-stack">
          <span>Summary</span>
          <textarea
            rows={4}
            value={draft.summary}
            disabled={done}
            onChange={(e) => edit((d) => ({ ...d, summary: e.target.value }))}
          />
        </label>
        <fieldset className="segmented" disabled={done}>
          <legend>Verdict</legend>
          {VERDICTS.map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name="verdict"
                value={value}
                checked={draft.verdict === value}
                onChange={() => edit((d) => ({ ...d, verdict: value }))}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <fieldset className="review-comments" disabled={done}>
          <legend>Line comments ({draft.comments.length})</legend>
          {draft.comments.length === 0 && <p className="muted">No line comments.</p>}
          {draft.comments.map((c, i) => (
            // Comments have no id of their own; position is their identity while editing.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <fieldset key={i} className="review-comment" aria-label={`Comment ${i + 1}`}>
              <div className="review-comment-where">
                <input
                  aria-label={`File of comment ${i + 1}`}
                  className="mono"
                  value={c.path}
                  onChange={(e) => setComment(i, { path: e.target.value })}
                />
                <input
                  aria-label={`Line of comment ${i + 1}`}
                  inputMode="numeric"
                  className="review-line"
                  value={c.line}
                  onChange={(e) => setComment(i, { line: e.target.value.replace(/\D/g, '') })}
                />
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`Delete comment ${i + 1}`}
                  onClick={() => edit((d) => ({ ...d, comments: d.comments.filter((_, j) => j !== i) }))}
                >
                  Delete
                </button>
              </div>
              <textarea
                aria-label={`Text of comment ${i + 1}`}
                rows={3}
                value={c.body}
                onChange={(e) => setComment(i, { body: e.target.value })}
              />
            </fieldset>
          ))}
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              edit((d) => ({ ...d, comments: [...d.comments, { path: '', line: '', body: '' }] }))
            }
          >
            Add a comment
          </button>
        </fieldset>
        {!done && (
          <div className="form-actions review-actions">
            <span className="muted" aria-live="polite">
              {saveState}
            </span>
            {review.sessionId && (
              <button type="button" className="btn" onClick={() => void reread()}>
                Use the agent's latest proposal
              </button>
            )}
            <button type="submit" className="btn btn-primary" disabled={submitting}>
              {submitting ? 'Submitting…' : 'Submit review'}
            </button>
          </div>
        )}
      </form>

      {review.agentText && (
        <details className="review-agent-text" open={review.status === 'UNREADABLE'}>
          <summary>The agent's last message</summary>
          <pre className="script-output">{review.agentText}</pre>
        </details>
      )}
    </section>
  );
}
