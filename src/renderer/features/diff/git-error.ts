import { ORPCError } from '@orpc/client';
import { describeError } from '../../ui/describe-error';

/** A git failure in words: the typed GIT_REFUSED / WRONG_STATUS data says what to do. */
export function describeGitError(error: unknown): string {
  if (error instanceof ORPCError && error.data && typeof error.data === 'object') {
    const data = error.data as { problem?: string; detail?: string; status?: string };
    if (data.problem === 'NOTHING_TO_COMMIT') return 'Nothing to commit: the worktree is clean.';
    if (data.problem === 'NO_REMOTE') return 'This repository has no remote to push to.';
    if (data.problem === 'WORKTREE_DIRTY') return 'Commit or discard the uncommitted changes before syncing.';
    if (data.detail) return `${error.message}: ${data.detail}`;
    if (data.status) return `${error.message} (workspace is ${data.status.toLowerCase()})`;
  }
  return describeError(error);
}
