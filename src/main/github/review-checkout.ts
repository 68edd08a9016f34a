import { firstFreeName, slugify } from '../../shared/lib/branch-name';
import { err, ok, type Result } from '../../shared/lib/result';
import { fetchBranch, isValidBranchName, listBranches, NETWORK_ENV, resolveRef } from '../git/refs';
import { runGit } from '../git/run-git';

export interface FetchedPull {
  /** The new local branch holding the PR's head. */
  branch: string;
  sha: string;
  /** Set when the base could not be fetched (the local one is used). */
  warning: string | null;
}

const MAX_DIFF_SUMMARY = 8_000;

/**
 * Fetches a pull request's head (`refs/pull/<n>/head`, which GitHub keeps for every PR, forks included) from
 * origin into a new local branch `review/<n>-<slug>` (a free name; an existing branch is never overwritten),
 * and the PR's base into its remote-tracking branch so the diff is against what the PR targets.
 */
export async function fetchPullHead(
  repo: string,
  pull: { number: number; title: string; baseRef: string },
  takenByWorkspace: (branch: string) => boolean,
): Promise<Result<FetchedPull, string>> {
  const branches = await listBranches(repo);
  if (!branches) return err(`Cannot read the branches of ${repo}`);
  const candidate = `review/${pull.number}-${slugify(pull.title) || 'pr'}`;
  const branch = await firstFreeName(
    candidate,
    (b) => takenByWorkspace(b) || branches.local.has(b) || branches.origin.has(b),
  );
  if (!branch || !(await isValidBranchName(repo, branch))) {
    return err(`No free branch name like ${candidate} is left`);
  }
  const fetched = await runGit(
    ['fetch', '--quiet', '--no-tags', 'origin', `refs/pull/${pull.number}/head:refs/heads/${branch}`],
    { cwd: repo, env: NETWORK_ENV, timeoutMs: 120_000 },
  );
  if (!fetched.ok) {
    const line = fetched.stderr.trim().split('\n').pop() || `git fetch exited with ${fetched.code}`;
    return err(`Could not fetch pull/${pull.number}/head from origin: ${line}`);
  }
  const sha = await resolveRef(repo, `refs/heads/${branch}`);
  if (!sha) return err(`The fetched head of #${pull.number} is not a commit`);
  const baseFailure = await fetchBranch(repo, pull.baseRef);
  const warning = baseFailure
    ? `Could not fetch ${pull.baseRef} from origin (${baseFailure}); the diff is against the local ${pull.baseRef}`
    : null;
  return ok({ branch, sha, warning });
}

/**
 * Removes a review branch this app just fetched when its workspace could not be made, only while it still
 * points at the fetched commit (so nothing anyone added is lost). Returns whether it was removed.
 */
export async function forgetFetchedBranch(repo: string, branch: string, sha: string): Promise<boolean> {
  return (await runGit(['update-ref', '-d', `refs/heads/${branch}`, sha], { cwd: repo })).ok;
}

/** `git diff --stat --summary` of the review branch against the merge base with the PR's base, capped. */
export async function diffSummary(repo: string, branch: string, baseRef: string): Promise<string> {
  const remote = `refs/remotes/origin/${baseRef}`;
  const base = (await resolveRef(repo, remote)) ? remote : `refs/heads/${baseRef}`;
  const r = await runGit(
    ['diff', '--no-color', '--no-ext-diff', '--stat=160,100', '--summary', `${base}...refs/heads/${branch}`],
    { cwd: repo },
  );
  if (!r.ok) return '';
  return r.stdout.length > MAX_DIFF_SUMMARY
    ? `${r.stdout.slice(0, MAX_DIFF_SUMMARY)}\n[diff summary cut at ${MAX_DIFF_SUMMARY} characters]`
    : r.stdout;
}
