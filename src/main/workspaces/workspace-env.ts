import type { Workspace } from '../../shared/contract/workspaces';

/** The environment every workspace script, terminal and agent gets (besides its own allow-listed env). */
export interface WorkspaceEnv {
  FF_WORKSPACE: string;
  FF_WORKTREE: string;
  FF_BRANCH: string;
  FF_PORT: string;
  PORT: string;
  [key: string]: string;
}

/** The env envelope of a workspace. FF_PORT/PORT are empty when no port is assigned (archived). */
export function workspaceEnv(
  workspace: Pick<Workspace, 'id' | 'worktreePath' | 'branch' | 'runPort'>,
): WorkspaceEnv {
  const port = workspace.runPort == null ? '' : String(workspace.runPort);
  return {
    FF_WORKSPACE: workspace.id,
    FF_WORKTREE: workspace.worktreePath,
    FF_BRANCH: workspace.branch,
    FF_PORT: port,
    PORT: port,
  };
}
