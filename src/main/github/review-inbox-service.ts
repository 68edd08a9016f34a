import type { Project } from '../../shared/contract/projects';
import type { ReviewInbox, ReviewRequest } from '../../shared/contract/reviews';
import type { EventBus } from '../events/event-bus';
import type { Disposable } from '../lifecycle/disposable';
import type { Logger } from '../logging/logger';
import { problemView } from './github-problems';
import type { GitHubService } from './github-service';
import { type RequestedPull, readReviewRequests } from './review-requests';

export interface ReviewInboxServiceDeps {
  events: EventBus;
  logger: Logger;
  github: GitHubService;
  projects: { list(): Project[] };
  /** Between timed refreshes. */
  intervalMs?: number;
}

const DEFAULT_INTERVAL_MS = 5 * 60_000;

/**
 * The review inbox: open pull requests on which the user's review is requested, in the user's GitHub
 * projects. One GitHub search per refresh (on a timer, at sign-in, when a GitHub project is added, on demand)
 * covers every project; a failed read keeps the last good list and says why beside it.
 */
export class ReviewInboxService implements Disposable {
  private view: ReviewInbox = {
    requests: [],
    refreshedAt: null,
    problem: null,
    elsewhere: 0,
    notOnGitHub: [],
  };
  /** The last good read, bodies included (they stay in the core until a review starts). */
  private pulls: Array<RequestedPull & { projectId: string }> = [];
  private reading: Promise<ReviewInbox> | null = null;
  private queued: Promise<ReviewInbox> | null = null;
  /** The GitHub projects the last read covered: a new one triggers a read. */
  private covered = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private readonly stop: Array<() => void> = [];
  private disposed = false;

  constructor(private readonly deps: ReviewInboxServiceDeps) {
    this.timer = setInterval(() => void this.refresh(), deps.intervalMs ?? DEFAULT_INTERVAL_MS);
    this.timer.unref();
    this.stop.push(deps.github.onSession(() => void this.refresh()));
    this.stop.push(
      deps.events.on((event) => {
        // After this event has reached every listener, so what the read publishes follows it.
        if (event.type === 'project.changed' && event.project.github && !this.covered.has(event.project.id)) {
          queueMicrotask(() => void this.refresh());
        }
      }),
    );
  }

  /** The inbox as last read (requests of projects removed since are left out). */
  inbox(): ReviewInbox {
    const live = new Set(this.deps.projects.list().map((p) => p.id));
    return {
      ...this.view,
      requests: this.view.requests.filter((r) => live.has(r.projectId)),
      notOnGitHub: this.notOnGitHub(),
    };
  }

  /** A requested PR of the last good read, with its body; null when it is not (or no longer) in the inbox. */
  find(projectId: string, number: number): (RequestedPull & { projectId: string }) | null {
    if (!this.deps.projects.list().some((p) => p.id === projectId)) return null;
    return this.pulls.find((p) => p.projectId === projectId && p.number === number) ?? null;
  }

  /**
   * Reads the review requests again. A call while a read runs gets the next read (which sees what changed
   * meanwhile, e.g. a project just added); callers during that wait share it.
   */
  refresh(): Promise<ReviewInbox> {
    if (!this.reading) {
      this.reading = this.read().finally(() => {
        this.reading = null;
      });
      return this.reading;
    }
    this.queued ??= this.reading
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.refresh();
      });
    return this.queued;
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.timer);
    for (const stop of this.stop) stop();
  }

  private async read(): Promise<ReviewInbox> {
    const projects = this.deps.projects.list().filter((p) => p.github);
    this.covered = new Set(projects.map((p) => p.id));
    if (projects.length === 0) {
      // Nothing on GitHub: no request, no problem.
      this.pulls = [];
      return this.publish({ requests: [], elsewhere: 0, problem: null, refreshedAt: Date.now() });
    }
    const session = await this.deps.github.signedIn();
    if (!session) {
      const status = await this.deps.github.status();
      const message =
        status.problem?.message ?? 'Not signed in to GitHub: run `gh auth login` (or set it up in Settings)';
      return this.publish({ problem: { kind: 'UNAUTHORIZED', message, retryAt: null } });
    }
    const read = await readReviewRequests(session.transport);
    if (!read.ok) {
      const problem = problemView(read.error);
      this.deps.logger.warn(`Reading review requests failed: ${problem.message}`);
      return this.publish({ problem });
    }
    const byRepo = new Map(projects.map((p) => [`${p.github!.owner}/${p.github!.repo}`.toLowerCase(), p]));
    const mine: Array<RequestedPull & { projectId: string }> = [];
    for (const pull of read.value) {
      const project = byRepo.get(pull.repo.toLowerCase());
      if (project) mine.push({ ...pull, projectId: project.id });
    }
    this.pulls = mine;
    return this.publish({
      requests: mine.map(toRequest),
      elsewhere: read.value.length - mine.length,
      problem: null,
      refreshedAt: Date.now(),
    });
  }

  private publish(patch: Partial<ReviewInbox>): ReviewInbox {
    this.view = { ...this.view, ...patch };
    // A read that ends after shutdown must not reach the closed store.
    if (this.disposed) return this.view;
    const inbox = this.inbox();
    this.deps.events.publish({ type: 'github.reviewRequests', inbox });
    return inbox;
  }

  private notOnGitHub(): ReviewInbox['notOnGitHub'] {
    return this.deps.projects
      .list()
      .filter((p) => !p.github)
      .map((p) => ({ projectId: p.id, name: p.name }));
  }
}

function toRequest(pull: RequestedPull & { projectId: string }): ReviewRequest {
  const { body: _body, ...request } = pull;
  return request;
}
