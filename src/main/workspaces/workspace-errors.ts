import type { z } from 'zod';
import type { GitProblem, WorkspaceProblem, WorkspaceStatus } from '../../shared/contract/workspaces';

/** Expected failures of workspace operations; the router turns each into the contract's typed error. */
export type WorkspaceError =
  | { code: 'NOT_FOUND'; entity: 'workspace' | 'project' | 'script_run'; id: string }
  | { code: 'WORKSPACE_REJECTED'; problem: z.infer<typeof WorkspaceProblem>; detail: string }
  | { code: 'WRONG_STATUS'; status: WorkspaceStatus; allowed: WorkspaceStatus[] }
  | { code: 'GIT_REFUSED'; problem: z.infer<typeof GitProblem>; detail: string }
  | { code: 'ARCHIVE_REFUSED'; uncommittedFiles: string[]; unpushedCommits: number }
  | { code: 'UNAVAILABLE'; reason: string }
  | { code: 'INVALID'; field?: string; reason: string };

export const notFound = (id: string): WorkspaceError => ({ code: 'NOT_FOUND', entity: 'workspace', id });

export const wrongStatus = (status: WorkspaceStatus, allowed: WorkspaceStatus[]): WorkspaceError => ({
  code: 'WRONG_STATUS',
  status,
  allowed,
});

export const gitRefused = (problem: z.infer<typeof GitProblem>, detail: string): WorkspaceError => ({
  code: 'GIT_REFUSED',
  problem,
  detail,
});
