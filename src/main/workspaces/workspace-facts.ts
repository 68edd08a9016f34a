import type { z } from 'zod';
import { Workspace } from '../../shared/contract/workspaces';
import { err, ok, type Result } from '../../shared/lib/result';
import type { WorkspaceError } from './workspace-errors';
import type { WorkspacePatch } from './workspaces-repository';

/**
 * What another service learns about a workspace from outside git (the GitHub service: its issue, its pull
 * request, CI and review state; Ratchet: whether it is on), in the contract's own shapes. A key left out is kept; null clears it.
 */
export const WorkspaceFacts = Workspace.pick({
  issue: true,
  pr: true,
  ciState: true,
  reviewState: true,
  prDetails: true,
  ratchetEnabled: true,
})
  .partial()
  .strict();
export type WorkspaceFacts = z.infer<typeof WorkspaceFacts>;

/** The columns that store the given facts (and only those); INVALID when they do not fit the contract's shapes. */
export function factsPatch(input: WorkspaceFacts): Result<WorkspacePatch, WorkspaceError> {
  const parsed = WorkspaceFacts.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err({ code: 'INVALID', field: issue?.path.join('.'), reason: issue?.message ?? 'Invalid facts' });
  }
  const facts = parsed.data;
  const patch: WorkspacePatch = {};
  if (facts.issue !== undefined) {
    patch.issueNumber = facts.issue?.number ?? null;
    patch.issueTitle = facts.issue?.title ?? null;
    patch.issueUrl = facts.issue?.url ?? null;
  }
  if (facts.pr !== undefined) {
    patch.prNumber = facts.pr?.number ?? null;
    patch.prUrl = facts.pr?.url ?? null;
    patch.prState = facts.pr?.state ?? null;
  }
  if (facts.ciState !== undefined) patch.ciState = facts.ciState;
  if (facts.reviewState !== undefined) patch.reviewState = facts.reviewState;
  if (facts.prDetails !== undefined) patch.prDetails = facts.prDetails;
  if (facts.ratchetEnabled !== undefined) patch.ratchetEnabled = facts.ratchetEnabled;
  return ok(patch);
}
