import type { Workspace } from '@shared/contract/workspaces';
import { useState } from 'react';
import { toast } from 'sonner';
import { useGitHub } from '../../stores/github-store';
import { useProjects } from '../../stores/projects-store';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { RelativeTime } from '../../ui/relative-time';
import { CreatePullDialog } from './create-pull-dialog';

/**
 * The workspace header's pull request actions, for a project whose origin is on GitHub: "Create pull request"
 * (while there is no open PR) and "Refresh PR" with when the project's PRs were last read and why the last
 * read failed.
 */
export function PullActions({ workspace }: { workspace: Workspace }) {
  const client = useClient();
  const github = useProjects((s) => s.byId[workspace.projectId]?.github ?? null);
  const status = useGitHub((s) => s.pulls[workspace.projectId]);
  const [creating, setCreating] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  if (!github) return null;
  const canCreate = workspace.status === 'READY' && (!workspace.pr || workspace.pr.state === 'CLOSED');

  async function refresh() {
    setRefreshing(true);
    try {
      const [result] = await client.github.refreshPulls({ projectId: workspace.projectId });
      if (result) useGitHub.getState().upsertPulls(result);
    } catch (error) {
      toast.error('Could not refresh pull requests', { description: describeError(error) });
    } finally {
      setRefreshing(false);
    }
  }

  return (
    <>
      {canCreate && (
        <button type="button" className="btn btn-small btn-primary" onClick={() => setCreating(true)}>
          Create pull request
        </button>
      )}
      <button
        type="button"
        className="btn btn-small"
        disabled={refreshing}
        aria-label="Refresh pull requests"
        onClick={() => void refresh()}
      >
        {refreshing ? 'Refreshing…' : 'Refresh PR'}
      </button>
      <span className="field-hint">
        PRs refreshed <RelativeTime at={status?.refreshedAt} />
      </span>
      {status?.problem && (
        <span className="field-error" role="status">
          {status.problem.message}
        </span>
      )}
      <CreatePullDialog workspace={workspace} open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
