import type { ContractClient } from '@shared/contract';
import type { Workspace } from '@shared/contract/workspaces';
import { toast } from 'sonner';
import { useWorkspaces } from '../../stores/workspaces-store';
import { describeError, typedError } from '../../ui/describe-error';

/**
 * Archives at once: the core itself refuses (ARCHIVE_REFUSED) when uncommitted files or unpushed commits
 * would be lost, and the toast then says what and offers to archive anyway. Archived work can be restored.
 */
export async function archiveWorkspace(
  client: ContractClient,
  workspace: Workspace,
  force = false,
): Promise<void> {
  try {
    const archived = await client.workspaces.archive({ id: workspace.id, force });
    useWorkspaces.getState().upsert(archived);
    toast.success(`Archived ${workspace.name}`, {
      action: { label: 'Restore', onClick: () => void restoreWorkspace(client, workspace) },
    });
  } catch (error) {
    const refused = typedError<{ uncommittedFiles: string[]; unpushedCommits: number }>(
      error,
      'ARCHIVE_REFUSED',
    );
    if (refused) {
      const { uncommittedFiles, unpushedCommits } = refused.data;
      const parts = [
        uncommittedFiles.length ? `${uncommittedFiles.length} uncommitted file(s)` : null,
        unpushedCommits ? `${unpushedCommits} unpushed commit(s)` : null,
      ].filter(Boolean);
      toast.warning(`${workspace.name} has ${parts.join(' and ')}`, {
        description: 'Archiving removes the worktree; the branch is kept.',
        action: { label: 'Archive anyway', onClick: () => void archiveWorkspace(client, workspace, true) },
      });
      return;
    }
    toast.error(`Could not archive ${workspace.name}`, { description: describeError(error) });
  }
}

async function restoreWorkspace(client: ContractClient, workspace: Workspace): Promise<void> {
  try {
    useWorkspaces.getState().upsert(await client.workspaces.unarchive({ id: workspace.id }));
  } catch (error) {
    toast.error(`Could not restore ${workspace.name}`, { description: describeError(error) });
  }
}
