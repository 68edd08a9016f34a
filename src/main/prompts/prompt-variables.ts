import type { Project } from '../../shared/contract/projects';
import type { Workspace } from '../../shared/contract/workspaces';

/**
 * The values every workspace-scoped prompt can use (quick actions, scheduled prompts, the iterate loop): the
 * fixed set a user's own prompt file may name. Missing facts are empty strings, so `{{#pr}}…{{/pr}}` skips.
 * Text written by others (issue titles, workspace names taken from them) is left out: it would reach the agent
 * unfenced in the middle of the user's instructions.
 */
export const WORKSPACE_VARIABLES = [
  'project',
  'branch',
  'base',
  'worktree',
  'issue',
  'issue_url',
  'pr',
  'pr_url',
] as const;
export type WorkspaceVariable = (typeof WORKSPACE_VARIABLES)[number];

export function workspaceVariables(
  workspace: Workspace,
  project: Project | null,
): Record<WorkspaceVariable, string> {
  return {
    project: project?.name ?? '',
    branch: workspace.branch,
    base: workspace.baseBranch,
    worktree: workspace.worktreePath,
    issue: workspace.issue ? `#${workspace.issue.number}` : '',
    issue_url: workspace.issue?.url ?? '',
    pr: workspace.pr ? `#${workspace.pr.number}` : '',
    pr_url: workspace.pr?.url ?? '',
  };
}
