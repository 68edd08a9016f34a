import type { z } from 'zod';
import { Workspace } from '../../shared/contract/workspaces';
import type { WorkspacePatch } from './workspaces-repository';

/**
 * What another service learns about a workspace from outside git (the GitHub service: its issue, its pull
 * request, CI and review state), in the contract's own shapes. A key left out is kept; null clears it.
 */
export const WorkspaceFacts = Workspace.pick({ issue: true, pr: true, ciState: true, reviewState: true })
  .partial()
  .strict();
export type WorkspaceFacts = z.infer<typeof WorkspaceFacts>;

/** The columns that store the given facts (and only those). */
export function factsPatch(facts: WorkspaceFacts): WorkspacePatch {
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
  return patch;
}
