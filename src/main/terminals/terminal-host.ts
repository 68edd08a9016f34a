import { eq } from 'drizzle-orm';
import type { Db } from '../store/database';
import { projects, workspaces } from '../store/schema';

/** What a terminal needs to know about its workspace. */
export interface TerminalWorkspace {
  id: string;
  worktreePath: string;
  /** NEW | PROVISIONING | READY | FAILED | ARCHIVING | ARCHIVED */
  status: string;
  /** The workspace env envelope (FF_WORKSPACE, FF_WORKTREE, FF_BRANCH, FF_PORT, PORT). */
  env: Record<string, string>;
}

export interface RunScript {
  command: string;
  cwd: string;
  env: Record<string, string>;
}

/** What the terminals service needs from the workspaces domain. */
export interface TerminalHost {
  getWorkspace(id: string): TerminalWorkspace | null;
  getRunScript(id: string): RunScript | null | Promise<RunScript | null>;
}

/**
 * Reads workspace rows directly. Stands in until the workspaces service is wired into the core; then the
 * core passes a host built on `workspaces.get`, `workspaceEnv` and `workspaces.getRunScript`.
 */
export function storeTerminalHost(db: Db): TerminalHost {
  const getWorkspace = (id: string): TerminalWorkspace | null => {
    const row = db.select().from(workspaces).where(eq(workspaces.id, id)).get();
    if (!row) return null;
    const port = row.runPort == null ? '' : String(row.runPort);
    return {
      id: row.id,
      worktreePath: row.worktreePath,
      status: row.status,
      env: {
        FF_WORKSPACE: row.id,
        FF_WORKTREE: row.worktreePath,
        FF_BRANCH: row.branch,
        FF_PORT: port,
        PORT: port,
      },
    };
  };
  return {
    getWorkspace,
    getRunScript(id) {
      const workspace = db.select().from(workspaces).where(eq(workspaces.id, id)).get();
      if (!workspace) return null;
      const project = db.select().from(projects).where(eq(projects.id, workspace.projectId)).get();
      const command = project?.scripts?.run?.trim();
      if (!command) return null;
      return { command, cwd: workspace.worktreePath, env: getWorkspace(id)!.env };
    },
  };
}
