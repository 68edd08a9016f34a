import { err, ok, type Result } from '../../shared/lib/result';
import { hasRemote, NETWORK_ENV, resolveRef } from './refs';
import { runGit } from './run-git';

export interface PushBranchOptions {
  /** A worktree or repository that has the branch. */
  cwd: string;
  /** The local branch, pushed to the branch of the same name on the remote. */
  branch: string;
  /** `origin` unless told otherwise. */
  remote?: string;
  /**
   * Replace the remote branch only if it still points at `expectedSha` (`--force-with-lease=<ref>:<sha>`): a
   * rewritten branch (after a rebase) is pushed, while commits someone else pushed meanwhile are never
   * overwritten. There is deliberately no plain force.
   */
  forceWithLease?: { expectedSha: string };
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface PushedBranch {
  remote: string;
  branch: string;
  /** The commit the remote branch now points at. */
  sha: string;
  /** The remote already had this commit; nothing was sent. */
  upToDate: boolean;
  /** The push replaced commits on the remote (only with `forceWithLease`). */
  forced: boolean;
}

/**
 * Why a push failed, as a value the caller can show or act on:
 * - `NO_REMOTE`: the repository has no such remote;
 * - `REJECTED`: the remote has commits the branch does not (non-fast-forward); sync first;
 * - `STALE_LEASE`: with `forceWithLease`, the remote branch is no longer at `expectedSha`;
 * - `AUTH_FAILED`: the remote refused our credentials (or asked for some and none could be given);
 * - `FAILED`: anything else (offline, a hook declined, an invalid argument), with git's own words.
 */
export interface PushProblem {
  kind: 'NO_REMOTE' | 'REJECTED' | 'STALE_LEASE' | 'AUTH_FAILED' | 'FAILED';
  message: string;
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * Pushes `branch` to the remote and sets it as the branch's upstream, through the git runner (non-interactive,
 * argument array, no shell). Never forces unless `forceWithLease` names the commit the remote must still have.
 */
export async function pushBranch(options: PushBranchOptions): Promise<Result<PushedBranch, PushProblem>> {
  const { cwd, branch } = options;
  const remote = options.remote ?? 'origin';
  const lease = options.forceWithLease;
  if (!branch || branch.startsWith('-') || remote.startsWith('-')) {
    return err({ kind: 'FAILED', message: `"${branch}" on "${remote}" is not a branch that can be pushed` });
  }
  if (lease && !SHA.test(lease.expectedSha)) {
    return err({
      kind: 'FAILED',
      message: `"${lease.expectedSha}" is not a full commit id to lease against`,
    });
  }
  if (!(await hasRemote(cwd, remote))) {
    return err({ kind: 'NO_REMOTE', message: `The repository has no "${remote}" remote to push to` });
  }
  const sha = await resolveRef(cwd, `refs/heads/${branch}`);
  if (!sha) return err({ kind: 'FAILED', message: `There is no local branch "${branch}" to push` });
  const ref = `refs/heads/${branch}`;
  const args = [
    'push',
    '--porcelain',
    '--set-upstream',
    ...(lease ? [`--force-with-lease=${ref}:${lease.expectedSha}`] : []),
    remote,
    `${ref}:${ref}`,
  ];
  const r = await runGit(args, {
    cwd,
    env: NETWORK_ENV,
    timeoutMs: options.timeoutMs ?? 120_000,
    signal: options.signal,
  });
  const line = refLine(r.stdout, ref);
  if (r.ok && line) {
    return ok({ remote, branch, sha, upToDate: line.flag === '=', forced: line.flag === '+' });
  }
  return err(classify(line?.summary ?? '', r.stderr, { remote, branch, lease }));
}

/** The porcelain line of our ref: `<flag>\t<from>:<to>\t<summary> (<reason>)`. */
function refLine(stdout: string, ref: string): { flag: string; summary: string } | null {
  for (const line of stdout.split('\n')) {
    const [flag, refs, summary] = line.split('\t');
    if (refs === `${ref}:${ref}` && flag !== undefined) return { flag, summary: summary ?? '' };
  }
  return null;
}

const AUTH =
  /Authentication failed|could not read (Username|Password)|Permission denied \(publickey|Invalid username or password|terminal prompts disabled|HTTP 40[13]|returned error: 40[13]|Write access to repository not granted|denied to /i;

function classify(
  summary: string,
  stderr: string,
  at: { remote: string; branch: string; lease?: { expectedSha: string } },
): PushProblem {
  const said = lastLines(stderr);
  if (/stale info/.test(summary)) {
    return {
      kind: 'STALE_LEASE',
      message: `${at.remote}/${at.branch} is no longer at ${at.lease?.expectedSha.slice(0, 12) ?? 'the expected commit'}: someone pushed to it meanwhile, so it was not overwritten`,
    };
  }
  if (/non-fast-forward|fetch first|rejected\]/.test(summary) && !/remote rejected/.test(summary)) {
    return {
      kind: 'REJECTED',
      message: `${at.remote}/${at.branch} has commits this branch does not have (non-fast-forward); sync with it first`,
    };
  }
  if (AUTH.test(stderr)) {
    return {
      kind: 'AUTH_FAILED',
      message: `${at.remote} refused the credentials for this push (${said}). Check git's access to the remote (for GitHub: \`gh auth setup-git\` or an SSH key).`,
    };
  }
  const reason = summary ? `${summary}${said ? `: ${said}` : ''}` : said;
  return { kind: 'FAILED', message: `git push to ${at.remote} failed: ${reason || 'no reason given'}` };
}

/** git's last meaningful words (its final `fatal:`/`error:` lines), without hints. */
function lastLines(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('hint:'));
  return lines.slice(-2).join(' ');
}
