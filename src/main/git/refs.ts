import { runGit } from './run-git';

/** Whether `name` is a valid branch name according to `git check-ref-format` (never passed as an option). */
export async function isValidBranchName(repo: string, name: string): Promise<boolean> {
  if (!name || name.startsWith('-') || name.includes('@{') || name === 'HEAD') return false;
  return (await runGit(['check-ref-format', `refs/heads/${name}`], { cwd: repo })).ok;
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
