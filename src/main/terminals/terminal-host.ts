import type { WorkspaceStatus } from '../../shared/contract/workspaces';
import { workspaceEnv } from '../workspaces/workspace-env';
import type { WorkspacesService } from '../workspaces/workspaces-service';

/** What a terminal needs to know about its workspace. */
export interface TerminalWorkspace {
  id: string;
  worktreePath: string;
  status: WorkspaceStatus;
  /** The workspace env envelope (FF_WORKSPACE, FF_WORKTREE, FF_BRANCH, FF_PORT, PORT). */
  env: Record<string, string>;
}

export interface RunScript {
  command: string;
  cwd: string;
  env: Record<string, string>;
}

/** What the terminals service needs from the workspaces domain (a seam for tests and for wiring order). */
export interface TerminalHost {
  getWorkspace(id: string): TerminalWorkspace | null;
  getRunScript(id: string): RunScript | null | Promise<RunScript | null>;
}

/** The host backed by the workspaces service: its entity, its env envelope and its `run` script. */
export function workspacesTerminalHost(
  workspaces: Pick<WorkspacesService, 'get' | 'getRunScript'>,
): TerminalHost {
  return {
    getWorkspace(id) {
      const workspace = workspaces.get(id);
      if (!workspace) return null;
      return {
        id: workspace.id,
        worktreePath: workspace.worktreePath,
        status: workspace.status,
        env: workspaceEnv(workspace),
      };
    },
    getRunScript: (id) => workspaces.getRunScript(id),
  };
}
