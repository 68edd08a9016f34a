import { navigate, useRouter } from '../../app/router-store';
import { useProjects } from '../../stores/projects-store';
import { useReviews } from '../../stores/reviews-store';
import { Icon } from '../../ui/icons';

/** Top-bar entry to the review inbox, with the number of PRs waiting for the user's review. */
export function ReviewsButton() {
  const projects = useProjects((s) => s.byId);
  const count = useReviews((s) => s.inbox?.requests.filter((r) => projects[r.projectId]).length ?? 0);
  const here = useRouter((s) => s.route.name === 'reviews');
  return (
    <button
      type="button"
      className="btn btn-ghost"
      aria-label={count ? `Reviews, ${count} requested` : 'Reviews'}
      title="Reviews requested from you"
      aria-current={here ? 'page' : undefined}
      onClick={() => navigate({ name: 'reviews', reviewId: null })}
    >
      <Icon name="review" />
      <span className="hide-narrow">Reviews</span>
      {count > 0 && <span className="unread-count">{count}</span>}
    </button>
  );
}
