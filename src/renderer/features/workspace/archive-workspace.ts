import { isDefinedError, safe } from '@orpc/client';
import type { ContractClient } from '@shared/contract';
import type { Workspace } from '@shared/contract/workspaces';
import { toast } from 'sonner';
import { useWorkspaces } from '../../stores/workspaces-store';
import { describeError } from '../../ui/describe-error';

/**
 * Archives at once: the core itself refuses (ARCHIVE_REFUSED) when uncommitted files or unpushed commits
 * would be lost, and the toast then says what and offers to archive anyway. Archived work can be restored.
 */
export async function archiveWorkspace(
  client: ContractClient,
  workspace: Workspace,
  force = false,
): Promise<void> {
  const [error, archived] = await safe(client.workspaces.archive({ id: workspace.id, force }));
  if (!error) {
    useWorkspaces.getState().upsert(archived);
    toast.success(`Archived ${workspace.name}`, {
      action: { label: 'Restore', onClick: () => void restoreWorkspace(client, workspace) },
    });
    return;
  }
  if (isDefinedError(error) && error.code === 'ARCHIVE_REFUSED') {
    toast.warning(`${workspace.name} was not archived`, {
      description: error.message,
      action: { label: 'Archive anyway', onClick: () => void archiveWorkspace(client, workspace, true) },
    });
    return;
  }
  toast.error(`Could not archive ${workspace.name}`, { description: describeError(error) });
}

async function restoreWorkspace(client: ContractClient, workspace: Workspace): Promise<void> {
  try {
    useWorkspaces.getState().upsert(await client.workspaces.unarchive({ id: workspace.id }));
  } catch (error) {
    toast.error(`Could not restore ${workspace.name}`, { description: describeError(error) });
  }
}
