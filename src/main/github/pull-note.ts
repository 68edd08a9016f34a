import { resolveRef } from '../git/refs';
import { runGit } from '../git/run-git';
import type { PullFacts } from './pull-facts';

/**
 * What the user should know about a workspace's PR that its state alone does not say, or null: closed on
 * GitHub without merging, its branch deleted there, or its head moved to commits this workspace does not
 * have (pushed from elsewhere, or force-pushed). Reads only local git (`repo` is the project's repository,
 * whose branches the worktrees share); nothing is fetched or changed.
 */
export async function pullNote(repo: string, branch: string, pull: PullFacts): Promise<string | null> {
  if (pull.state === 'MERGED') return null;
  if (pull.state === 'CLOSED') {
    return pull.headDeleted
      ? 'Closed on GitHub without merging, and its branch was deleted there. The work is still on this workspace’s branch.'
      : 'Closed on GitHub without merging. Reopen it there, or archive this workspace.';
  }
  if (pull.headDeleted) {
    return 'Its branch was deleted on GitHub. Push the workspace to restore it, or close the pull request.';
  }
  const local = await resolveRef(repo, `refs/heads/${branch}`);
  if (!local || local === pull.headSha || !/^[0-9a-f]{40,64}$/.test(pull.headSha)) return null;
  const known = (await runGit(['cat-file', '-e', `${pull.headSha}^{commit}`], { cwd: repo })).ok;
  if (known && (await runGit(['merge-base', '--is-ancestor', pull.headSha, local], { cwd: repo })).ok) {
    return null; // The workspace is ahead of its PR: commits not pushed yet, nothing unusual.
  }
  const short = pull.headSha.slice(0, 7);
  return known
    ? `The pull request's head (${short}) was rewritten on GitHub (force-pushed) and differs from this workspace’s branch. Sync before pushing.`
    : `The pull request's head (${short}) has commits this workspace does not (pushed from elsewhere or force-pushed). Sync before pushing.`;
}
