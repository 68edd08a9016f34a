import type { Workspace } from '@shared/contract/workspaces';
import { useState } from 'react';
import { useProjects } from '../../stores/projects-store';
import { PullsRefresh } from '../board/pulls-refresh';
import { CreatePullDialog } from './create-pull-dialog';

/**
 * The workspace header's pull request actions, for a project whose origin is on GitHub: "Create pull request"
 * (while the workspace has no open PR) and "Refresh PRs" with when they were last read.
 */
export function PullActions({ workspace }: { workspace: Workspace }) {
  const onGitHub = useProjects((s) => Boolean(s.byId[workspace.projectId]?.github));
  const [creating, setCreating] = useState(false);
  if (!onGitHub) return null;
  const canCreate = workspace.status === 'READY' && (!workspace.pr || workspace.pr.state === 'CLOSED');
  return (
    <>
      {canCreate && (
        <button type="button" className="btn btn-small btn-primary" onClick={() => setCreating(true)}>
          Create pull request
        </button>
      )}
      <PullsRefresh projectId={workspace.projectId} />
      <CreatePullDialog workspace={workspace} open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
