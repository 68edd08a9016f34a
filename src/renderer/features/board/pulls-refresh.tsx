import { useShallow } from 'zustand/react/shallow';
import { useGitHub } from '../../stores/github-store';
import { useProjects } from '../../stores/projects-store';
import { useClient } from '../../transport/client-context';
import { RefreshButton } from '../../ui/refresh-button';
import { RelativeTime } from '../../ui/relative-time';

/**
 * "Refresh PRs" for one GitHub project (or all), with when they were last read (the least recent of the
 * shown projects) and why the last read failed. Nothing when no shown project is on GitHub.
 */
export function PullsRefresh({ projectId }: { projectId: string | null }) {
  const client = useClient();
  const ids = useProjects(
    useShallow((s) =>
      Object.values(s.byId)
        .filter((p) => p.github && (!projectId || p.id === projectId))
        .map((p) => p.id),
    ),
  );
  const statuses = useGitHub(useShallow((s) => ids.map((id) => s.pulls[id])));
  if (ids.length === 0) return null;
  const times = statuses.map((s) => s?.refreshedAt ?? null);
  const oldest = times.includes(null) ? null : Math.min(...(times as number[]));
  const problems = statuses.flatMap((s) => (s?.problem ? [s.problem.message] : []));

  async function refresh() {
    const results = await client.github.refreshPulls(projectId ? { projectId } : {});
    for (const result of results) useGitHub.getState().upsertPulls(result);
  }

  return (
    <span className="pulls-refresh">
      <RefreshButton
        label="Refresh pull requests"
        failure="Could not refresh pull requests"
        refresh={refresh}
      >
        Refresh PRs
      </RefreshButton>
      <span className="field-hint">
        PRs refreshed <RelativeTime at={oldest} />
      </span>
      {problems.map((message) => (
        <span key={message} className="field-error" role="status">
          {message}
        </span>
      ))}
    </span>
  );
}
