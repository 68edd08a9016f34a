import { ambiguousBranchReason } from '../../shared/lib/branch-name';
import { runGit } from './run-git';

/** Whether `name` is a valid branch name according to `git check-ref-format` (never passed as an option). */
export async function isValidBranchName(repo: string, name: string): Promise<boolean> {
  if (!name || name.startsWith('-') || name.includes('@{') || ambiguousBranchReason(name)) return false;
  return (await runGit(['check-ref-format', `refs/heads/${name}`], { cwd: repo })).ok;
}

/** Local branches and origin's remote-tracking branches, from one `git for-each-ref`. */
export async function listBranches(
  repo: string,
): Promise<{ local: Set<string>; origin: Set<string> } | null> {
  const r = await runGit(['for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/remotes/origin'], {
    cwd: repo,
  });
  if (!r.ok) return null;
  const local = new Set<string>();
  const origin = new Set<string>();
  for (const ref of r.stdout.split('\n')) {
    if (ref.startsWith('refs/heads/')) local.add(ref.slice('refs/heads/'.length));
    else if (ref.startsWith('refs/remotes/origin/')) origin.add(ref.slice('refs/remotes/origin/'.length));
  }
  return { local, origin };
}

export async function branchExists(repo: string, name: string): Promise<boolean> {
  return (await runGit(['show-ref', '--verify', '--quiet', `refs/heads/${name}`], { cwd: repo })).ok;
}

/** The commit a fully-qualified ref points to, or null. */
export async function resolveRef(cwd: string, ref: string): Promise<string | null> {
  const r = await runGit(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd });
  return r.ok ? r.stdout.trim() : null;
}

export async function hasRemote(repo: string, remote = 'origin'): Promise<boolean> {
  const r = await runGit(['remote'], { cwd: repo });
  return r.ok && r.stdout.split('\n').some((line) => line.trim() === remote);
}

/** Non-interactive network settings: never prompt, give up quickly when offline. */
export const NETWORK_ENV = {
  GIT_SSH_COMMAND: 'ssh -o BatchMode=yes -o ConnectTimeout=10',
  GIT_HTTP_LOW_SPEED_LIMIT: '1000',
  GIT_HTTP_LOW_SPEED_TIME: '15',
};

/**
 * Fetches one branch from origin into its remote-tracking ref. Returns null on success or the reason it
 * failed (offline, no such branch), so the caller can fall back to the local branch with a warning.
 */
export async function fetchBranch(repo: string, branch: string): Promise<string | null> {
  const r = await runGit(
    ['fetch', '--quiet', '--no-tags', 'origin', `refs/heads/${branch}:refs/remotes/origin/${branch}`],
    {
      cwd: repo,
      env: NETWORK_ENV,
      timeoutMs: 60_000,
    },
  );
  return r.ok ? null : r.stderr.trim().split('\n').pop() || `git fetch exited with ${r.code}`;
}
